//===--- UnitCatalog+Reference.swift ---------------------------------------===//
// Swift-arithmetic references for every integer unit (UInt128/Int128 based,
// so widths up to 128 and 256-bit products), used by the tests and by
// `tosim explore` to check every simulated result.
//===----------------------------------------------------------------------===//
import TosimFormats

/// The expected outputs of a unit computed with Swift integer arithmetic.
public struct UnitReference: Sendable {
  /// The width of each input bus, in port order.
  public let inputWidths: [Int]
  /// The width of each output bus, in port order.
  public let outputWidths: [Int]
  private let evaluate: @Sendable ([UInt128]) -> [WideValue]

  /// A value of up to 256 bits as (high, low) halves.
  public typealias WideValue = (high: UInt128, low: UInt128)

  init(inputWidths: [Int], outputWidths: [Int], evaluate: @escaping @Sendable ([UInt128]) -> [WideValue]) {
    self.inputWidths = inputWidths
    self.outputWidths = outputWidths
    self.evaluate = evaluate
  }

  /// The outputs for one vector: inputs and outputs as little-endian 64-bit
  /// limbs per bus, `⌈width/64⌉` limbs each.
  public func outputs(_ inputs: [[UInt64]]) -> [[UInt64]] {
    let values = inputs.map { limbs in
      limbs.enumerated().reduce(UInt128(0)) { $0 | UInt128($1.element) << (64 * $1.offset) }
    }
    return zip(evaluate(values), outputWidths).map { value, width in
      let words = [UInt64(truncatingIfNeeded: value.low), UInt64(truncatingIfNeeded: value.low >> 64),
        UInt64(truncatingIfNeeded: value.high), UInt64(truncatingIfNeeded: value.high >> 64)]
      var limbs = Array(words.prefix((width + 63) / 64))
      if width % 64 != 0 { limbs[limbs.count - 1] &= (1 << UInt64(width % 64)) - 1 }
      return limbs
    }
  }
}

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
    @Sendable func wide(_ x: UInt128) -> UnitReference.WideValue { (0, x) }
    let amountWidth = Shifters.amountWidth(for: n)
    let inputs: [Int], outputs: [Int]
    let function: @Sendable ([UInt128]) -> [UnitReference.WideValue]
    switch unit.operation {
    case .add:
      (inputs, outputs) = ([n, n, 1], [n, 1])
      function = { (x: [UInt128]) -> [UnitReference.WideValue] in
        let (low, o1) = x[0].addingReportingOverflow(x[1])
        let (sum, o2) = low.addingReportingOverflow(x[2])
        let carry: UInt128 = n == 128 ? (o1 || o2 ? 1 : 0) : sum >> n & 1
        return [wide(sum & mask), wide(carry)]
      }
    case .sub:
      (inputs, outputs) = ([n, n], [n, 1])
      function = { (x: [UInt128]) -> [UnitReference.WideValue] in
        [wide(x[0] &- x[1] & mask), wide(x[0] >= x[1] ? 1 : 0)]
      }
    case .cmp:
      (inputs, outputs) = ([n, n], [2])
      function = { (x: [UInt128]) -> [UnitReference.WideValue] in
        let code: UInt128 = (x[0] < x[1] ? 1 : 0) | (x[0] == x[1] ? 2 : 0)
        return [wide(code)]
      }
    case .scmp:
      (inputs, outputs) = ([n, n], [2])
      function = { (x: [UInt128]) -> [UnitReference.WideValue] in
        let code: UInt128 = (signed(x[0]) < signed(x[1]) ? 1 : 0) | (x[0] == x[1] ? 2 : 0)
        return [wide(code)]
      }
    case .mul:
      (inputs, outputs) = ([n, n], [2 * n])
      function = { (x: [UInt128]) -> [UnitReference.WideValue] in
        let product = x[0].multipliedFullWidth(by: x[1])
        return [(product.high, product.low)]
      }
    case .smul:
      (inputs, outputs) = ([n, n], [2 * n])
      function = { (x: [UInt128]) -> [UnitReference.WideValue] in
        let product = signed(x[0]).multipliedFullWidth(by: signed(x[1]))
        return [(UInt128(bitPattern: product.high), product.low)]
      }
    case .div:
      (inputs, outputs) = ([n, n], [n, n])
      function = { (x: [UInt128]) -> [UnitReference.WideValue] in
        x[1] == 0 ? [wide(mask), wide(x[0])] : [wide(x[0] / x[1]), wide(x[0] % x[1])]
      }
    case .sqrt:
      let m = SquareRoots.rootWidth(for: n)
      (inputs, outputs) = ([n], [m, m + 1])
      function = { (x: [UInt128]) -> [UnitReference.WideValue] in
        let root = integerSquareRoot(x[0])
        return [wide(root), wide(x[0] - root * root)]
      }
    case .inc:
      (inputs, outputs) = ([n], [n, 1])
      function = { (x: [UInt128]) -> [UnitReference.WideValue] in
        let sum = x[0] &+ 1
        return [wide(sum & mask), wide(x[0] == mask ? 1 : 0)]
      }
    case .lzc:
      (inputs, outputs) = ([n], [LeadingZeroCounters.countWidth(for: n)])
      function = { (x: [UInt128]) -> [UnitReference.WideValue] in
        [wide(UInt128(x[0].leadingZeroBitCount - (128 - n)))]
      }
    case .shl:
      (inputs, outputs) = ([n, amountWidth], [n])
      function = { (x: [UInt128]) -> [UnitReference.WideValue] in
        [wide(x[1] >= n ? 0 : x[0] << Int(x[1]) & mask)]
      }
    case .shr:
      (inputs, outputs) = ([n, amountWidth], [n, 1])
      function = { (x: [UInt128]) -> [UnitReference.WideValue] in
        let amount = Int(min(x[1], UInt128(n)))
        let shifted: UInt128 = amount >= n ? 0 : x[0] >> amount
        let lost: UInt128 = amount >= n ? x[0] : x[0] & ((1 << amount) - 1)
        return [wide(shifted), wide(lost != 0 ? 1 : 0)]
      }
    case .sar:
      (inputs, outputs) = ([n, amountWidth], [n])
      function = { (x: [UInt128]) -> [UnitReference.WideValue] in
        let amount = Int(min(x[1], UInt128(n - 1)))
        return [wide(UInt128(bitPattern: signed(x[0]) >> amount) & mask)]
      }
    }
    return UnitReference(inputWidths: inputs, outputWidths: outputs, evaluate: function)
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
