//===--- DigitRecurrenceSquareRoot.swift -----------------------------------===//
// The restoring digit-recurrence integer square root (the "long-hand"
// method; Parhami, "Computer Arithmetic" ch. 21): the radicand is taken two
// bits at a time from the top. With the root Q found so far and remainder R,
// each row forms R' = 4R + next two bits and tries R' − (4Q + 1) with a
// ripple of full adders; no borrow sets the new root bit and keeps the
// difference, otherwise MUX2 cells restore R'. Row k is k + 3 bits wide, so
// the whole array is about n²/8 full adders for an n-bit radicand.
// CLI: `tosim eval int32.sqrt:digit-recurrence`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension SquareRoots {
  /// Inserts a restoring digit-recurrence square root.
  public static func digitRecurrence(into netlist: inout Netlist, a: [NetID]) -> Outputs {
    let m = rootWidth(for: a.count)
    let radicand = a + [NetID](repeating: Netlist.constant0, count: 2 * m - a.count)
    var root: [NetID] = []  // bits found so far, bit 0 first
    var remainder: [NetID] = [Netlist.constant0]  // R, k + 1 bits before row k
    for k in 0..<m {
      let i = m - 1 - k
      // R' = 4R + (a[2i+1] a[2i]), k + 3 bits.
      let shifted = [radicand[2 * i], radicand[2 * i + 1]] + remainder
      // 4Q + 1, k + 3 bits (Q has k bits).
      let subtrahend = [Netlist.constant1, Netlist.constant0] + root + [Netlist.constant0]
      let trial = Adders.rippleCarry(into: &netlist, a: shifted, b: netlist.inverters(subtrahend), carryIn: Netlist.constant1)
      let bit = trial.carryOut
      root = [bit] + root
      // The new remainder is at most 2Q' < 2^(k+2): k + 2 bits.
      remainder = netlist.mux2(select: bit, whenZero: Array(shifted.prefix(k + 2)), whenOne: Array(trial.sum.prefix(k + 2)))
    }
    return Outputs(root: root, remainder: remainder)
  }
}
