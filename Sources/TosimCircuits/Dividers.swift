//===--- Dividers.swift ----------------------------------------------------===//
// The unsigned divider family: quotient and remainder of two n-bit operands.
// Designs: `restoring` and `non-restoring` array dividers (one row of
// controlled subtract or add/subtract cells per quotient bit) and
// `newton-raphson` (reciprocal by Newton–Raphson iteration from a seed table,
// then a quotient estimate and a remainder-based correction).
// Division by zero is defined as in RISC-V: quotient 2^n − 1 (all ones),
// remainder = the dividend; every design produces exactly that.
// CLI: `tosim eval int32.div:non-restoring`, `tosim explore dividers --width 32`.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// Divider generators: `a / b` and `a % b`, unsigned.
public enum Dividers {
  /// The divider architectures tosim generates.
  public enum Design: String, CaseIterable, Sendable {
    /// Array of rows of trial subtraction and restore multiplexers.
    case restoring
    /// Array of rows of controlled add/subtract cells, one final correction.
    case nonRestoring = "non-restoring"
    /// Newton–Raphson reciprocal, multiply, remainder-based correction.
    case newtonRaphson = "newton-raphson"
  }

  /// The output nets of a divider.
  public struct Outputs: Sendable {
    /// The quotient, n bits, bit 0 first.
    public var quotient: [NetID]
    /// The remainder, n bits, bit 0 first.
    public var remainder: [NetID]
  }

  /// Inserts a divider of the given design.
  ///
  /// - Edge cases: `b == 0` gives quotient 2^n − 1 and remainder `a`.
  /// - Precondition: `a.count == b.count >= 1`.
  public static func build(_ design: Design, into netlist: inout Netlist, a: [NetID], b: [NetID]) -> Outputs {
    precondition(a.count == b.count && !a.isEmpty)
    switch design {
    case .restoring: return restoring(into: &netlist, a: a, b: b)
    case .nonRestoring: return nonRestoring(into: &netlist, a: a, b: b)
    case .newtonRaphson: return newtonRaphson(into: &netlist, a: a, b: b)
    }
  }
}
