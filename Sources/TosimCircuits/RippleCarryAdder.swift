//===--- RippleCarryAdder.swift --------------------------------------------===//
// The ripple-carry adder: a chain of n full adders, the carry out of bit i
// feeding the carry in of bit i+1. n FA cells (a constant carry-in turns the
// first into a half adder), depth n.
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
      let out = netlist.fullAdder(a[i], b[i], carry)
      sum.append(out.sum)
      carry = out.carry
    }
    return Outputs(sum: sum, carryOut: carry)
  }
}
