//===--- SquareRoots.swift -------------------------------------------------===//
// The integer square-root family: for an n-bit a, the root ⌊√a⌋ (⌈n/2⌉
// bits) and the remainder a − root² (⌈n/2⌉ + 1 bits). Designs:
// `digit-recurrence` (restoring, one root bit per row) and `newton-raphson`
// (reciprocal square root by Newton–Raphson iteration, root = a·y, then a
// remainder-based correction).
// CLI: `tosim eval int32.sqrt`, `tosim explore sqrt --width 32`.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// Integer square-root generators.
public enum SquareRoots {
  /// The square-root architectures tosim generates.
  public enum Design: String, CaseIterable, Sendable {
    /// Restoring digit recurrence, one root bit per row.
    case digitRecurrence = "digit-recurrence"
    /// Newton–Raphson reciprocal square root, then root = a·y, corrected.
    case newtonRaphson = "newton-raphson"
  }

  /// The output nets of a square root.
  public struct Outputs: Sendable {
    /// ⌊√a⌋, ⌈n/2⌉ bits, bit 0 first.
    public var root: [NetID]
    /// a − root², ⌈n/2⌉ + 1 bits, bit 0 first.
    public var remainder: [NetID]
  }

  /// The root width for an n-bit radicand: ⌈n/2⌉.
  public static func rootWidth(for n: Int) -> Int { (n + 1) / 2 }

  /// Inserts a square root of the given design.
  public static func build(_ design: Design, into netlist: inout Netlist, a: [NetID]) -> Outputs {
    precondition(!a.isEmpty)
    switch design {
    case .digitRecurrence: return digitRecurrence(into: &netlist, a: a)
    case .newtonRaphson: return newtonRaphson(into: &netlist, a: a)
    }
  }
}
