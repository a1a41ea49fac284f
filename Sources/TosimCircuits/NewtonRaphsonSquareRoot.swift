//===--- NewtonRaphsonSquareRoot.swift -------------------------------------===//
// Integer square root by Newton–Raphson reciprocal square root (y ← y·(3 −
// a·y²)/2, three multiplies per iteration, then √a = a·y; Ercegovac & Lang,
// "Digital Arithmetic", Morgan Kaufmann 2004, ch. 7),
// made exact by a remainder-based correction:
//  1. normalise by an even shift: s = lzc(a) rounded down to even, A = a << s,
//     so A' = A/2^N ∈ [1/4, 1) (N = 2m, m = ⌈n/2⌉ root bits);
//  2. seed: a table (constant-folded MUX2 tree) indexed by the top k bits of
//     A gives Y0 ≈ 1/√A' at the middle of the index interval;
//  3. iterations at F = m + 4 fractional bits: Y² and A'·Y² truncated, then
//     Y·(3 − T − 2^(1−F))/2 truncated, so Y never exceeds 1/√A' and the
//     error follows ε ← 1.5ε² + ½ε³ + 4.25·2^−F; the generator evaluates this
//     bound from the table's actual worst seed error and iterates until
//     2^m·ε ≤ 0.6 (2 iterations for n = 32 with k = 8);
//  4. root estimate ⌊A'·Y·2^(m − s/2)⌋ (a multiplier and a right barrel
//     shift), which is ⌊√a⌋ or one less;
//  5. r = a − q̃² over m + 2 bits; if r ≥ 2q̃ + 1 the root is incremented and
//     2q̃ + 1 subtracted.
// Multipliers are Dadda trees with Kogge–Stone final adders.
// CLI: `tosim eval int32.sqrt:newton-raphson`, `tosim explore sqrt`.
//===----------------------------------------------------------------------===//
import Foundation
import TosimNetlist

extension SquareRoots {
  /// Seed-table index bits of the Newton–Raphson square root.
  public static let newtonRaphsonSeedBits = 8

  /// The seed table for `indexBits` index bits and `fraction` fractional
  /// bits (entries with the top two index bits zero occur only for a = 0
  /// and are 0), and its worst relative error against 1/√A'.
  static func reciprocalSquareRootSeeds(indexBits: Int, fraction: Int, roundsDown: Bool) -> (entries: [UInt64], error: Double) {
    var worst = 0.0
    let scale = Double(UInt64(1) << UInt64(fraction))
    let entries: [UInt64] = (0..<(1 << indexBits)).map { i in
      guard i >= 1 << max(0, indexBits - 2) else { return 0 }
      let low = Double(i) / Double(1 << indexBits), high = Double(i + 1) / Double(1 << indexBits)
      // Rounding down from the interval's top end never exceeds 1/√A'.
      let value = roundsDown ? (scale / high.squareRoot()).rounded(.down) : (scale / ((low + high) / 2).squareRoot()).rounded()
      let entry = UInt64(value)
      for x in [low, high] { worst = max(worst, abs(1 - Double(entry) / scale * x.squareRoot())) }
      return entry
    }
    return (entries, worst)
  }

  /// Inserts a Newton–Raphson integer square root with a `seedBits`-bit
  /// seed table.
  public static func newtonRaphson(
    into netlist: inout Netlist, a: [NetID], seedBits: Int = newtonRaphsonSeedBits
  ) -> Outputs {
    let m = rootWidth(for: a.count), width = 2 * m
    let fraction = m + 4  // F
    let multiplier = Multipliers.Design(.dadda)
    func multiply(_ x: [NetID], _ y: [NetID]) -> [NetID] {
      let size = max(x.count, y.count)
      let pad = { (v: [NetID]) in v + [NetID](repeating: Netlist.constant0, count: size - v.count) }
      return Multipliers.build(multiplier, into: &netlist, a: pad(x), b: pad(y), isSigned: false).product
    }
    func bits(_ value: [NetID], _ range: Range<Int>) -> [NetID] {
      range.map { $0 < value.count ? value[$0] : Netlist.constant0 }
    }
    let radicand = bits(a, 0..<width)

    // 1. Normalise by an even shift.
    let zeros = LeadingZeroCounters.count(into: &netlist, value: radicand)
    let halfShift = Array(zeros.dropFirst())  // s/2 (s rounded down to even)
    let normalised = Shifters.barrelShift(
      into: &netlist, value: radicand, amount: [Netlist.constant0] + halfShift, direction: .left
    ).result

    // 2. Seed; choose the iteration count from the error bound.
    let indexBits = min(seedBits, width)
    let exactIndex = indexBits == width
    var seed = reciprocalSquareRootSeeds(
      indexBits: indexBits, fraction: exactIndex ? fraction : seedBits + 3, roundsDown: exactIndex)
    var iterations = 0
    var error = seed.error
    let limit = 0.6 / pow(2, Double(m))
    while error > limit {
      error = 1.5 * error * error + 0.5 * error * error * error + 4.25 / pow(2, Double(fraction))
      iterations += 1
    }
    if iterations == 0 && !exactIndex {
      // No iteration: the seed itself must not exceed 1/√A'. When rounding
      // down makes it too coarse, iterate once from the midpoint seed.
      let roundedDown = reciprocalSquareRootSeeds(indexBits: indexBits, fraction: fraction, roundsDown: true)
      if roundedDown.error <= limit { seed = roundedDown } else { iterations = 1 }
    }
    let seedFraction = iterations == 0 ? fraction : seedBits + 3
    let index = Array(normalised[(width - indexBits)...])
    var reciprocal = [NetID](repeating: Netlist.constant0, count: fraction - seedFraction)
      + Multiplexers.lookupTable(into: &netlist, select: index, entries: seed.entries, width: seedFraction + 2)

    // 3. Iterations: Y ← Y·(3 − A'·Y² − 2^(1−F))/2.
    // 3·2^F − 2 = 2^(F+1) + (2^F − 2): bits 1…F−1 and F+1 set.
    let constant = (0..<(fraction + 2)).map { Netlist.constant($0 == fraction + 1 || (1..<fraction).contains($0)) }
    for _ in 0..<iterations {
      let square = bits(multiply(reciprocal, reciprocal), (fraction - 2)..<(2 * fraction + 4))  // F + 2 frac
      let product = multiply(normalised, square)  // N + F + 2 frac
      let t = bits(product, (width + 2)..<(width + fraction + 3))  // F frac, < 2
      let e = Adders.subtract(.koggeStone, into: &netlist, a: constant, b: t + [Netlist.constant0]).sum
      reciprocal = bits(multiply(reciprocal, e), (fraction + 1)..<(2 * fraction + 3))
    }

    // 4. Root estimate ⌊A'·Y·2^(m − s/2)⌋.
    let root = bits(multiply(normalised, reciprocal), width..<(width + fraction))  // S, F frac, < 1
    let unscaled = Shifters.barrelShift(into: &netlist, value: root, amount: halfShift, direction: .right).result
    let estimate = Array(unscaled[(fraction - m)...])

    // 5. r = a − q̃², one correction step.
    let narrow = m + 2
    let remainder = Adders.subtract(
      .koggeStone, into: &netlist, a: bits(radicand, 0..<narrow), b: bits(multiply(estimate, estimate), 0..<narrow)
    ).sum
    let step = [Netlist.constant1] + estimate + [Netlist.constant0]  // 2q̃ + 1, m + 2 bits
    let reduced = Adders.subtract(.koggeStone, into: &netlist, a: remainder, b: step)
    let isLow = reduced.carryOut
    let finalRoot = Incrementers.increment(into: &netlist, value: estimate, carryIn: isLow).sum
    let finalRemainder = netlist.mux2(
      select: isLow, whenZero: Array(remainder.prefix(m + 1)), whenOne: Array(reduced.sum.prefix(m + 1)))
    return Outputs(root: finalRoot, remainder: finalRemainder)
  }
}
