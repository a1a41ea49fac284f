//===--- FloatingPointBuilder+IntegerBlocks.swift --------------------------===//
// The integer blocks inside floating-point units: adders (the shared
// `Adders` generators, so `--adder` reaches every unit), a ripple
// subtractor row for digit recurrences, an incrementer, a logarithmic barrel
// shifter with sticky bit, a leading-zero counter, and the significand
// multiplier.
//
// TEMPORARY: the incrementer, shifter, leading-zero counter and array
// multiplier here are minimal private versions that stand in for the shared
// generators being written on the `integer-arith` branch (Incrementers,
// Shifters, LeadingZeroCounters, Multipliers); replace them once they land.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// Significand multiplier architectures available inside floating-point units.
public enum FloatingPointMultiplierDesign: String, CaseIterable, Sendable {
  /// Rows of AND2 partial products reduced by a carry-save array of full
  /// adders, then one carry-propagate adder of the selected adder design.
  case array
}

extension FloatingPointBuilder {
  // MARK: - Adders

  /// `a + b + carryIn` with the selected adder design (equal widths).
  mutating func add(_ a: [NetID], _ b: [NetID], carryIn: NetID = Netlist.constant0) -> (sum: [NetID], carry: NetID) {
    precondition(a.count == b.count && !a.isEmpty)
    let out = Adders.build(designs.adder, into: &netlist, a: a, b: b, carryIn: carryIn)
    return (out.sum, out.carryOut)
  }

  /// `a − b` modulo 2^n, and whether `a ≥ b` (unsigned), with the selected adder.
  mutating func subtract(_ a: [NetID], _ b: [NetID]) -> (difference: [NetID], noBorrow: NetID) {
    let out = add(a, not(b), carryIn: Self.one)
    return (out.sum, out.carry)
  }

  /// `a − b` as a ripple of folded full adders, and whether `a ≥ b`: the row
  /// cell of restoring digit recurrences, where constant bits fold away.
  mutating func rippleSubtract(_ a: [NetID], _ b: [NetID]) -> (difference: [NetID], noBorrow: NetID) {
    precondition(a.count == b.count)
    var carry = Self.one
    var difference: [NetID] = []
    for i in a.indices {
      let bit = fullAdder(a[i], not(b[i]), carry)
      difference.append(bit.sum)
      carry = bit.carry
    }
    return (difference, carry)
  }

  /// `value + increment` as a chain of half adders, with the carry out.
  mutating func increment(_ value: [NetID], by increment: NetID) -> (sum: [NetID], carry: NetID) {
    var carry = increment
    var sum: [NetID] = []
    for bit in value {
      let out = fullAdder(bit, carry, Self.zero)
      sum.append(out.sum)
      carry = out.carry
    }
    return (sum, carry)
  }

  /// Unsigned `a < b` over equal widths.
  mutating func lessThan(_ a: [NetID], _ b: [NetID]) -> NetID {
    not(subtract(a, b).noBorrow)
  }

  /// Whether `a == b` bit for bit.
  mutating func equal(_ a: [NetID], _ b: [NetID]) -> NetID {
    not(orTree(zip(a, b).map { xor($0, $1) }))
  }

  // MARK: - Shifters

  /// The amount bits that can shift an n-bit value out entirely.
  static func amountWidth(for n: Int) -> Int {
    var bits = 1
    while 1 << bits < n { bits += 1 }
    return bits
  }

  /// `value << amount` (zeros shifted in); amounts ≥ n give 0.
  mutating func shiftLeft(_ value: [NetID], by amount: [NetID]) -> [NetID] {
    shift(value, by: amount, left: true).result
  }

  /// `value >> amount` and the sticky bit (OR of the 1s shifted out);
  /// amounts ≥ n give 0 and the OR of every bit.
  mutating func shiftRight(_ value: [NetID], by amount: [NetID]) -> (result: [NetID], sticky: NetID) {
    shift(value, by: amount, left: false)
  }

  /// A logarithmic barrel shifter: stage k moves by 2^k when amount bit k is
  /// set; amount bits beyond ⌈log2 n⌉ collapse into one shift-out stage.
  private mutating func shift(_ value: [NetID], by amount: [NetID], left: Bool) -> (result: [NetID], sticky: NetID) {
    let n = value.count
    let stageCount = min(amount.count, Self.amountWidth(for: n + 1))
    var current = value
    var sticky = Self.zero
    func stage(_ builder: inout FloatingPointBuilder, _ select: NetID, distance: Int) {
      let moved: [NetID] = (0..<n).map { i in
        left ? (i >= distance ? current[i - distance] : Self.zero) : (i + distance < n ? current[i + distance] : Self.zero)
      }
      if !left {
        let dropped = builder.orTree(Array(current.prefix(min(distance, n))))
        sticky = builder.or(sticky, builder.and(select, dropped))
      }
      current = builder.mux(select, current, moved)
    }
    for k in 0..<stageCount { stage(&self, amount[k], distance: 1 << k) }
    if amount.count > stageCount {
      stage(&self, orTree(Array(amount[stageCount...])), distance: n)
    }
    return (current, sticky)
  }

  // MARK: - Leading zeros

  /// The number of leading zeros of `value` (n when it is 0), as a tree over
  /// halves: a block's count is the upper half's count when the upper half
  /// has a 1, else the upper half's width plus the lower half's count
  /// (Oklobdzija, IEEE Trans. VLSI 2(1), 1994, for power-of-two blocks).
  /// Returns the count bits (bit 0 first) and whether `value` is 0.
  mutating func leadingZeros(_ value: [NetID]) -> (count: [NetID], isZero: NetID) {
    var width = 1
    while width < value.count { width *= 2 }
    // Pad below with ones so the padded count equals the real one whenever
    // the value is nonzero; an all-zero value is flagged separately.
    let padded = [NetID](repeating: Self.one, count: width - value.count) + value
    let result = leadingZerosOfPowerOfTwo(Array(padded.reversed()))
    let isZero = not(orTree(value))
    // For zero the padded count is value.count exactly: padding is all ones.
    return (result.count, isZero)
  }

  /// Most significant bit first; a width of 2^k gives k + 1 count bits.
  private mutating func leadingZerosOfPowerOfTwo(_ msbFirst: [NetID]) -> (count: [NetID], isZero: NetID) {
    if msbFirst.count == 1 {
      let isZero = not(msbFirst[0])
      return ([isZero], isZero)
    }
    let half = msbFirst.count / 2
    let upper = leadingZerosOfPowerOfTwo(Array(msbFirst[..<half]))
    let lower = leadingZerosOfPowerOfTwo(Array(msbFirst[half...]))
    // Upper half has a 1: its count (< half). Otherwise half + lower count,
    // whose top two bits are (lower is zero, lower is not zero).
    let low = mux(upper.isZero, Array(upper.count.dropLast()), Array(lower.count.dropLast()))
    let bothZero = and(upper.isZero, lower.isZero)
    let middle = and(upper.isZero, not(lower.isZero))
    return (low + [middle, bothZero], bothZero)
  }

  // MARK: - Multiplier

  /// The 2n-bit product of n-bit unsigned `a` and `b`.
  mutating func multiply(_ a: [NetID], _ b: [NetID]) -> [NetID] {
    switch designs.multiplier {
    case .array: return arrayMultiply(a, b)
    }
  }

  /// Array multiplier: row i of partial products `a·b_i` is added into the
  /// running carry-save pair by full adders over its columns i…i+n−1; one
  /// final carry-propagate adder of the selected design.
  private mutating func arrayMultiply(_ a: [NetID], _ b: [NetID]) -> [NetID] {
    let width = a.count + b.count
    var sum = [NetID](repeating: Self.zero, count: width)
    var carry = [NetID](repeating: Self.zero, count: width)
    for (i, bi) in b.enumerated() {
      var nextCarry = carry
      for j in a.indices { nextCarry[i + j] = Self.zero }
      for j in a.indices {
        let bit = fullAdder(sum[i + j], carry[i + j], and(a[j], bi))
        sum[i + j] = bit.sum
        if i + j + 1 < width { nextCarry[i + j + 1] = bit.carry }
      }
      carry = nextCarry
    }
    return add(sum, carry).sum
  }
}
