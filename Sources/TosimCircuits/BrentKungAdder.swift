//===--- BrentKungAdder.swift ----------------------------------------------===//
// The Brent–Kung parallel-prefix adder (Brent & Kung, IEEE Trans. Computers
// C-31(3), 1982): an up-sweep builds the spans of aligned power-of-two blocks
// (a binary tree), a down-sweep fills in the positions in between.
// 2·log2 n − 1 levels and 2n − 2 − log2 n prefix nodes for n a power of two,
// fan-out 2.
// CLI: `tosim eval int32.add:brent-kung`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension PrefixNetwork {
  /// The Brent–Kung network over `width` positions.
  public static func brentKung(width: Int) -> PrefixNetwork {
    var levels: [[Node]] = []
    // Up-sweep: position i with (i + 1) divisible by 2d absorbs i − d.
    var distance = 1
    while 2 * distance <= width {
      let step = 2 * distance
      levels.append(stride(from: step - 1, to: width, by: step).map { Node(position: $0, lowPosition: $0 - distance) })
      distance *= 2
    }
    // Down-sweep: position i with (i + 1) an odd multiple of d (at least 3d)
    // absorbs i − d, whose span already starts at bit 0.
    distance /= 2
    while distance >= 1 {
      let step = 2 * distance
      levels.append(stride(from: 3 * distance - 1, to: width, by: step).map { Node(position: $0, lowPosition: $0 - distance) })
      distance /= 2
    }
    return PrefixNetwork(width: width, levels: levels)
  }
}

extension Adders {
  /// Inserts a Brent–Kung adder computing `a + b + carryIn`.
  ///
  /// - Complexity: 2⌈log2 n⌉ − 1 prefix levels at most; 2n − 2 − log2 n
  ///   prefix nodes for n a power of two (plus one cell absorbing a variable
  ///   carry-in).
  public static func brentKung(into netlist: inout Netlist, a: [NetID], b: [NetID], carryIn: NetID) -> Outputs {
    prefixAdder(.brentKung(width: a.count), into: &netlist, a: a, b: b, carryIn: carryIn)
  }
}
