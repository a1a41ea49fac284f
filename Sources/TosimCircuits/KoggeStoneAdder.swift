//===--- KoggeStoneAdder.swift ---------------------------------------------===//
// The Kogge–Stone parallel-prefix adder (Kogge & Stone, IEEE Trans.
// Computers C-22(8), 1973): at level k every position i ≥ 2^k combines with
// position i − 2^k. log2 n levels, fan-out at most 2, n·log2 n − n + 1
// prefix nodes for n a power of two.
// CLI: `tosim eval int32.add:kogge-stone`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension PrefixNetwork {
  /// The Kogge–Stone network over `width` positions.
  public static func koggeStone(width: Int) -> PrefixNetwork {
    var levels: [[Node]] = []
    var distance = 1
    while distance < width {
      levels.append((distance..<width).map { Node(position: $0, lowPosition: $0 - distance) })
      distance *= 2
    }
    return PrefixNetwork(width: width, levels: levels)
  }
}

extension Adders {
  /// Inserts a Kogge–Stone adder computing `a + b + carryIn`.
  ///
  /// - Complexity: ⌈log2 n⌉ prefix levels; n·log2 n − n + 1 prefix nodes
  ///   for n a power of two (plus one cell absorbing a variable carry-in).
  public static func koggeStone(into netlist: inout Netlist, a: [NetID], b: [NetID], carryIn: NetID) -> Outputs {
    prefixAdder(.koggeStone(width: a.count), into: &netlist, a: a, b: b, carryIn: carryIn)
  }
}
