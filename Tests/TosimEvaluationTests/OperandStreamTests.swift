//===--- OperandStreamTests.swift ------------------------------------------===//
// The seeded operand stream against draws taken straight from SplitMix64:
// the uniform layout (vector, bus, limb), determinism by seed, magnitude
// streams, the normal distribution's moments for floating point and
// integers, wide integers, and the shortened second operand of the tests.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimEvaluation
import TosimFormats
import _TosimTestSupport

@Suite("Operand stream")
struct OperandStreamTests {
  @Test("uniform draws vector by vector, bus by bus, limb by limb, masked to the width")
  func uniformLayout() {
    let widths = [8, 70, 1]
    let buses = OperandStream(seed: 42).vectors(widths: widths, count: 300)
    var random = SplitMix64(seed: 42)
    var expected: [[UInt64]] = [[], [], []]
    for _ in 0..<300 {
      expected[0].append(random.next() & 0xFF)
      expected[1].append(random.next())
      expected[1].append(random.next() & 0x3F)
      expected[2].append(random.next() & 1)
    }
    #expect(buses == expected)
  }

  @Test("the same seed gives the same stream, another seed another one")
  func determinism() {
    for distribution in OperandDistribution.allCases {
      let stream = OperandStream(distribution, precision: .fp16, seed: 7)
      let first = stream.vectors(widths: [16, 16], count: 500)
      #expect(stream.vectors(widths: [16, 16], count: 500) == first)
      #expect(OperandStream(distribution, precision: .fp16, seed: 8).vectors(widths: [16, 16], count: 500) != first)
      // A longer stream starts with the shorter one.
      #expect(stream.vectors(widths: [16, 16], count: 800).map { Array($0.prefix(500)) } == first)
    }
  }

  @Test("magnitude streams clear the operands' sign bits but not a carry-in")
  func magnitude() {
    let buses = OperandStream(.uniform, precision: .int8, seed: 3, isMagnitude: true).vectors(widths: [8, 1], count: 2000)
    #expect(buses[0].allSatisfy { $0 < 0x80 })
    #expect(buses[0].contains { $0 >= 0x40 })
    #expect(buses[1].contains(1) && buses[1].contains(0))
    let normal = OperandStream(.normal, precision: .fp32, seed: 3, isMagnitude: true).vectors(widths: [32, 32], count: 2000)
    #expect(normal[0].allSatisfy { Float(bitPattern: UInt32($0)) >= 0 })
  }

  /// Mean and population standard deviation.
  static func moments(_ values: [Double]) -> (mean: Double, deviation: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    return (mean, (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot())
  }

  @Test("normal floating-point operands are N(0, 1)")
  func normalFloatingPoint() {
    let buses = OperandStream(.normal, precision: .fp32, seed: 11).vectors(widths: [32, 32], count: 20_000)
    for bus in buses {
      let (mean, deviation) = Self.moments(bus.map { Double(Float(bitPattern: UInt32($0))) })
      #expect(abs(mean) < 0.03 && abs(deviation - 1) < 0.03, "mean \(mean), deviation \(deviation)")
    }
  }

  @Test("normal integers: σ is a quarter of the signed range; a carry-in stays uniform; 128 bits sign-extend")
  func normalIntegers() {
    let buses = OperandStream(.normal, precision: .int8, seed: 5).vectors(widths: [8, 8, 1], count: 20_000)
    let values = buses[0].map { Double(Int8(truncatingIfNeeded: $0)) }
    let (mean, deviation) = Self.moments(values)
    #expect(abs(mean) < 1 && abs(deviation - 32) < 1.5, "mean \(mean), deviation \(deviation)")
    #expect(buses[2].allSatisfy { $0 <= 1 } && buses[2].contains(1))
    let wide = OperandStream(distribution: .normal, seed: 5).vectors(widths: [128], count: 2000)
    for vector in 0..<2000 {
      let value = Int128(bitPattern: UInt128(wide[0][2 * vector + 1]) << 64 | UInt128(wide[0][2 * vector]))
      #expect(Double(value).magnitude <= 0x1p127)
    }
    let negative = (0..<2000).filter { wide[0][2 * $0 + 1] >> 63 == 1 }.count
    #expect(negative > 800 && negative < 1200)
  }

  @Test("tests' streams shorten the second operand every eighth vector and zero it every 64th")
  func shortenedSecondOperand() {
    let buses = OperandStream(seed: 9, shortensSecondOperand: true).vectors(widths: [32, 32], count: 4096)
    #expect((0..<4096).filter { $0 % 64 == 63 }.allSatisfy { buses[1][$0] == 0 })
    // About 9/33 of the 448 shortened vectors keep at most 8 bits; uniform draws almost never do.
    let short = (0..<4096).filter { $0 % 8 == 7 && $0 % 64 != 63 && buses[1][$0] < 1 << 8 }.count
    #expect(short > 60)
    #expect((0..<4096).filter { $0 % 8 != 7 && buses[1][$0] < 1 << 8 }.isEmpty)
    let single = OperandStream(seed: 9, shortensSecondOperand: true).vectors(widths: [24], count: 128)
    #expect(single[0][63] == 0 && single[0][127] == 0)
  }
}
