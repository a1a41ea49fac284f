//===--- Comparators.swift -------------------------------------------------===//
// Comparators: equality (XNOR2 per bit, AND2 tree) and magnitude (a < b from
// the carry out of a + ¬b + 1, built by any adder design, whose sum bits
// the unit sweep removes; signed: XOR with both sign bits).
// CLI: `tosim eval int32.cmp:kogge-stone`, `tosim eval int32.scmp`
// (y bit 0 = a < b, bit 1 = a == b).
//===----------------------------------------------------------------------===//
import TosimNetlist

/// Comparator generators.
public enum Comparators {
  /// Inserts `a == b`.
  public static func equal(into netlist: inout Netlist, a: [NetID], b: [NetID]) -> NetID {
    precondition(a.count == b.count)
    return netlist.andTree(zip(a, b).map { netlist.xnor2($0, $1) })
  }

  /// Inserts `a < b` (unsigned, or two's complement with `isSigned`) using
  /// the carry chain of an adder of `design`.
  public static func lessThan(
    _ design: Adders.Design, into netlist: inout Netlist, a: [NetID], b: [NetID], isSigned: Bool = false
  ) -> NetID {
    let difference = Adders.subtract(design, into: &netlist, a: a, b: b)
    let less = netlist.inverter(difference.carryOut)
    guard isSigned, let signA = a.last, let signB = b.last else { return less }
    return netlist.xor2(less, netlist.xor2(signA, signB))
  }
}
