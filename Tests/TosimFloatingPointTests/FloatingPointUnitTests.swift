//===--- FloatingPointUnitTests.swift --------------------------------------===//
// Gate-level floating-point units (TosimCircuits/FloatingPoint) against the
// reference, bit for bit (NaNs by NaN-ness): every operand pair of both fp8
// formats for every op, every fp16 and bf16 input of sqrt, and for fp16,
// bf16, fp32 and fp64 at least 10^4 vectors per op — edge cases (zeros,
// infinities, NaNs, smallest/largest subnormal and normal, ties, exponent
// boundaries) crossed with each other, operands near each other
// (cancellation), and seeded random patterns. One generic body per format.
//===----------------------------------------------------------------------===//
import Testing
import TosimCircuits
import TosimEvaluation
import TosimFormats
import TosimNetlist
import _TosimTestSupport

@Suite("Floating-point units")
struct FloatingPointUnitTests {
  static let smallFormats: [FloatFormat] = [.fp8e4m3, .fp8e5m2]
  static let wideFormats: [FloatFormat] = [.fp16, .bf16, .fp32, .fp64]

  /// Builds and simulates one unit, returning its mismatches.
  static func check(
    _ format: FloatFormat, _ operation: FloatOperation, a: [UInt64], b: [UInt64],
    designs: FloatingPointDesigns = FloatingPointDesigns()
  ) throws -> UnitMeasurement {
    let netlist = try FloatingPointUnits.build(
      format: format, operation: operation, designs: designs, library: TestSupport.shippedLibrary, name: "test")
    try netlist.validate()
    return try UnitMeasurement.measure(
      netlist, inputs: [a, b], reference: .floatingPoint(format, operation),
      options: MeasurementOptions(countsGlitches: false, recordsPerVector: false))
  }

  @Test(arguments: smallFormats)
  func everyFP8OperandPair(format: FloatFormat) throws {
    let a = (0..<65536).map { UInt64($0 & 255) }, b = (0..<65536).map { UInt64($0 >> 8) }
    for operation in FloatOperation.allCases {
      let result = try Self.check(format, operation, a: a, b: b)
      #expect(result.mismatchCount == 0, "\(format) \(operation): \(result.mismatches)")
    }
  }

  @Test(arguments: [FloatFormat.fp16, .bf16])
  func everySixteenBitSquareRoot(format: FloatFormat) throws {
    let a = (0..<65536).map { UInt64($0) }
    let result = try Self.check(format, .sqrt, a: a, b: a)
    #expect(result.mismatchCount == 0, "\(format) sqrt: \(result.mismatches)")
  }

  @Test(arguments: wideFormats)
  func edgeCasesAndRandomVectors(format: FloatFormat) throws {
    let (a, b) = Self.vectors(format, count: 10_240, seed: 0x5EED)
    for operation in FloatOperation.allCases where !(operation == .sqrt && format.bitWidth == 16) {
      let result = try Self.check(format, operation, a: a, b: b)
      #expect(result.vectorCount >= 10_000)
      #expect(result.mismatchCount == 0, "\(format) \(operation): \(result.mismatches)")
    }
  }

  @Test(arguments: [
    FloatingPointDesigns(adder: .rippleCarry, multiplier: Multipliers.Design(.array)),
    FloatingPointDesigns(adder: .brentKung, multiplier: Multipliers.Design(.boothWallace, finalAdder: .sklansky)),
    FloatingPointDesigns(adder: .carrySelect, multiplier: Multipliers.Design(.wallace, finalAdder: .carrySkip)),
  ])
  func otherDesignsAgree(designs: FloatingPointDesigns) throws {
    let (a, b) = Self.vectors(.fp16, count: 2048, seed: 11)
    for operation in [FloatOperation.add, .mul, .compare] {
      let result = try Self.check(.fp16, operation, a: a, b: b, designs: designs)
      #expect(result.mismatchCount == 0, "\(operation) with \(designs): \(result.mismatches)")
    }
  }

  @Test("Newton–Raphson division: every fp8 pair", arguments: smallFormats)
  func newtonRaphsonDivisionFP8(format: FloatFormat) throws {
    let a = (0..<65536).map { UInt64($0 & 255) }, b = (0..<65536).map { UInt64($0 >> 8) }
    let result = try Self.check(format, .div, a: a, b: b, designs: FloatingPointDesigns(divider: .newtonRaphson))
    #expect(result.mismatchCount == 0, "\(format) div:newton-raphson: \(result.mismatches)")
  }

  @Test("Newton–Raphson square root: every fp16 and bf16 input", arguments: [FloatFormat.fp16, .bf16])
  func newtonRaphsonSquareRootSixteenBit(format: FloatFormat) throws {
    let a = (0..<65536).map { UInt64($0) }
    let result = try Self.check(format, .sqrt, a: a, b: a, designs: FloatingPointDesigns(squareRoot: .newtonRaphson))
    #expect(result.mismatchCount == 0, "\(format) sqrt:newton-raphson: \(result.mismatches)")
  }

  @Test("Newton–Raphson division and square root: fp16 and fp32 edge cases and random vectors",
    arguments: [FloatFormat.fp16, .fp32])
  func newtonRaphsonWide(format: FloatFormat) throws {
    let (a, b) = Self.vectors(format, count: 10_240, seed: 0xD1F)
    let designs = FloatingPointDesigns(divider: .newtonRaphson, squareRoot: .newtonRaphson)
    for operation in [FloatOperation.div, .sqrt] {
      let result = try Self.check(format, operation, a: a, b: b, designs: designs)
      #expect(result.mismatchCount == 0, "\(format) \(operation):newton-raphson: \(result.mismatches)")
    }
  }

  @Test func catalogNamesAndErrors() throws {
    let library = TestSupport.shippedLibrary
    let unit = try FloatingPointUnits.build(UnitName(parsing: "fp8-e4m3.mul:wallace"), library: library)
    #expect(unit.inputs.map(\.name) == ["a", "b"] && unit.outputs.map(\.width) == [8])
    #expect(try FloatingPointUnits.build(UnitName(parsing: "fp16.compare"), library: library).outputs[0].width == 4)
    #expect(throws: InputError.self) { try FloatingPointUnits.build(UnitName(parsing: "fp16.add:bogus"), library: library) }
    #expect(throws: InputError.self) { try FloatingPointUnits.build(UnitName(parsing: "fp16.exp"), library: library) }
  }

  /// Edge values of `format`: zeros, subnormal and normal limits, ±∞, NaNs,
  /// values around 1 and around exponent boundaries, and half-ulp ties.
  static func edgeValues(_ format: FloatFormat) -> [UInt64] {
    let f = UInt64(format.fractionBitCount)
    let one = UInt64(format.bias) << f
    var values: [UInt64] = [
      0, 1, 2, format.fractionMask, format.fractionMask - 1, 1 << f, (1 << f) + 1, format.largestFinite,
      format.largestFinite - 1, format.positiveInfinityOrNaN, format.canonicalNaN, format.canonicalNaN | 1,
      one, one + 1, one - 1, one | (1 << (f - 1)), one + (1 << f), one - (1 << f),
      one - ((f + 1) << f), one - ((f + 2) << f), (one - ((f + 1) << f)) | 1, (one - ((f + 2) << f)) | (1 << (f - 1)),
      (UInt64(format.bias + format.fractionBitCount) << f) | format.fractionMask,
    ]
    values += values.map { $0 | format.signBit }
    return values.map { $0 & format.mask }
  }

  /// Every pair of edge values, operands close to each other (cancellation,
  /// small exponent differences), then seeded random patterns; `count` in all.
  static func vectors(_ format: FloatFormat, count: Int, seed: UInt64) -> (a: [UInt64], b: [UInt64]) {
    let edges = edgeValues(format)
    var a: [UInt64] = [], b: [UInt64] = []
    for x in edges {
      for y in edges {
        a.append(x)
        b.append(y)
      }
    }
    var random = SplitMix64(seed: seed)
    while a.count < count {
      let x = random.next() & format.mask
      a.append(x)
      switch a.count % 3 {
      case 0: b.append(random.next() & format.mask)
      case 1: b.append((x ^ (random.next() & ((1 << UInt64(format.fractionBitCount + 2)) - 1))) ^ (random.next() & 1) << UInt64(format.bitWidth - 1))
      default: b.append(x &+ (random.next() % 5) &- 2 & format.mask)
      }
    }
    return (Array(a.prefix(count)), Array(b.prefix(count)))
  }
}
