//===--- Shifters.swift ----------------------------------------------------===//
// The logarithmic barrel shifter: stage k shifts by 2^k when bit k of the
// amount is set (one MUX2 per bit per stage), so ⌈log2 n⌉ stages shift by
// any amount; amounts of n or more shift everything out. A right shift can
// also report the sticky bit — the OR of every 1 shifted out — which
// floating-point rounding needs: each stage ORs the bits it drops, gated by
// its amount bit. Fill is a net: 0 for logical shifts, the sign bit for
// arithmetic right shifts.
// CLI: `tosim eval int32.shl`, `int32.shr` (y, sticky), `int32.sar`.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// Shifter generators.
public enum Shifters {
  /// The direction of a shift.
  public enum Direction: Sendable {
    /// Towards the most significant bit (multiplies by 2^amount).
    case left
    /// Towards the least significant bit.
    case right
  }

  /// The number of amount bits that can shift an n-bit value out entirely
  /// (at least 1): ⌈log2 n⌉, or 1 for n = 1.
  public static func amountWidth(for n: Int) -> Int {
    var bits = 1
    while 1 << bits < n { bits += 1 }
    return bits
  }

  /// Inserts a barrel shifter.
  ///
  /// - Parameters:
  ///   - amount: the shift amount, bit 0 first (any width).
  ///   - fill: the net shifted in (constant 0, or the sign for `sar`).
  /// - Returns: the shifted value and the sticky bit (OR of the 1 bits
  ///   shifted out; constant 0 for left shifts).
  public static func barrelShift(
    into netlist: inout Netlist, value: [NetID], amount: [NetID], direction: Direction, fill: NetID = Netlist.constant0
  ) -> (result: [NetID], sticky: NetID) {
    let n = value.count
    var current = value
    var sticky = Netlist.constant0
    for (k, select) in amount.enumerated() {
      let distance = k < 62 ? 1 << k : Int.max
      let shifted: [NetID] = (0..<n).map { i in
        switch direction {
        case .left: return i >= distance ? current[i - distance] : fill
        case .right: return distance < n - i ? current[i + distance] : fill
        }
      }
      if direction == .right {
        let dropped = Array(current.prefix(min(distance, n)))
        sticky = netlist.or2(sticky, netlist.and2(select, netlist.orTree(dropped)))
      }
      current = netlist.mux2(select: select, whenZero: current, whenOne: shifted)
    }
    return (current, sticky)
  }
}
