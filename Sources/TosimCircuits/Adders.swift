//===--- Adders.swift ------------------------------------------------------===//
// The adder family: the designs it offers, one entry point that builds any of
// them, and the subtract and compare variants built on them (a - b as
// a + ~b + 1; a < b from the carry out of that sum). Each design lives in its
// own file (RippleCarryAdder.swift, KoggeStoneAdder.swift, …) as a static
// function that inserts an adder into a netlist the caller owns and returns
// its output nets. CLI: `tosim eval int32.add:kogge-stone`,
// `tosim eval int32.sub:brent-kung`, `tosim eval int32.cmp`,
// `tosim explore adders --width 32`.
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
    /// A chain of full adders (depth n).
    case rippleCarry = "ripple-carry"
    /// Two-level lookahead in 4-bit groups, groups of groups recursively.
    case carryLookahead = "carry-lookahead"
    /// Parallel prefix, log2 n levels, no node fans out to more than 2.
    case koggeStone = "kogge-stone"
    /// Parallel prefix, 2 log2 n − 1 levels, fewest nodes.
    case brentKung = "brent-kung"
    /// Parallel prefix, log2 n levels, divide and conquer (high fan-out).
    case sklansky = "sklansky"
    /// Blocks added twice (carry 0 and 1) and selected by the incoming carry.
    case carrySelect = "carry-select"
    /// Ripple blocks whose carry skips the block when every bit propagates.
    case carrySkip = "carry-skip"
  }

  /// Inserts an adder of the given design computing `a + b + carryIn`.
  ///
  /// - Precondition: `a.count == b.count >= 1`.
  public static func build(
    _ design: Design, into netlist: inout Netlist, a: [NetID], b: [NetID], carryIn: NetID
  ) -> Outputs {
    precondition(a.count == b.count && !a.isEmpty, "adder operands must have equal, nonzero width")
    switch design {
    case .rippleCarry: return rippleCarry(into: &netlist, a: a, b: b, carryIn: carryIn)
    case .carryLookahead: return carryLookahead(into: &netlist, a: a, b: b, carryIn: carryIn)
    case .koggeStone: return koggeStone(into: &netlist, a: a, b: b, carryIn: carryIn)
    case .brentKung: return brentKung(into: &netlist, a: a, b: b, carryIn: carryIn)
    case .sklansky: return sklansky(into: &netlist, a: a, b: b, carryIn: carryIn)
    case .carrySelect: return carrySelect(into: &netlist, a: a, b: b, carryIn: carryIn)
    case .carrySkip: return carrySkip(into: &netlist, a: a, b: b, carryIn: carryIn)
    }
  }

  /// Inserts a subtractor computing `a - b` as `a + ~b + 1`.
  ///
  /// - Returns: the difference modulo 2^n and, as `carryOut`, 1 when
  ///   `a >= b` (unsigned; no borrow).
  public static func subtract(_ design: Design, into netlist: inout Netlist, a: [NetID], b: [NetID]) -> Outputs {
    build(design, into: &netlist, a: a, b: netlist.inverters(b), carryIn: Netlist.constant1)
  }
}
