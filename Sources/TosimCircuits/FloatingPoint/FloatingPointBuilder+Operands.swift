//===--- FloatingPointBuilder+Operands.swift -------------------------------===//
// Unpacking a floating-point operand into sign, effective exponent and
// significand with the hidden bit, plus its class flags (zero, ∞, NaN), and
// pre-normalising a subnormal significand with a leading-zero count (used by
// division and square root). Follows IEEE 754-2019 §3.4 (binary encodings)
// and the OCP OFP8 E4M3 encoding (no ∞; NaN is S.1111.111).
// Reached through every floating-point unit, e.g. `tosim eval fp16.mul`.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNetlist

/// The decoded fields and class flags of one operand.
struct UnpackedOperand {
  /// The sign bit.
  var sign: NetID
  /// The effective biased exponent, E bits: the field, or 1 for subnormals.
  var exponent: [NetID]
  /// The significand, p = F + 1 bits, hidden bit on top (0 for subnormals).
  var significand: [NetID]
  /// The value is ±0.
  var isZero: NetID
  /// The value is ±∞ (constant 0 for formats without infinities).
  var isInfinite: NetID
  /// The value is a NaN.
  var isNaN: NetID
}

extension FloatingPointBuilder {
  /// Splits the bit pattern `bits` of `format` into fields and flags.
  mutating func unpack(_ bits: [NetID], format: FloatFormat) -> UnpackedOperand {
    let f = format.fractionBitCount, e = format.exponentBitCount
    let fraction = Array(bits[0..<f])
    var exponent = Array(bits[f..<(f + e)])
    let exponentIsZero = netlist.inverter(netlist.orTree(exponent))
    let exponentIsOnes = netlist.andTree(exponent)
    let fractionIsZero = netlist.inverter(netlist.orTree(fraction))
    let isNaN: NetID, isInfinite: NetID
    if format.hasInfinities {
      isNaN = netlist.and2(exponentIsOnes, netlist.inverter(fractionIsZero))
      isInfinite = netlist.and2(exponentIsOnes, fractionIsZero)
    } else {
      isNaN = netlist.and2(exponentIsOnes, netlist.andTree(fraction))
      isInfinite = Self.zero
    }
    let significand = fraction + [netlist.inverter(exponentIsZero)]
    exponent[0] = netlist.or2(exponent[0], exponentIsZero)
    return UnpackedOperand(
      sign: bits[e + f], exponent: exponent, significand: significand,
      isZero: netlist.and2(exponentIsZero, fractionIsZero), isInfinite: isInfinite, isNaN: isNaN)
  }

  /// Shifts a (possibly subnormal) significand left until its top bit is 1
  /// and returns it with the exponent lowered by the shift, `width` bits
  /// two's complement. A zero significand stays 0.
  mutating func normalize(_ operand: UnpackedOperand, exponentWidth width: Int) -> (significand: [NetID], exponent: [NetID]) {
    let zeros = leadingZeros(operand.significand)
    let shifted = shiftLeft(operand.significand, by: zeros)
    let exponent = subtract(
      Self.zeroExtend(operand.exponent, to: width), Self.zeroExtend(zeros, to: width)).difference
    return (shifted, exponent)
  }

  /// The bit pattern of `value` (a constant) in `format`, as constant nets.
  static func pattern(_ value: UInt64, format: FloatFormat) -> [NetID] {
    (0..<format.bitWidth).map { value >> UInt64($0) & 1 == 1 ? one : zero }
  }

  /// The exponent width, two's complement, that holds every intermediate
  /// exponent of the units: E + 3 bits.
  static func exponentWidth(_ format: FloatFormat) -> Int { format.exponentBitCount + 3 }
}
