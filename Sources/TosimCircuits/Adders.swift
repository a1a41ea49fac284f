//===--- Adders.swift ------------------------------------------------------===//
// The adder family namespace and the designs it offers. Each design lives in
// its own file (RippleCarryAdder.swift, …) as a static function that inserts
// an adder into a netlist the caller owns and returns its output nets.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// Adder generators: `a + b + carryIn` over equal-width operands.
public enum Adders {
  /// The output nets of an adder.
  public struct Outputs: Sendable {
    /// The sum bits, bit 0 first.
    public var sum: [NetID]
    /// The carry out of the most significant bit.
    public var carryOut: NetID
  }

  /// The adder architectures tosim generates.
  public enum Design: String, CaseIterable, Sendable {
    case rippleCarry = "ripple-carry"

    /// The cells the design uses.
    public var requiredCells: [String] {
      switch self {
      case .rippleCarry: return ["FA"]
      }
    }
  }

  /// Inserts an adder of the given design.
  public static func build(
    _ design: Design, into netlist: inout Netlist, a: [NetID], b: [NetID], carryIn: NetID
  ) -> Outputs {
    switch design {
    case .rippleCarry: return rippleCarry(into: &netlist, a: a, b: b, carryIn: carryIn)
    }
  }
}
