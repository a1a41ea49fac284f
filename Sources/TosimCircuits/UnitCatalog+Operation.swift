//===--- UnitCatalog+Operation.swift ---------------------------------------===//
// The integer operations of unit names (`int32.<op>`): what each computes
// and which design family its `:<design>` chooses from. `tosim eval` with no
// unit lists them; docs/arithmetic.md describes them.
//===----------------------------------------------------------------------===//

extension UnitCatalog {
  /// An integer operation, in listing order.
  public enum Operation: String, CaseIterable, Sendable {
    case add, sub, cmp, scmp, mul, smul, div, sqrt, inc, lzc, shl, shr, sar

    /// The operation as written in unit names (`add`).
    public var name: String { rawValue }

    /// What it computes, one line.
    public var summary: String {
      switch self {
      case .add: return "a + b + cin -> y (n bits), cout"
      case .sub: return "a - b -> y (n bits), cout = 1 when a >= b"
      case .cmp: return "unsigned compare -> y bit 0 = a < b, bit 1 = a == b"
      case .scmp: return "two's complement compare -> y bit 0 = a < b, bit 1 = a == b"
      case .mul: return "unsigned a * b -> y (2n bits)"
      case .smul: return "two's complement a * b -> y (2n bits)"
      case .div: return "unsigned a / b -> y (quotient), rem; b = 0 gives y = 2^n - 1, rem = a"
      case .sqrt: return "floor(sqrt(a)) -> y (ceil(n/2) bits), rem = a - y^2 (ceil(n/2) + 1 bits)"
      case .inc: return "a + 1 -> y (n bits), cout (Sklansky AND prefix)"
      case .lzc: return "leading zeros of a -> y (0...n)"
      case .shl: return "a << b (barrel shifter, b has ceil(log2 n) bits) -> y"
      case .shr: return "a >> b, logical -> y, sticky = OR of bits shifted out"
      case .sar: return "a >> b, arithmetic -> y"
      }
    }

    /// The family its design comes from; nil when it has a single structure.
    public var designFamily: DesignFamily? {
      switch self {
      case .add, .sub, .cmp, .scmp: return .adder
      case .mul, .smul: return .multiplier
      case .div: return .divider
      case .sqrt: return .squareRoot
      case .inc, .lzc, .shl, .shr, .sar: return nil
      }
    }

    /// Its design names, default first; empty when it has a single structure.
    public var designs: [String] { designFamily?.names ?? [] }

    /// A note on the design names (e.g. the `+adder` suffix), or empty.
    public var designNote: String { designFamily?.note ?? "" }
  }
}
