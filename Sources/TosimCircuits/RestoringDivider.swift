//===--- RestoringDivider.swift --------------------------------------------===//
// The restoring array divider (Hennessy & Patterson, App. J.2; Parhami,
// "Computer Arithmetic" ch. 13): n rows, one per quotient bit from the top.
// Row i shifts the partial remainder left and brings in a[i] (n + 1 bits),
// subtracts b with a ripple of full adders (b inverted once, carry-in 1);
// the carry out is the quotient bit (no borrow: remainder ≥ b) and n MUX2
// cells keep the difference or restore the shifted remainder. About n² FA and
// n² MUX2; constants fold the first rows. A zero divisor never borrows, so
// the quotient is all ones and the remainder is a.
// CLI: `tosim eval int16.div:restoring`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension Dividers {
  /// Inserts a restoring array divider.
  public static func restoring(into netlist: inout Netlist, a: [NetID], b: [NetID]) -> Outputs {
    let n = a.count
    let notB = netlist.inverters(b) + [Netlist.constant1]  // ¬(0·2^n + b), n + 1 bits
    var remainder = [NetID](repeating: Netlist.constant0, count: n)
    var quotient = [NetID](repeating: Netlist.constant0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
      let shifted = [a[i]] + remainder  // n + 1 bits
      let trial = Adders.rippleCarry(into: &netlist, a: shifted, b: notB, carryIn: Netlist.constant1)
      let bit = trial.carryOut
      quotient[i] = bit
      remainder = netlist.mux2(select: bit, whenZero: Array(shifted.prefix(n)), whenOne: Array(trial.sum.prefix(n)))
    }
    return Outputs(quotient: quotient, remainder: remainder)
  }
}
