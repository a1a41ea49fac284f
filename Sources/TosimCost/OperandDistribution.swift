//===--- OperandDistribution.swift -----------------------------------------===//
// The operand streams `tosim derive` simulates: `uniform` draws every bit
// pattern with equal probability (the usual switching-activity stimulus);
// `normal` draws values as deep-learning weights and activations have them,
// N(0, 1) (Box–Muller over SplitMix64), rounded to the format — for
// integers, N(0, 1) scaled so that ±4σ spans the signed range (a symmetric
// int quantisation), stored as two's complement. Square root takes |x| under
// `normal`. Same seed, same stream.
// CLI: `tosim derive --operands uniform|normal --seed S`.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

/// How operand values are drawn.
public enum OperandDistribution: String, CaseIterable, Sendable {
  /// Every bit pattern equally likely.
  case uniform
  /// Normally distributed values, N(0, 1) for floating point.
  case normal

  /// One operand stream for a unit with input widths `widths` on
  /// `precision`, `count` vectors.
  ///
  /// - Parameters:
  ///   - isMagnitude: draw non-negative values (square root).
  /// - Returns: one array of values per input bus.
  public func operands(
    precision: Precision, widths: [Int], count: Int, seed: UInt64, isMagnitude: Bool = false
  ) -> [[UInt64]] {
    var random = SplitMix64(seed: seed)
    var buses = widths.map { _ in [UInt64](repeating: 0, count: count) }
    for vector in 0..<count {
      for (bus, width) in widths.enumerated() {
        let mask: UInt64 = width >= 64 ? ~0 : (1 << UInt64(width)) - 1
        switch self {
        case .uniform:
          var value = random.next() & mask
          if isMagnitude && width == precision.bitWidth { value &= mask >> 1 }
          buses[bus][vector] = value
        case .normal:
          var sample = Self.gaussian(&random)
          if isMagnitude { sample = abs(sample) }
          if width != precision.bitWidth {
            buses[bus][vector] = random.next() & mask  // e.g. a carry-in
          } else if let format = precision.floatFormat {
            buses[bus][vector] = format.encode(sample)
          } else {
            // 2^(width-1); at 64 bits the largest value below it that Int64 holds.
            let limit = Double(sign: .plus, exponent: width - 1, significand: 1)
            let scaled = (sample * limit / 4).rounded().clamped(-limit, width == 64 ? limit.nextDown : limit - 1)
            buses[bus][vector] = UInt64(bitPattern: Int64(scaled)) & mask
          }
        }
      }
    }
    return buses
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
