//===--- FloatingPointMultiplier.swift -------------------------------------===//
// The floating-point multiplier: the 2p-bit product of the significands
// (the selected integer multiplier and final adder), exponent
// X = ea + eb − bias + 1, then normalise — left for subnormal operands,
// right into the subnormal range for tiny products — round to nearest even
// and pack (FloatingPointBuilder+Rounding.swift). Sign = sa ⊕ sb;
// ∞ × 0 is NaN (IEEE 754-2019 §7.2). The product is exact, so no sticky
// bit enters the rounding.
// CLI: `tosim eval fp32.mul`, `tosim eval fp16.mul:wallace`, `fp32.mul:dadda+brent-kung`.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNetlist

extension FloatingPointBuilder {
  /// Inserts `a × b` in `format`.
  mutating func floatingPointMultiply(a: [NetID], b: [NetID], format: FloatFormat) -> [NetID] {
    let x = unpack(a, format: format), y = unpack(b, format: format)
    let sign = netlist.xor2(x.sign, y.sign)
    let product = multiply(x.significand, y.significand)
    let w = Self.exponentWidth(format)
    let exponentSum = add(Self.zeroExtend(x.exponent, to: w), Self.zeroExtend(y.exponent, to: w)).sum
    let exponent = add(exponentSum, Self.constant(1 - format.bias, width: w)).sum
    let rounded = roundAndPack(
      sign: sign, exponent: exponent, significand: product, sticky: Self.zero, mayUnderflow: true, format: format)
    let operandIsNaN = netlist.or2(x.isNaN, y.isNaN)
    let isNaN = netlist.or2(
      operandIsNaN, netlist.or2(netlist.and2(x.isInfinite, y.isZero), netlist.and2(x.isZero, y.isInfinite)))
    let isInfinite = netlist.or2(x.isInfinite, y.isInfinite)
    return overrideSpecials(rounded, isNaN: isNaN, isInfinite: isInfinite, infinitySign: sign, format: format)
  }
}
