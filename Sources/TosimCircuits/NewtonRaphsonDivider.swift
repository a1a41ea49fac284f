//===--- NewtonRaphsonDivider.swift ----------------------------------------===//
// Division by Newton–Raphson reciprocal iteration (Flynn, "On division by
// functional iteration", IEEE Trans. Computers C-19(8), 1970), made exact by
// a remainder-based correction:
//  1. normalise: s = lzc(b), d = b << s, so D = d/2^n ∈ [1/2, 1);
//  2. seed: a table (a constant-folded MUX2 tree) indexed by the k bits of d
//     after its leading 1 gives X0 ≈ 1/D to k + 3 fractional bits, from the
//     midpoint of the index interval (relative error ≤ 0.625·2^−k);
//  3. ⌈log2(n/k)⌉ iterations X ← X·(2 − D·X) at F = n + 3 fractional bits,
//     two multipliers each; 2 − T is taken as the ones' complement of T and
//     both products are truncated, so after the first iteration X never
//     exceeds 1/D and its relative error stays below 2^−n (ε ← ε² + 3·2^−F);
//     with n ≤ k the table itself holds ⌊2^F/D⌋ and no iteration is needed;
//  4. q̃ = ⌊a·X·2^s / 2^(n+F)⌋ (a multiplier and a left barrel shift), which
//     is q or q − 1;
//  5. r = a − q̃·b (low n + 2 bits of one more multiplier); if r ≥ b the
//     quotient is incremented and b subtracted;
//  6. b = 0 selects quotient 2^n − 1 and remainder a.
// Multipliers are Dadda trees with Kogge–Stone final adders; the other
// adders are Kogge–Stone.
// CLI: `tosim eval int32.div:newton-raphson`, `tosim explore dividers`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension Dividers {
  /// Seed-table index bits of the Newton–Raphson divider.
  public static let newtonRaphsonSeedBits = 8

  /// Iterations of the Newton–Raphson divider for an n-bit divisor and a
  /// k-bit seed: ⌈log2(n/k)⌉, 0 when n ≤ k.
  public static func newtonRaphsonIterationCount(width n: Int, seedBits k: Int = newtonRaphsonSeedBits) -> Int {
    var iterations = 0
    while k << iterations < n { iterations += 1 }
    return iterations
  }

  /// Inserts a Newton–Raphson divider with a `seedBits`-bit seed table.
  public static func newtonRaphson(
    into netlist: inout Netlist, a: [NetID], b: [NetID], seedBits: Int = newtonRaphsonSeedBits
  ) -> Outputs {
    let n = a.count
    let fraction = n + 3  // F: fractional bits of X during the iterations
    let iterations = newtonRaphsonIterationCount(width: n, seedBits: seedBits)
    let multiplier = Multipliers.Design(.dadda)
    func multiply(_ x: [NetID], _ y: [NetID]) -> [NetID] {
      let width = max(x.count, y.count)
      let pad = { (v: [NetID]) in v + [NetID](repeating: Netlist.constant0, count: width - v.count) }
      return Multipliers.build(multiplier, into: &netlist, a: pad(x), b: pad(y), isSigned: false).product
    }
    func bits(_ value: [NetID], _ range: Range<Int>) -> [NetID] {
      range.map { $0 < value.count ? value[$0] : Netlist.constant0 }
    }

    // 1. Normalise the divisor.
    let shift = LeadingZeroCounters.count(into: &netlist, value: b)
    let d = Shifters.barrelShift(into: &netlist, value: b, amount: shift, direction: .left).result

    // 2. Seed table over the bits after the leading one.
    let indexBits = min(seedBits, n - 1)
    let index = (0..<indexBits).map { d[n - 1 - indexBits + $0] }
    let seedFraction = iterations == 0 ? fraction : seedBits + 3
    let entries: [UInt64] = (0..<(1 << indexBits)).map { i in
      let i = UInt64(i)
      if iterations == 0 {
        // The index is all of d: ⌊2^F / D⌋ = ⌊2^(F+n) / d⌋, never above 1/D.
        let divisor = (UInt64(1) << UInt64(indexBits)) | i
        return (UInt64(1) << UInt64(seedFraction + indexBits + 1)) / divisor
      }
      // 1 / midpoint of [1/2 + i/2^(k+1), 1/2 + (i+1)/2^(k+1)), rounded:
      // 2^(F0+k+2) / (2^(k+1) + 2i + 1).
      let numerator = UInt64(1) << UInt64(seedFraction + indexBits + 2)
      let denominator = (UInt64(1) << UInt64(indexBits + 1)) + 2 * i + 1
      return (2 * numerator + denominator) / (2 * denominator)
    }
    let seed = Multiplexers.lookupTable(into: &netlist, select: index, entries: entries, width: seedFraction + 2)
    // X with F fractional and 2 integer bits.
    var reciprocal = [NetID](repeating: Netlist.constant0, count: fraction - seedFraction) + seed

    // 3. Newton–Raphson iterations.
    for _ in 0..<iterations {
      let product = multiply(d, reciprocal)  // D·X with n + F fractional bits
      let truncated = bits(product, n..<(n + fraction + 1))  // ⌊D·X⌋ to F bits, < 2
      let correction = netlist.inverters(truncated)  // 2 − T − 2^−F, F + 1 bits
      let next = multiply(reciprocal, correction)  // 2F fractional bits
      reciprocal = bits(next, fraction..<(2 * fraction + 2))
    }

    // 4. Quotient estimate ⌊a·X·2^s / 2^(n+F)⌋, n + 1 bits.
    let scaled = bits(multiply(a, reciprocal), 0..<(2 * n + fraction + 1))
    let shifted = Shifters.barrelShift(into: &netlist, value: scaled, amount: shift, direction: .left).result
    let estimate = bits(shifted, (n + fraction)..<(2 * n + fraction + 1))

    // 5. Remainder r = a − q̃·b over n + 2 bits, one correction step.
    let width = n + 2
    let back = bits(multiply(estimate, b), 0..<width)
    let remainder = Adders.subtract(.koggeStone, into: &netlist, a: bits(a, 0..<width), b: back).sum
    let reduced = Adders.subtract(.koggeStone, into: &netlist, a: remainder, b: bits(b, 0..<width))
    let isLarge = reduced.carryOut  // r ≥ b
    let quotient = Incrementers.increment(into: &netlist, value: Array(estimate.prefix(n)), carryIn: isLarge).sum
    let finalRemainder = netlist.mux2(
      select: isLarge, whenZero: Array(remainder.prefix(n)), whenOne: Array(reduced.sum.prefix(n)))

    // 6. Division by zero.
    let isZero = netlist.inverter(netlist.orTree(b))
    return Outputs(
      quotient: quotient.map { netlist.or2($0, isZero) },
      remainder: netlist.mux2(select: isZero, whenZero: finalRemainder, whenOne: a))
  }
}
