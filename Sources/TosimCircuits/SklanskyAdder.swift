//===--- SklanskyAdder.swift -----------------------------------------------===//
// The Sklansky (conditional-sum, divide-and-conquer) parallel-prefix adder
// (Sklansky, IRE Trans. Electronic Computers EC-9(2), 1960): at level k every
// position whose bit k is set combines with the last position of the block
// below it. log2 n levels, (n/2)·log2 n prefix nodes for n a power of two,
// fan-out up to n/2.
// CLI: `tosim eval int32.add:sklansky`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension PrefixNetwork {
  /// The Sklansky network over `width` positions.
  public static func sklansky(width: Int) -> PrefixNetwork {
    var levels: [[Node]] = []
    var block = 1
    while block < width {
      let nodes = (0..<width).filter { $0 & block != 0 }.map {
        Node(position: $0, lowPosition: ($0 & ~(block - 1)) - 1)
      }
      levels.append(nodes)
      block *= 2
    }
    return PrefixNetwork(width: width, levels: levels)
  }
}

extension Adders {
  /// Inserts a Sklansky adder computing `a + b + carryIn`.
  ///
  /// - Complexity: ⌈log2 n⌉ prefix levels; (n/2)·log2 n prefix nodes for n a
  ///   power of two (plus one cell absorbing a variable carry-in).
  public static func sklansky(into netlist: inout Netlist, a: [NetID], b: [NetID], carryIn: NetID) -> Outputs {
    prefixAdder(.sklansky(width: a.count), into: &netlist, a: a, b: b, carryIn: carryIn)
  }
}
