//===--- OperandStream.swift -----------------------------------------------===//
// The one seeded operand stream of tosim: `tosim derive` measures on it,
// `tosim explore` compares designs on it, the tests verify units on it.
// Values are drawn vector by vector, bus by bus, limb by limb from one
// SplitMix64 stream. `uniform` masks each 64-bit draw to the bus; `normal`
// draws N(0, 1) (Box–Muller, two draws) for every bus and rounds it to the
// data operands' format — for integers, N(0, 1) scaled so that ±4σ spans
// the signed range (a symmetric int quantisation), stored as two's
// complement; a bus of another width (a carry-in) then takes one more
// uniform draw. Magnitude streams (square root) clear the operand's sign.
// Tests may shorten the second operand now and then (small divisors and
// radicands, short shifts). Same seed, same stream.
// CLI: `tosim derive --operands uniform|normal --seed S`, `tosim explore --seed S`.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

/// A seeded, reproducible stream of operand vectors.
public struct OperandStream: Sendable {
  /// How data operands are drawn.
  public var distribution: OperandDistribution
  /// The seed of the SplitMix64 generator.
  public var seed: UInt64
  /// The width of the data operands; buses of other widths (a carry-in, a
  /// shift amount) are always drawn uniformly. Nil: every bus is a data operand.
  public var operandWidth: Int?
  /// The format data operands are rounded to under `normal`; nil for
  /// two's-complement integers.
  public var format: FloatFormat?
  /// Whether data operands are non-negative (their top bit cleared under
  /// `uniform`, |x| under `normal`), as square root takes them.
  public var isMagnitude: Bool
  /// Whether every eighth vector keeps only a random number of the low bits
  /// of the second input bus (the first of a one-input unit) and every 64th
  /// sets it to 0, so that small divisors, radicands and shift amounts occur.
  public var shortensSecondOperand: Bool

  /// Creates a stream; by default uniform over every bus.
  public init(
    distribution: OperandDistribution = .uniform, seed: UInt64, operandWidth: Int? = nil, format: FloatFormat? = nil,
    isMagnitude: Bool = false, shortensSecondOperand: Bool = false
  ) {
    self.distribution = distribution
    self.seed = seed
    self.operandWidth = operandWidth
    self.format = format
    self.isMagnitude = isMagnitude
    self.shortensSecondOperand = shortensSecondOperand
  }

  /// The stream of a unit on `precision`: its data operands are
  /// `precision`-wide, in its floating-point format if it has one.
  public init(_ distribution: OperandDistribution, precision: Precision, seed: UInt64, isMagnitude: Bool = false) {
    self.init(
      distribution: distribution, seed: seed, operandWidth: precision.bitWidth, format: precision.floatFormat,
      isMagnitude: isMagnitude)
  }

  /// `count` vectors for input buses of `widths`: one array per bus holding
  /// `⌈width/64⌉` little-endian limbs per vector, vector after vector.
  public func vectors(widths: [Int], count: Int) -> [[UInt64]] {
    var random = SplitMix64(seed: seed)
    var buses = widths.map { [UInt64](repeating: 0, count: count * (($0 + 63) / 64)) }
    let shortened = shortensSecondOperand ? min(1, widths.count - 1) : -1
    var limbs: [UInt64] = []
    for vector in 0..<count {
      for (bus, width) in widths.enumerated() {
        draw(&limbs, width: width, random: &random)
        if bus == shortened && vector % 8 == 7 {
          let keep = Int(random.next() % UInt64(width + 1))
          for bit in keep..<(limbs.count * 64) { limbs[bit / 64] &= ~(1 << UInt64(bit % 64)) }
        }
        if bus == shortened && vector % 64 == 63 { limbs = limbs.map { _ in 0 } }
        let base = vector * limbs.count
        for (index, limb) in limbs.enumerated() { buses[bus][base + index] = limb }
      }
    }
    return buses
  }

  /// Draws one value of a `width`-bit bus into `limbs`.
  private func draw(_ limbs: inout [UInt64], width: Int, random: inout SplitMix64) {
    let count = (width + 63) / 64
    let topMask: UInt64 = width % 64 == 0 ? ~0 : (1 << UInt64(width % 64)) - 1
    let isOperand = operandWidth.map { $0 == width } ?? true
    limbs.removeAll(keepingCapacity: true)
    func uniform() {
      for limb in 0..<count { limbs.append(random.next() & (limb == count - 1 ? topMask : ~0)) }
    }
    switch distribution {
    case .uniform:
      uniform()
      if isMagnitude && isOperand && count > 0 { limbs[count - 1] &= topMask >> 1 }
    case .normal:
      var sample = Self.gaussian(&random)
      if isMagnitude { sample = abs(sample) }
      if !isOperand {
        uniform()  // e.g. a carry-in
      } else if let format {
        for limb in 0..<count { limbs.append(limb == 0 ? format.encode(sample) & (count == 1 ? topMask : ~0) : 0) }
      } else {
        let integer = Self.quantised(sample, width: min(width, 128))
        for limb in 0..<count {
          let word = limb < 2 ? UInt64(truncatingIfNeeded: integer >> (64 * limb)) : (integer < 0 ? ~0 : 0)
          limbs.append(word & (limb == count - 1 ? topMask : ~0))
        }
      }
    }
  }

  /// `sample` scaled so that ±4 spans the signed `width`-bit range, rounded
  /// and clamped to it.
  private static func quantised(_ sample: Double, width: Int) -> Int128 {
    let limit = Double(sign: .plus, exponent: width - 1, significand: 1)
    let scaled = (sample * limit / 4).rounded().clamped(-limit, limit - 1)
    // Above 53 bits `limit - 1` rounds up to `limit`, which does not fit.
    return scaled >= limit ? Int128.max >> (128 - width) : Int128(scaled)
  }

  /// A standard normal sample (Box–Muller).
  static func gaussian(_ random: inout SplitMix64) -> Double {
    let u1 = (Double(random.next() >> 11) + 1) / 9_007_199_254_740_992  // (0, 1]
    let u2 = Double(random.next() >> 11) / 9_007_199_254_740_992
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}

extension Double {
  fileprivate func clamped(_ low: Double, _ high: Double) -> Double { Swift.min(Swift.max(self, low), high) }
}
