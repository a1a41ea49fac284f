//===--- FloatingPointDivider.swift ----------------------------------------===//
// The floating-point divider: both significands are pre-normalised
// (leading-zero count and left shift, so subnormal operands divide like
// normal ones), the quotient ⌊ma · 2^(p+1) / mb⌋ (p + 2 bits) comes from
// the selected significand divider, a nonzero remainder becomes the sticky
// bit, and X = ea − eb + bias feeds normalise/round/pack
// (FloatingPointBuilder+Rounding.swift), which also handles quotients in
// the subnormal range. x/0 is ±∞, 0/0 and ∞/∞ are NaN (IEEE 754-2019 §7.2, §7.3).
// Restoring division: one trial subtraction per quotient bit, the partial
// remainder kept when it does not go negative (M. D. Ercegovac and T. Lang,
// "Division and Square Root: Digit-Recurrence Algorithms", 1994, ch. 1).
// Newton–Raphson division: the shared integer divider `Dividers.newtonRaphson`
// (seed table, ⌈log2(n/k)⌉ reciprocal iterations, quotient estimate and a
// remainder-based correction) on the (2p + 1)-bit dividend, so the quotient
// and the remainder that gives the sticky bit are exact.
// CLI: `tosim eval fp32.div`, `tosim eval bf16.div:newton-raphson`.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNetlist

/// Significand divider architectures available inside floating-point units.
public enum FloatingPointDividerDesign: String, CaseIterable, Sendable {
  /// Restoring digit recurrence: one quotient bit per row of a ripple
  /// subtractor and a multiplexer; exact by construction.
  case restoring
  /// Newton–Raphson reciprocal from a seed table with a remainder-based
  /// final correction (the shared integer Newton–Raphson divider).
  case newtonRaphson = "newton-raphson"
}

extension FloatingPointBuilder {
  /// Inserts `a ÷ b` in `format`.
  mutating func floatingPointDivide(a: [NetID], b: [NetID], format: FloatFormat) -> [NetID] {
    let p = format.precision, w = Self.exponentWidth(format)
    let x = unpack(a, format: format), y = unpack(b, format: format)
    let sign = netlist.xor2(x.sign, y.sign)
    let dividend = normalize(x, exponentWidth: w), divisor = normalize(y, exponentWidth: w)
    let quotient: (bits: [NetID], sticky: NetID)
    switch designs.divider {
    case .restoring: quotient = restoringSignificandDivide(dividend.significand, divisor.significand, quotientWidth: p + 2)
    case .newtonRaphson:
      quotient = newtonRaphsonSignificandDivide(dividend.significand, divisor.significand, quotientWidth: p + 2)
    }
    let exponentDifference = subtract(dividend.exponent, divisor.exponent).difference
    let exponent = add(exponentDifference, Self.constant(format.bias, width: w)).sum
    let rounded = roundAndPack(
      sign: sign, exponent: exponent, significand: quotient.bits, sticky: quotient.sticky, mayUnderflow: true,
      format: format)
    let operandIsNaN = netlist.or2(x.isNaN, y.isNaN)
    let isNaN = netlist.or2(
      operandIsNaN, netlist.or2(netlist.and2(x.isZero, y.isZero), netlist.and2(x.isInfinite, y.isInfinite)))
    let isInfinite = netlist.or2(x.isInfinite, y.isZero)
    let isZero = netlist.or2(y.isInfinite, x.isZero)
    let signedZero = Array(repeating: Self.zero, count: format.bitWidth - 1) + [sign]
    let withZero = netlist.mux2(select: isZero, whenZero: rounded, whenOne: signedZero)
    return overrideSpecials(withZero, isNaN: isNaN, isInfinite: isInfinite, infinitySign: sign, format: format)
  }

  /// `⌊dividend · 2^(q−1) / divisor⌋` (q bits) and whether a remainder is
  /// left, for normalised p-bit significands (top bit 1), by restoring
  /// division: each row subtracts the divisor from the partial remainder
  /// and keeps the difference when it is not negative.
  mutating func restoringSignificandDivide(
    _ dividend: [NetID], _ divisor: [NetID], quotientWidth: Int
  ) -> (bits: [NetID], sticky: NetID) {
    let width = dividend.count + 1
    let divisorBits = Self.zeroExtend(divisor, to: width)
    var remainder = Self.zeroExtend(dividend, to: width)
    var quotientMSBFirst: [NetID] = []
    for row in 0..<quotientWidth {
      let trial = rippleSubtract(remainder, divisorBits)
      quotientMSBFirst.append(trial.noBorrow)
      remainder = netlist.mux2(select: trial.noBorrow, whenZero: remainder, whenOne: trial.difference)
      if row < quotientWidth - 1 { remainder = [Self.zero] + remainder.dropLast() }
    }
    return (quotientMSBFirst.reversed(), netlist.orTree(remainder))
  }

  /// The same quotient and sticky bit as `restoringSignificandDivide`, from
  /// the integer Newton–Raphson divider: `dividend · 2^(q−1)` over the
  /// zero-extended divisor; the quotient fits in q bits because both
  /// significands are normalised.
  mutating func newtonRaphsonSignificandDivide(
    _ dividend: [NetID], _ divisor: [NetID], quotientWidth: Int
  ) -> (bits: [NetID], sticky: NetID) {
    let width = dividend.count + quotientWidth - 1
    let numerator = [NetID](repeating: Self.zero, count: quotientWidth - 1) + dividend
    let out = Dividers.build(
      .newtonRaphson, into: &netlist, a: numerator, b: Self.zeroExtend(divisor, to: width))
    return (Array(out.quotient.prefix(quotientWidth)), netlist.orTree(out.remainder))
  }
}
