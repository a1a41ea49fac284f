//===--- FloatingPointSquareRoot.swift -------------------------------------===//
// The floating-point square root: the significand is pre-normalised, the
// unbiased exponent e split into ⌊e/2⌋ (result exponent) and its parity,
// which selects whether the radicand is the significand shifted by p + 3 or
// p + 4 bits; the selected significand square root gives a p + 2 bit root
// and a remainder whose nonzero-ness is the sticky bit; then round to
// nearest even and pack. The root of a normalised significand is never
// subnormal and never overflows. √−0 = −0, √(x < 0) = NaN, √+∞ = +∞
// (IEEE 754-2019 §5.4.1). Restoring digit recurrence: one root bit per row,
// trial subtrahend 4·root + 1 (Ercegovac and Lang, "Division and Square
// Root", 1994, ch. 6). Newton–Raphson: the shared integer square root
// `SquareRoots.newtonRaphson` (reciprocal square root from a seed table by
// Newton–Raphson iteration, root = a·y, remainder-based correction), whose
// exact root and remainder give the same root bits and sticky bit.
// CLI: `tosim eval fp32.sqrt`, `tosim eval fp16.sqrt:newton-raphson`.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNetlist

/// Significand square-root architectures available inside floating-point units.
public enum FloatingPointSquareRootDesign: String, CaseIterable, Sendable {
  /// Restoring digit recurrence, one root bit per row; exact by construction.
  case digitRecurrence = "digit-recurrence"
  /// Newton–Raphson reciprocal square root with a remainder-based final
  /// correction (the shared integer Newton–Raphson square root).
  case newtonRaphson = "newton-raphson"
}

extension FloatingPointBuilder {
  /// Inserts `√a` in `format`.
  mutating func floatingPointSquareRoot(a: [NetID], format: FloatFormat) -> [NetID] {
    let p = format.precision, w = Self.exponentWidth(format)
    let x = unpack(a, format: format)
    let normalized = normalize(x, exponentWidth: w)
    let unbiased = add(normalized.exponent, Self.constant(-format.bias, width: w)).sum
    let isOdd = unbiased[0]
    let half = Array(unbiased[1...]) + [unbiased[w - 1]]
    let exponent = add(half, Self.constant(format.bias, width: w)).sum
    // Radicand of 2(p + 2) bits: significand << (p + 3 + parity).
    let rootWidth = p + 2
    let radicand: [NetID] = (0..<(2 * rootWidth)).map { k in
      let even = k - (p + 3), odd = k - (p + 4)
      let whenEven = (0..<p).contains(even) ? normalized.significand[even] : Self.zero
      let whenOdd = (0..<p).contains(odd) ? normalized.significand[odd] : Self.zero
      return netlist.mux2(select: isOdd, whenZero: whenEven, whenOne: whenOdd)
    }
    let root: (bits: [NetID], sticky: NetID)
    switch designs.squareRoot {
    case .digitRecurrence: root = restoringSquareRoot(radicand)
    case .newtonRaphson:
      let out = SquareRoots.build(.newtonRaphson, into: &netlist, a: radicand)
      root = (Array(out.root.prefix(rootWidth)), netlist.orTree(out.remainder))
    }
    let rounded = roundAndPack(
      sign: x.sign, exponent: exponent, significand: root.bits, sticky: root.sticky, mayUnderflow: false,
      format: format)
    let isNaN = netlist.or2(x.isNaN, netlist.and2(x.sign, netlist.inverter(x.isZero)))
    return overrideSpecials(rounded, isNaN: isNaN, isInfinite: x.isInfinite, infinitySign: x.sign, format: format)
  }

  /// `⌊√radicand⌋` (half the radicand's width) and whether a remainder is
  /// left, by restoring digit recurrence.
  mutating func restoringSquareRoot(_ radicand: [NetID]) -> (bits: [NetID], sticky: NetID) {
    let rootWidth = radicand.count / 2, width = rootWidth + 2
    var remainder = [NetID](repeating: Self.zero, count: width)
    var rootMSBFirst: [NetID] = []
    for step in 0..<rootWidth {
      let pair = [radicand[2 * (rootWidth - 1 - step)], radicand[2 * (rootWidth - 1 - step) + 1]]
      remainder = pair + remainder.dropLast(2)
      // Trial subtrahend 4·root + 1, root so far MSB first.
      let trial = Self.zeroExtend([Self.one, Self.zero] + rootMSBFirst.reversed(), to: width)
      let difference = rippleSubtract(remainder, trial)
      rootMSBFirst.append(difference.noBorrow)
      remainder = netlist.mux2(select: difference.noBorrow, whenZero: remainder, whenOne: difference.difference)
    }
    return (rootMSBFirst.reversed(), netlist.orTree(remainder))
  }
}
