//===--- FloatingPointComparator.swift -------------------------------------===//
// Floating-point compare, maximum and minimum from one unsigned comparison:
// mapping a pattern to `sign ? ~bits : bits | signBit` makes unsigned order
// equal numeric order for non-NaN values (−0 just below +0), so a < b is the
// borrow of one subtraction with the selected adder. compare gives the
// 4-bit code {a<b, a==b, a>b, unordered} with −0 == +0; max and min are
// IEEE 754-2019 maximumNumber/minimumNumber (a NaN operand is dropped in
// favour of a number), see `FloatOperation` in TosimFormats.
// CLI: `tosim eval fp32.compare`, `tosim eval fp16.max`, `tosim eval bf16.min`.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNetlist

extension FloatingPointBuilder {
  /// The outputs of the shared comparison.
  private struct Comparison {
    var aIsLess: NetID
    var patternsEqual: NetID
    var bothZero: NetID
    var aIsNaN: NetID
    var bIsNaN: NetID
  }

  private mutating func compareCore(a: [NetID], b: [NetID], format: FloatFormat) -> Comparison {
    let x = unpack(a, format: format), y = unpack(b, format: format)
    func key(_ builder: inout FloatingPointBuilder, _ bits: [NetID]) -> [NetID] {
      let sign = bits[bits.count - 1]
      return bits.dropLast().map { builder.netlist.xor2($0, sign) } + [builder.netlist.inverter(sign)]
    }
    let keyA = key(&self, a), keyB = key(&self, b)
    return Comparison(
      aIsLess: lessThan(keyA, keyB), patternsEqual: equal(a, b), bothZero: netlist.and2(x.isZero, y.isZero),
      aIsNaN: x.isNaN, bIsNaN: y.isNaN)
  }

  /// Inserts the compare unit: `[a<b, a==b, a>b, unordered]`.
  mutating func floatingPointCompare(a: [NetID], b: [NetID], format: FloatFormat) -> [NetID] {
    let c = compareCore(a: a, b: b, format: format)
    let unordered = netlist.or2(c.aIsNaN, c.bIsNaN)
    let ordered = netlist.inverter(unordered)
    let equalValues = netlist.or2(c.patternsEqual, c.bothZero)
    let less = netlist.and2(netlist.and2(c.aIsLess, netlist.inverter(c.bothZero)), ordered)
    let greater = netlist.and2(netlist.and2(netlist.inverter(c.aIsLess), netlist.inverter(equalValues)), ordered)
    return [less, netlist.and2(equalValues, ordered), greater, unordered]
  }

  /// Inserts max (`isMaximum`) or min: maximumNumber / minimumNumber.
  mutating func floatingPointExtremum(a: [NetID], b: [NetID], isMaximum: Bool, format: FloatFormat) -> [NetID] {
    let c = compareCore(a: a, b: b, format: format)
    // Take b when a is NaN, or b is a number that wins the ordering (ties
    // between equal patterns may take either).
    let bWins = isMaximum ? c.aIsLess : netlist.inverter(c.aIsLess)
    let takeB = netlist.or2(c.aIsNaN, netlist.and2(netlist.inverter(c.bIsNaN), bWins))
    return netlist.mux2(select: takeB, whenZero: a, whenOne: b)
  }
}
