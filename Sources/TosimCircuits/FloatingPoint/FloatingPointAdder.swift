//===--- FloatingPointAdder.swift ------------------------------------------===//
// The floating-point adder/subtractor, single path: swap the operands so
// |big| ≥ |small| (one magnitude comparison), align the small significand
// with a barrel shifter that jams the bits shifted out into a sticky bit,
// add or subtract p + 3 bit significands (guard, round, sticky), then
// normalise (leading-zero count), round to nearest even and pack
// (FloatingPointBuilder+Rounding.swift). Three extra bits suffice for a
// correctly rounded sum: J.-M. Muller et al., "Handbook of Floating-Point
// Arithmetic", 2nd ed., §7.3 (floating-point addition in hardware).
// An exact zero sum is +0, or −0 when both operands are −0 (IEEE 754 §6.3).
// CLI: `tosim eval fp32.add`, `tosim eval fp16.sub:kogge-stone`.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNetlist

extension FloatingPointBuilder {
  /// Inserts `a + b` (or `a − b` when `isSubtraction`) in `format`.
  mutating func floatingPointAdd(a: [NetID], b: [NetID], isSubtraction: Bool, format: FloatFormat) -> [NetID] {
    let width = format.bitWidth
    let x = unpack(a, format: format)
    var y = unpack(b, format: format)
    if isSubtraction { y.sign = netlist.inverter(y.sign) }
    // Order by magnitude: the bit patterns without sign order like the values.
    let swap = lessThan(Array(a[..<(width - 1)]), Array(b[..<(width - 1)]))
    let bigExponent = netlist.mux2(select: swap, whenZero: x.exponent, whenOne: y.exponent)
    let smallExponent = netlist.mux2(select: swap, whenZero: y.exponent, whenOne: x.exponent)
    let bigSignificand = netlist.mux2(select: swap, whenZero: x.significand, whenOne: y.significand)
    let smallSignificand = netlist.mux2(select: swap, whenZero: y.significand, whenOne: x.significand)
    let bigSign = netlist.mux2(select: swap, whenZero: x.sign, whenOne: y.sign)
    let isEffectiveSubtraction = netlist.xor2(x.sign, y.sign)
    // Align: p + 3 bits, the small operand's dropped bits jammed into bit 0.
    let distance = subtract(bigExponent, smallExponent).difference
    let aligned = shiftRight([Self.zero, Self.zero, Self.zero] + smallSignificand, by: distance)
    var small = aligned.result
    small[0] = netlist.or2(small[0], aligned.sticky)
    let big = [Self.zero, Self.zero, Self.zero] + bigSignificand
    let addend = small.map { netlist.xor2($0, isEffectiveSubtraction) }
    let sum = add(big, addend, carryIn: isEffectiveSubtraction)
    let significand = sum.sum + [netlist.and2(sum.carry, netlist.inverter(isEffectiveSubtraction))]
    // X = big exponent + 1 (S has its carry bit on top).
    let w = Self.exponentWidth(format)
    let exponent = increment(Self.zeroExtend(bigExponent, to: w), by: Self.one).sum
    let isExactZero = netlist.inverter(netlist.orTree(significand))
    let sign = netlist.and2(bigSign, netlist.inverter(netlist.and2(isExactZero, isEffectiveSubtraction)))
    let rounded = roundAndPack(
      sign: sign, exponent: exponent, significand: significand, sticky: Self.zero, mayUnderflow: false, format: format)
    // Specials: NaN in, or ∞ − ∞; otherwise an infinite operand wins.
    let operandIsNaN = netlist.or2(x.isNaN, y.isNaN)
    let isNaN = netlist.or2(
      operandIsNaN, netlist.and2(netlist.and2(x.isInfinite, y.isInfinite), isEffectiveSubtraction))
    let isInfinite = netlist.or2(x.isInfinite, y.isInfinite)
    let infinitySign = netlist.mux2(select: x.isInfinite, whenZero: y.sign, whenOne: x.sign)
    return overrideSpecials(
      rounded, isNaN: isNaN, isInfinite: isInfinite, infinitySign: infinitySign, format: format)
  }
}
