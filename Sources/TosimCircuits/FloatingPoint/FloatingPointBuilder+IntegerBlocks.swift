//===--- FloatingPointBuilder+IntegerBlocks.swift --------------------------===//
// The integer blocks inside floating-point units, all from the shared
// integer generators so `--adder` and `--multiplier` reach every unit:
// adders and subtractors (`Adders`), the significand multiplier
// (`Multipliers`, its final adder the selected adder), the incrementer
// (`Incrementers`), barrel shifters with sticky bit (`Shifters`) and the
// leading-zero counter (`LeadingZeroCounters`). A folded ripple subtractor
// row serves the digit recurrences of division and square root.
// Not reachable from the CLI by itself; every `tosim eval fp32.*` unit uses it.
//===----------------------------------------------------------------------===//
import TosimNetlist

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
    let out = add(a, netlist.inverters(b), carryIn: Self.one)
    return (out.sum, out.carry)
  }

  /// `a − b` as a ripple of folded full adders, and whether `a ≥ b`: the row
  /// cell of restoring digit recurrences, where constant bits fold away.
  mutating func rippleSubtract(_ a: [NetID], _ b: [NetID]) -> (difference: [NetID], noBorrow: NetID) {
    precondition(a.count == b.count)
    var carry = Self.one
    var difference: [NetID] = []
    for i in a.indices {
      let bit = netlist.fullAdder(a[i], netlist.inverter(b[i]), carry)
      difference.append(bit.sum)
      carry = bit.carry
    }
    return (difference, carry)
  }

  /// `value + increment` (the shared incrementer), with the carry out.
  mutating func increment(_ value: [NetID], by increment: NetID) -> (sum: [NetID], carry: NetID) {
    if increment == Self.zero { return (value, Self.zero) }
    let out = Incrementers.increment(into: &netlist, value: value, carryIn: increment)
    return (out.sum, out.carryOut)
  }

  /// Unsigned `a < b` over equal widths.
  mutating func lessThan(_ a: [NetID], _ b: [NetID]) -> NetID {
    netlist.inverter(subtract(a, b).noBorrow)
  }

  /// Whether `a == b` bit for bit.
  mutating func equal(_ a: [NetID], _ b: [NetID]) -> NetID {
    netlist.inverter(netlist.orTree(zip(a, b).map { netlist.xor2($0, $1) }))
  }

  // MARK: - Shifters

  /// `value << amount` (zeros shifted in); amounts ≥ n give 0.
  mutating func shiftLeft(_ value: [NetID], by amount: [NetID]) -> [NetID] {
    Shifters.barrelShift(into: &netlist, value: value, amount: collapse(amount, for: value.count), direction: .left).result
  }

  /// `value >> amount` and the sticky bit (OR of the 1s shifted out);
  /// amounts ≥ n give 0 and the OR of every bit.
  mutating func shiftRight(_ value: [NetID], by amount: [NetID]) -> (result: [NetID], sticky: NetID) {
    Shifters.barrelShift(into: &netlist, value: value, amount: collapse(amount, for: value.count), direction: .right)
  }

  /// The amount with every bit at or above ⌈log2(n + 1)⌉ ORed into one top
  /// bit: its stage (a shift by at least n) shifts everything out, so one
  /// stage does the work of all of them.
  private mutating func collapse(_ amount: [NetID], for n: Int) -> [NetID] {
    var low = 1
    while 1 << low < n + 1 { low += 1 }
    guard amount.count > low + 1 else { return amount }
    return Array(amount[..<low]) + [netlist.orTree(Array(amount[low...]))]
  }

  // MARK: - Leading zeros

  /// The number of leading zeros of `value` (n when it is 0), bit 0 first.
  mutating func leadingZeros(_ value: [NetID]) -> [NetID] {
    LeadingZeroCounters.count(into: &netlist, value: value)
  }

  // MARK: - Multiplier

  /// The 2n-bit product of n-bit unsigned `a` and `b` with the selected
  /// multiplier.
  mutating func multiply(_ a: [NetID], _ b: [NetID]) -> [NetID] {
    Multipliers.build(designs.multiplier, into: &netlist, a: a, b: b, isSigned: false).product
  }
}
