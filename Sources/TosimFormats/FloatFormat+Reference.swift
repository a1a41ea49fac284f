//===--- FloatFormat+Reference.swift ---------------------------------------===//
// Reference floating-point arithmetic on bit patterns, the oracle every
// gate-level floating-point unit is checked against (`tosim derive` checks
// every simulated vector). fp16, fp32 and fp64 use the machine's IEEE 754
// arithmetic (Swift Float16, Float, Double); bf16 and fp8 compute in Double
// and round once to nearest even — Double's 53 bits are at least 2p + 2 for
// these formats, so that double rounding is innocuous for + − × ÷ √
// (S. A. Figueroa, "When is double rounding innocuous?", SIGNUM 30(3), 1995).
// compare, max and min are defined here (see `FloatOperation`).
//===----------------------------------------------------------------------===//

/// The floating-point primitives tosim builds as gate-level units.
///
/// - `compare`: a 4-bit code, bit 0 `a < b`, bit 1 `a == b`, bit 2 `a > b`,
///   bit 3 unordered (either operand NaN); −0 == +0.
/// - `max`, `min`: IEEE 754-2019 maximumNumber / minimumNumber: a NaN operand
///   is ignored when the other is a number (two NaNs give NaN), and −0 < +0.
public enum FloatOperation: String, CaseIterable, Sendable {
  case add, sub, mul, div, sqrt, compare, max, min

  /// Whether the operation reads only `a`.
  public var isUnary: Bool { self == .sqrt }
  /// The output width for a format.
  public func outputWidth(_ format: FloatFormat) -> Int { self == .compare ? 4 : format.bitWidth }
}

extension FloatFormat {
  /// The reference result of `operation` on bit patterns `a` and `b` (`b` is
  /// ignored for `sqrt`).
  public func reference(_ operation: FloatOperation, _ a: UInt64, _ b: UInt64) -> UInt64 {
    switch operation {
    case .compare: return compareCode(a, b)
    case .max: return maximumNumber(a, b, greater: true)
    case .min: return maximumNumber(a, b, greater: false)
    default: break
    }
    if self == .fp32 {
      let x = Float(bitPattern: UInt32(truncatingIfNeeded: a)), y = Float(bitPattern: UInt32(truncatingIfNeeded: b))
      return UInt64(Self.arithmetic(operation, x, y).bitPattern)
    }
    if self == .fp64 {
      return Self.arithmetic(operation, Double(bitPattern: a), Double(bitPattern: b)).bitPattern
    }
    #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
      if self == .fp16 {
        let x = Float16(bitPattern: UInt16(truncatingIfNeeded: a)), y = Float16(bitPattern: UInt16(truncatingIfNeeded: b))
        return UInt64(Self.arithmetic(operation, x, y).bitPattern)
      }
    #endif
    return encode(Self.arithmetic(operation, decode(a), decode(b)))
  }

  /// Whether a unit's output `actual` matches the reference `expected`: equal
  /// bit patterns, or both NaN (payloads and NaN signs are not compared).
  public func matches(_ operation: FloatOperation, expected: UInt64, actual: UInt64) -> Bool {
    if operation != .compare && isNaN(expected) { return isNaN(actual) }
    return expected == actual
  }

  private static func arithmetic<T: BinaryFloatingPoint>(_ operation: FloatOperation, _ x: T, _ y: T) -> T {
    switch operation {
    case .add: return x + y
    case .sub: return x - y
    case .mul: return x * y
    case .div: return x / y
    case .sqrt: return x.squareRoot()
    case .compare, .max, .min: preconditionFailure("not arithmetic")
    }
  }

  private func compareCode(_ a: UInt64, _ b: UInt64) -> UInt64 {
    if isNaN(a) || isNaN(b) { return 8 }
    let x = decode(a), y = decode(b)
    return x < y ? 1 : (x == y ? 2 : 4)
  }

  /// A key whose unsigned order is the numeric order of non-NaN patterns,
  /// with −0 below +0.
  public func orderKey(_ bits: UInt64) -> UInt64 {
    isNegative(bits) ? ~bits & mask : bits | signBit
  }

  private func maximumNumber(_ a: UInt64, _ b: UInt64, greater: Bool) -> UInt64 {
    switch (isNaN(a), isNaN(b)) {
    case (true, true): return canonicalNaN
    case (true, false): return b
    case (false, true): return a
    case (false, false):
      let aWins = greater ? orderKey(a) >= orderKey(b) : orderKey(a) <= orderKey(b)
      return aWins ? a : b
    }
  }
}
