//===--- NonRestoringDivider.swift -----------------------------------------===//
// The non-restoring array divider (Parhami, "Computer Arithmetic" §13.4;
// Hennessy & Patterson App. J.2): the partial remainder stays in two's
// complement (n + 1 bits). Each row shifts it left, brings in a[i], and adds
// b when the previous remainder was negative or subtracts it otherwise —
// controlled add/subtract cells, an XOR2 on b and a full adder per bit, the
// carry-in being the subtract control. The quotient bit is the complement of
// the new remainder's sign. One final n-bit ripple adder adds b back when
// the last remainder is negative. A zero divisor keeps every remainder
// non-negative: quotient all ones, remainder a.
// CLI: `tosim eval int16.div:non-restoring`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension Dividers {
  /// Inserts a non-restoring array divider.
  public static func nonRestoring(into netlist: inout Netlist, a: [NetID], b: [NetID]) -> Outputs {
    let n = a.count
    let divisor = b + [Netlist.constant0]  // n + 1 bits
    var remainder = [NetID](repeating: Netlist.constant0, count: n + 1)  // two's complement
    var quotient = [NetID](repeating: Netlist.constant0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
      let adds = remainder[n]  // previous remainder negative: add b
      let shifted = [a[i]] + remainder.prefix(n)  // 2R + a[i] modulo 2^(n+1)
      let operand = divisor.map { netlist.xnor2($0, adds) }  // b, or ¬b when subtracting
      let row = Adders.rippleCarry(into: &netlist, a: shifted, b: operand, carryIn: netlist.inverter(adds))
      remainder = row.sum
      quotient[i] = netlist.inverter(remainder[n])
    }
    // Correction: a negative remainder gets b added back (n bits suffice).
    let addBack = b.map { netlist.and2($0, remainder[n]) }
    let corrected = Adders.rippleCarry(into: &netlist, a: Array(remainder.prefix(n)), b: addBack, carryIn: Netlist.constant0)
    return Outputs(quotient: quotient, remainder: corrected.sum)
  }
}
