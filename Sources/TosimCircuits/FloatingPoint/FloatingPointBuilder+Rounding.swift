//===--- FloatingPointBuilder+Rounding.swift -------------------------------===//
// Normalise, round to nearest even and pack, shared by every arithmetic
// floating-point unit. The significand S (n bits, value S / 2^(n−1)) comes
// with a biased exponent X (two's complement) and a sticky bit for nonzero
// bits below S. Normalisation shifts left by min(leading zeros, X − 1), so
// the exponent never drops below 1 (a result that still lacks its leading 1
// is subnormal); when X < 1 it shifts right by 1 − X into the subnormal
// range, collecting the bits shifted out into the sticky bit. Rounding adds
// G·(L + sticky) to the packed {exponent field, fraction}: a carry out of
// the fraction raises the exponent, which also turns the largest subnormal
// into the smallest normal. A packed value past the largest finite number
// overflows to ±∞ (NaN for OCP E4M3). IEEE 754-2019 §4.3.1, §7.4, §7.5.
// Reached through every arithmetic unit, e.g. `tosim eval fp32.add`.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNetlist

extension FloatingPointBuilder {
  /// Rounds `sign · S/2^(n−1) · 2^(X − bias)` to `format`.
  ///
  /// - Parameters:
  ///   - exponent: X, `exponentWidth(format)` bits, two's complement.
  ///   - significand: S, at least p + 1 bits.
  ///   - sticky: 1 when the exact value has nonzero bits below S.
  ///   - mayUnderflow: whether X can be below 1 (adds the right shifter).
  /// - Returns: the packed result, `format.bitWidth` bits.
  mutating func roundAndPack(
    sign: NetID, exponent: [NetID], significand: [NetID], sticky: NetID, mayUnderflow: Bool, format: FloatFormat
  ) -> [NetID] {
    let n = significand.count, p = format.precision, f = format.fractionBitCount, e = format.exponentBitCount
    let w = exponent.count
    precondition(n >= p + 1)
    // X − 1 and whether X ≥ 1.
    let exponentMinusOne = add(exponent, Self.constant(-1, width: w)).sum
    let isAtLeastOne = netlist.inverter(exponentMinusOne[w - 1])
    // Left shift by L = min(lz, X − 1) when X ≥ 1.
    let zeros = leadingZeros(significand)
    let countWidth = zeros.count
    let limitIsSmaller = lessThan(exponentMinusOne, Self.zeroExtend(zeros, to: w))
    let limited = netlist.mux2(
      select: limitIsSmaller, whenZero: zeros, whenOne: Array(exponentMinusOne.prefix(countWidth)))
    let leftAmount = gate(limited, isAtLeastOne)
    var shifted = shiftLeft(significand, by: leftAmount)
    var shiftedOut = Self.zero
    if mayUnderflow {
      // Right shift by 1 − X = −(X − 1) when X < 1.
      let negated = add(netlist.inverters(exponentMinusOne), Self.constant(0, width: w), carryIn: Self.one).sum
      let rightAmount = gate(negated, netlist.inverter(isAtLeastOne))
      let right = shiftRight(shifted, by: Array(rightAmount.prefix(w - 1)))
      shifted = right.result
      shiftedOut = right.sticky
    }
    // Round to nearest even.
    let kept = Array(shifted[(n - p)...])
    let guardBit = shifted[n - p - 1]
    let stickyBit = netlist.or2(netlist.or2(sticky, shiftedOut), netlist.orTree(Array(shifted[..<(n - p - 1)])))
    let roundUp = netlist.and2(guardBit, netlist.or2(stickyBit, kept[0]))
    // Exponent field: X − L when the leading 1 is in place, else 0.
    let exponentField = gate(subtract(exponent, Self.zeroExtend(leftAmount, to: w)).difference, kept[p - 1])
    let packed = increment(Array(kept[..<f]) + exponentField, by: roundUp).sum
    // Overflow: exponent beyond the format, or (E4M3) the NaN pattern.
    let high = netlist.orTree(Array(packed[(f + e)...]))
    let top = Array(packed[f..<(f + e)])
    let overflow: NetID = format.hasInfinities
      ? netlist.or2(high, netlist.andTree(top))
      : netlist.or2(high, netlist.and2(netlist.andTree(top), netlist.andTree(Array(packed[..<f]))))
    let infinity = Self.pattern(format.positiveInfinityOrNaN, format: format)
    return netlist.mux2(
      select: overflow, whenZero: Array(packed[..<(f + e)]), whenOne: Array(infinity[..<(f + e)])) + [sign]
  }

  /// Replaces `result` by the special value when a flag is set: NaN first,
  /// then ±∞ with `infinitySign`.
  mutating func overrideSpecials(
    _ result: [NetID], isNaN: NetID, isInfinite: NetID, infinitySign: NetID, format: FloatFormat
  ) -> [NetID] {
    var infinity = Self.pattern(format.positiveInfinityOrNaN, format: format)
    infinity[format.bitWidth - 1] = infinitySign
    let withInfinity = netlist.mux2(select: isInfinite, whenZero: result, whenOne: infinity)
    return netlist.mux2(
      select: isNaN, whenZero: withInfinity, whenOne: Self.pattern(format.canonicalNaN, format: format))
  }
}
