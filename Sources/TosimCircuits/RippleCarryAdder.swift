//===--- RippleCarryAdder.swift --------------------------------------------===//
// The ripple-carry adder: a chain of n full adders, the carry out of bit i
// feeding the carry in of bit i+1. n FA cells, depth n.
// CLI: `tosim eval int32.add:ripple-carry`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension Adders {
  /// Inserts an n-bit ripple-carry adder computing `a + b + carryIn`.
  ///
  /// - Precondition: `a.count == b.count >= 1`; the library has `FA`.
  /// - Complexity: n full adders; the critical path is n cells.
  public static func rippleCarry(into netlist: inout Netlist, a: [NetID], b: [NetID], carryIn: NetID) -> Outputs {
    precondition(a.count == b.count && !a.isEmpty)
    var carry = carryIn
    var sum: [NetID] = []
    for i in a.indices {
      let out = netlist.add("FA", a[i], b[i], carry)
      sum.append(out[0])
      carry = out[1]
    }
    return Outputs(sum: sum, carryOut: carry)
  }
}
