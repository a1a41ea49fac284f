//===--- FloatFormat.swift -------------------------------------------------===//
// Binary floating-point formats as (exponent bits, fraction bits): IEEE 754
// binary16/32/64, bfloat16, and the OCP 8-bit formats (OCP "8-bit Floating
// Point Specification (OFP8)", rev. 1.0, 2023): E5M2 is IEEE-like; E4M3 has
// no infinities, its only NaN is S.1111.111, largest finite 448, and a
// rounded result above 448 is NaN. Decoding to Double is exact for every
// format here; encoding rounds to nearest, ties to even.
// Reached from the CLI through every floating-point unit (`tosim eval fp32.add`).
//===----------------------------------------------------------------------===//

/// A binary floating-point format: sign, biased exponent, fraction.
public struct FloatFormat: Hashable, Sendable, CustomStringConvertible {
  /// Exponent field width in bits.
  public let exponentBitCount: Int
  /// Fraction (trailing significand) field width in bits.
  public let fractionBitCount: Int
  /// Whether an all-ones exponent with zero fraction is ±∞ (false for OCP E4M3).
  public let hasInfinities: Bool

  /// Creates a format; `hasInfinities == false` gives the OCP E4M3 encoding.
  ///
  /// - Precondition: 2 ≤ exponent bits ≤ 11, 1 ≤ fraction bits ≤ 52.
  public init(exponentBitCount: Int, fractionBitCount: Int, hasInfinities: Bool = true) {
    precondition((2...11).contains(exponentBitCount) && (1...52).contains(fractionBitCount))
    self.exponentBitCount = exponentBitCount
    self.fractionBitCount = fractionBitCount
    self.hasInfinities = hasInfinities
  }

  /// OCP fp8 E4M3 (no infinities, max 448).
  public static let fp8e4m3 = FloatFormat(exponentBitCount: 4, fractionBitCount: 3, hasInfinities: false)
  /// OCP fp8 E5M2 (IEEE-like).
  public static let fp8e5m2 = FloatFormat(exponentBitCount: 5, fractionBitCount: 2)
  /// IEEE binary16.
  public static let fp16 = FloatFormat(exponentBitCount: 5, fractionBitCount: 10)
  /// bfloat16.
  public static let bf16 = FloatFormat(exponentBitCount: 8, fractionBitCount: 7)
  /// IEEE binary32.
  public static let fp32 = FloatFormat(exponentBitCount: 8, fractionBitCount: 23)
  /// IEEE binary64.
  public static let fp64 = FloatFormat(exponentBitCount: 11, fractionBitCount: 52)

  /// Total width: 1 + exponent + fraction bits.
  public var bitWidth: Int { 1 + exponentBitCount + fractionBitCount }
  /// Significand precision p (hidden bit included).
  public var precision: Int { fractionBitCount + 1 }
  /// The exponent bias 2^(E−1) − 1.
  public var bias: Int { (1 << (exponentBitCount - 1)) - 1 }
  /// The all-ones exponent field.
  public var maximumExponentField: UInt64 { (1 << UInt64(exponentBitCount)) - 1 }
  /// The mask of all `bitWidth` bits.
  public var mask: UInt64 { bitWidth == 64 ? ~0 : (1 << UInt64(bitWidth)) - 1 }
  /// The sign bit.
  public var signBit: UInt64 { 1 << UInt64(bitWidth - 1) }
  /// The mask of the fraction field.
  public var fractionMask: UInt64 { (1 << UInt64(fractionBitCount)) - 1 }

  /// The NaN that units produce: quiet NaN (fraction MSB set) for IEEE-like
  /// formats, S.1111.111 for E4M3; sign 0.
  public var canonicalNaN: UInt64 {
    hasInfinities
      ? maximumExponentField << UInt64(fractionBitCount) | 1 << UInt64(fractionBitCount - 1)
      : maximumExponentField << UInt64(fractionBitCount) | fractionMask
  }

  /// +∞ (or, for E4M3, the NaN that overflow gives).
  public var positiveInfinityOrNaN: UInt64 {
    hasInfinities ? maximumExponentField << UInt64(fractionBitCount) : canonicalNaN
  }

  /// The largest finite value's bit pattern (positive).
  public var largestFinite: UInt64 {
    hasInfinities
      ? (maximumExponentField - 1) << UInt64(fractionBitCount) | fractionMask
      : maximumExponentField << UInt64(fractionBitCount) | (fractionMask - 1)
  }

  public var description: String { "E\(exponentBitCount)M\(fractionBitCount)" + (hasInfinities ? "" : " (no ∞)") }

  // MARK: - Fields

  /// The exponent field of `bits`.
  public func exponentField(_ bits: UInt64) -> UInt64 { bits >> UInt64(fractionBitCount) & maximumExponentField }
  /// The fraction field of `bits`.
  public func fractionField(_ bits: UInt64) -> UInt64 { bits & fractionMask }
  /// Whether `bits` has its sign bit set.
  public func isNegative(_ bits: UInt64) -> Bool { bits & signBit != 0 }

  /// Whether `bits` encodes a NaN.
  public func isNaN(_ bits: UInt64) -> Bool {
    guard exponentField(bits) == maximumExponentField else { return false }
    return hasInfinities ? fractionField(bits) != 0 : fractionField(bits) == fractionMask
  }

  /// Whether `bits` encodes ±∞.
  public func isInfinite(_ bits: UInt64) -> Bool {
    hasInfinities && exponentField(bits) == maximumExponentField && fractionField(bits) == 0
  }

  /// Whether `bits` encodes ±0.
  public func isZero(_ bits: UInt64) -> Bool { bits & ~signBit & mask == 0 }

  // MARK: - Conversion

  /// The value of `bits` as a Double (exact for every format with E ≤ 11, F ≤ 52).
  public func decode(_ bits: UInt64) -> Double {
    let sign: Double = isNegative(bits) ? -1 : 1
    if isNaN(bits) { return .nan }
    if isInfinite(bits) { return sign * .infinity }
    let field = Int(exponentField(bits))
    let fraction = Double(fractionField(bits))
    if field == 0 {
      return sign * fraction * Double(sign: .plus, exponent: 1 - bias - fractionBitCount, significand: 1)
    }
    let significand = fraction + Double(sign: .plus, exponent: fractionBitCount, significand: 1)
    return sign * significand * Double(sign: .plus, exponent: field - bias - fractionBitCount, significand: 1)
  }

  /// The bit pattern nearest `value`, ties to even; overflow gives ±∞ (NaN
  /// for E4M3); NaN gives `canonicalNaN`.
  ///
  /// Rounding works on the exact integer significand of `value`, so the
  /// result is correctly rounded from the Double (one rounding).
  public func encode(_ value: Double) -> UInt64 {
    if value.isNaN { return canonicalNaN }
    let sign: UInt64 = value.sign == .minus ? signBit : 0
    if value.isInfinite { return sign | positiveInfinityOrNaN }
    if value == 0 { return sign }
    // value = m · 2^e exactly, m a 53-bit integer.
    let magnitude = value.magnitude
    var m = magnitude.significandBitPattern | (magnitude.isNormal ? 1 << 52 : 0)
    var e = magnitude.isNormal ? Int(magnitude.exponentBitPattern) - 1075 : -1074
    // The quantum of the result: 2^q with q = max(⌊log2|v|⌋, emin) − F.
    let log2 = e + 63 - m.leadingZeroBitCount
    let q = max(log2, 1 - bias) - fractionBitCount
    if q > e {
      let shift = q - e
      if shift > 60 {
        m = 0  // far below half an ulp
      } else {
        let kept = m >> UInt64(shift)
        let rest = m & ((1 << UInt64(shift)) - 1)
        let half: UInt64 = 1 << UInt64(shift - 1)
        m = kept + (rest > half || (rest == half && kept & 1 == 1) ? 1 : 0)
      }
      e = q
    } else {
      m <<= UInt64(e - q)  // fewer than F+1 significant bits; exact
      e = q
    }
    // Now |v| rounds to m · 2^q with m ≤ 2^(F+1).
    var field = q + fractionBitCount + bias
    if m >= 1 << UInt64(fractionBitCount + 1) {
      m >>= 1
      field += 1
    }
    if m < 1 << UInt64(fractionBitCount) { return sign | m }  // subnormal or zero
    let bits = UInt64(field) << UInt64(fractionBitCount) | (m & fractionMask)
    if field > Int(maximumExponentField) || bits > largestFinite { return sign | positiveInfinityOrNaN }
    return sign | bits
  }
}

extension Precision {
  /// The floating-point format of a floating-point precision, `nil` for integers.
  public var floatFormat: FloatFormat? {
    switch self {
    case .fp8e4m3: return .fp8e4m3
    case .fp8e5m2: return .fp8e5m2
    case .fp16: return .fp16
    case .bf16: return .bf16
    case .fp32: return .fp32
    case .fp64: return .fp64
    default: return nil
    }
  }
}
