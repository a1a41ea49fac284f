//===--- UnitCatalog+Reference.swift ---------------------------------------===//
// Swift-arithmetic references for every integer unit (UInt128/Int128 based,
// so widths up to 128 and 256-bit products), as `UnitReference`s: `tosim
// derive` and `tosim explore` check every simulated result with them, and so
// do the tests.
//===----------------------------------------------------------------------===//
import TosimCircuits
import TosimFormats

/// A value of up to 256 bits as (high, low) halves.
private typealias WideValue = (high: UInt128, low: UInt128)

extension UnitCatalog {
  /// The reference arithmetic of unit `name` (its design does not matter).
  ///
  /// - Throws: `InputError` for an unknown format, width, operation or design.
  public static func reference(_ name: UnitName) throws -> UnitReference {
    reference(try IntegerUnit(resolving: name))
  }

  /// The reference arithmetic of `unit` (its design does not matter).
  public static func reference(_ unit: IntegerUnit) -> UnitReference {
    let n = unit.width
    let mask: UInt128 = n == 128 ? ~0 : (1 << n) - 1
    @Sendable func signed(_ x: UInt128) -> Int128 {
      n == 128 ? Int128(bitPattern: x) : Int128(bitPattern: x << (128 - n)) >> (128 - n)
    }
    @Sendable func wide(_ x: UInt128) -> WideValue { (0, x) }
    let amountWidth = Shifters.amountWidth(for: n)
    let inputs: [Int], outputs: [Int]
    let function: @Sendable ([UInt128]) -> [WideValue]
    switch unit.operation {
    case .add:
      (inputs, outputs) = ([n, n, 1], [n, 1])
      function = { (x: [UInt128]) -> [WideValue] in
        let (low, o1) = x[0].addingReportingOverflow(x[1])
        let (sum, o2) = low.addingReportingOverflow(x[2])
        let carry: UInt128 = n == 128 ? (o1 || o2 ? 1 : 0) : sum >> n & 1
        return [wide(sum & mask), wide(carry)]
      }
    case .sub:
      (inputs, outputs) = ([n, n], [n, 1])
      function = { (x: [UInt128]) -> [WideValue] in
        [wide(x[0] &- x[1] & mask), wide(x[0] >= x[1] ? 1 : 0)]
      }
    case .cmp:
      (inputs, outputs) = ([n, n], [2])
      function = { (x: [UInt128]) -> [WideValue] in
        let code: UInt128 = (x[0] < x[1] ? 1 : 0) | (x[0] == x[1] ? 2 : 0)
        return [wide(code)]
      }
    case .scmp:
      (inputs, outputs) = ([n, n], [2])
      function = { (x: [UInt128]) -> [WideValue] in
        let code: UInt128 = (signed(x[0]) < signed(x[1]) ? 1 : 0) | (x[0] == x[1] ? 2 : 0)
        return [wide(code)]
      }
    case .mul:
      (inputs, outputs) = ([n, n], [2 * n])
      function = { (x: [UInt128]) -> [WideValue] in
        let product = x[0].multipliedFullWidth(by: x[1])
        return [(product.high, product.low)]
      }
    case .smul:
      (inputs, outputs) = ([n, n], [2 * n])
      function = { (x: [UInt128]) -> [WideValue] in
        let product = signed(x[0]).multipliedFullWidth(by: signed(x[1]))
        return [(UInt128(bitPattern: product.high), product.low)]
      }
    case .div:
      (inputs, outputs) = ([n, n], [n, n])
      function = { (x: [UInt128]) -> [WideValue] in
        x[1] == 0 ? [wide(mask), wide(x[0])] : [wide(x[0] / x[1]), wide(x[0] % x[1])]
      }
    case .sqrt:
      let m = SquareRoots.rootWidth(for: n)
      (inputs, outputs) = ([n], [m, m + 1])
      function = { (x: [UInt128]) -> [WideValue] in
        let root = integerSquareRoot(x[0])
        return [wide(root), wide(x[0] - root * root)]
      }
    case .inc:
      (inputs, outputs) = ([n], [n, 1])
      function = { (x: [UInt128]) -> [WideValue] in
        let sum = x[0] &+ 1
        return [wide(sum & mask), wide(x[0] == mask ? 1 : 0)]
      }
    case .lzc:
      (inputs, outputs) = ([n], [LeadingZeroCounters.countWidth(for: n)])
      function = { (x: [UInt128]) -> [WideValue] in
        [wide(UInt128(x[0].leadingZeroBitCount - (128 - n)))]
      }
    case .shl:
      (inputs, outputs) = ([n, amountWidth], [n])
      function = { (x: [UInt128]) -> [WideValue] in
        [wide(x[1] >= n ? 0 : x[0] << Int(x[1]) & mask)]
      }
    case .shr:
      (inputs, outputs) = ([n, amountWidth], [n, 1])
      function = { (x: [UInt128]) -> [WideValue] in
        let amount = Int(min(x[1], UInt128(n)))
        let shifted: UInt128 = amount >= n ? 0 : x[0] >> amount
        let lost: UInt128 = amount >= n ? x[0] : x[0] & ((1 << amount) - 1)
        return [wide(shifted), wide(lost != 0 ? 1 : 0)]
      }
    case .sar:
      (inputs, outputs) = ([n, amountWidth], [n])
      function = { (x: [UInt128]) -> [WideValue] in
        let amount = Int(min(x[1], UInt128(n - 1)))
        return [wide(UInt128(bitPattern: signed(x[0]) >> amount) & mask)]
      }
    }
    return wideReference(
      name: "int\(n).\(unit.operation.rawValue)", inputWidths: inputs, outputWidths: outputs, evaluate: function)
  }

  /// A reference from a function on whole values: every input bus (at most
  /// 128 bits) as one UInt128, every output (at most 256 bits) as a wide value.
  private static func wideReference(
    name: String, inputWidths: [Int], outputWidths: [Int], evaluate: @escaping @Sendable ([UInt128]) -> [WideValue]
  ) -> UnitReference {
    let inputLimbs = inputWidths.map { ($0 + 63) / 64 }
    let outputLimbs = outputWidths.reduce(0) { $0 + ($1 + 63) / 64 }
    return UnitReference(name: name, inputWidths: inputWidths, outputWidths: outputWidths) { limbs in
      var values: [UInt128] = []
      values.reserveCapacity(inputLimbs.count)
      var next = 0
      for count in inputLimbs {
        var value: UInt128 = 0
        for limb in 0..<count { value |= UInt128(limbs[next + limb]) << (64 * limb) }
        values.append(value)
        next += count
      }
      var outputs: [UInt64] = []
      outputs.reserveCapacity(outputLimbs)
      for (value, width) in zip(evaluate(values), outputWidths) {
        for limb in 0..<((width + 63) / 64) {
          let half = limb < 2 ? value.low : value.high
          outputs.append(UInt64(truncatingIfNeeded: limb % 2 == 0 ? half : half >> 64))
        }
        if width % 64 != 0 { outputs[outputs.count - 1] &= (1 << UInt64(width % 64)) - 1 }
      }
      return outputs
    }
  }

  /// ⌊√x⌋ by Newton's iteration on integers.
  static func integerSquareRoot(_ x: UInt128) -> UInt128 {
    if x < 2 { return x }
    var guess = UInt128(1) << ((128 - x.leadingZeroBitCount + 1) / 2)  // ≥ √x
    while true {
      let next = (guess + x / guess) / 2
      if next >= guess { return guess }
      guess = next
    }
  }
}
