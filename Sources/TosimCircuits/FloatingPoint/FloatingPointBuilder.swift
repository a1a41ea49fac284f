//===--- FloatingPointBuilder.swift ----------------------------------------===//
// The netlist builder the floating-point generators work through: one-cell
// logic gates with constant folding (an input tied to 0 or 1, or two equal
// inputs, is simplified away before a cell is placed, so no generator places
// logic whose output is fixed), bus-wide multiplexers and balanced AND/OR
// trees, and the designs that choose the integer blocks inside each unit.
// Not reachable from the CLI by itself; every `tosim eval fp32.*` unit uses it.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// The integer architectures used inside floating-point units.
public struct FloatingPointDesigns: Hashable, Sendable {
  /// The adder of every significand and exponent addition and comparison.
  public var adder: Adders.Design
  /// The significand multiplier (reduction and final adder).
  public var multiplier: Multipliers.Design
  /// The significand divider.
  public var divider: FloatingPointDividerDesign
  /// The significand square root.
  public var squareRoot: FloatingPointSquareRootDesign

  /// Creates a design choice; by default Kogge–Stone adders and a Dadda
  /// multiplier with a Kogge–Stone final adder.
  public init(
    adder: Adders.Design = .koggeStone,
    multiplier: Multipliers.Design = Multipliers.Design(.dadda, finalAdder: .koggeStone),
    divider: FloatingPointDividerDesign = .restoring,
    squareRoot: FloatingPointSquareRootDesign = .digitRecurrence
  ) {
    self.adder = adder
    self.multiplier = multiplier
    self.divider = divider
    self.squareRoot = squareRoot
  }
}

/// A netlist under construction plus the designs that fill it.
struct FloatingPointBuilder {
  /// The netlist being built.
  var netlist: Netlist
  /// The integer architectures to place.
  let designs: FloatingPointDesigns

  static let zero = Netlist.constant0
  static let one = Netlist.constant1

  static func isConstant(_ net: NetID) -> Bool { net.index < 2 }

  // MARK: - Gates with constant folding

  mutating func not(_ a: NetID) -> NetID {
    if Self.isConstant(a) { return a == Self.zero ? Self.one : Self.zero }
    return netlist.add("INV", a)[0]
  }

  mutating func and(_ a: NetID, _ b: NetID) -> NetID {
    if a == Self.zero || b == Self.zero { return Self.zero }
    if a == Self.one || a == b { return b }
    if b == Self.one { return a }
    return netlist.add("AND2", a, b)[0]
  }

  mutating func or(_ a: NetID, _ b: NetID) -> NetID {
    if a == Self.one || b == Self.one { return Self.one }
    if a == Self.zero || a == b { return b }
    if b == Self.zero { return a }
    return netlist.add("OR2", a, b)[0]
  }

  mutating func xor(_ a: NetID, _ b: NetID) -> NetID {
    if a == b { return Self.zero }
    if a == Self.zero { return b }
    if b == Self.zero { return a }
    if a == Self.one { return not(b) }
    if b == Self.one { return not(a) }
    return netlist.add("XOR2", a, b)[0]
  }

  /// `select ? whenOne : whenZero` (MUX2, Y = S ? B : A).
  mutating func mux(_ select: NetID, _ whenZero: NetID, _ whenOne: NetID) -> NetID {
    if select == Self.zero || whenZero == whenOne { return whenZero }
    if select == Self.one { return whenOne }
    switch (whenZero, whenOne) {
    case (Self.zero, Self.one): return select
    case (Self.one, Self.zero): return not(select)
    case (Self.zero, _): return and(select, whenOne)
    case (_, Self.zero): return and(not(select), whenZero)
    case (Self.one, _): return or(not(select), whenOne)
    case (_, Self.one): return or(select, whenZero)
    default: return netlist.add("MUX2", whenZero, whenOne, select)[0]
    }
  }

  /// Bitwise `select ? whenOne : whenZero` over equal-width buses.
  mutating func mux(_ select: NetID, _ whenZero: [NetID], _ whenOne: [NetID]) -> [NetID] {
    precondition(whenZero.count == whenOne.count)
    return zip(whenZero, whenOne).map { mux(select, $0, $1) }
  }

  /// Every bit of `bus` ANDed with `enable`.
  mutating func gate(_ bus: [NetID], _ enable: NetID) -> [NetID] { bus.map { and($0, enable) } }

  mutating func not(_ bus: [NetID]) -> [NetID] { bus.map { not($0) } }

  /// The OR of `bits` as a balanced tree (0 when empty).
  mutating func orTree(_ bits: [NetID]) -> NetID { tree(bits, identity: Self.zero) { $0.or($1, $2) } }

  /// The AND of `bits` as a balanced tree (1 when empty).
  mutating func andTree(_ bits: [NetID]) -> NetID { tree(bits, identity: Self.one) { $0.and($1, $2) } }

  private mutating func tree(
    _ bits: [NetID], identity: NetID, _ combine: (inout FloatingPointBuilder, NetID, NetID) -> NetID
  ) -> NetID {
    var level = bits
    if level.isEmpty { return identity }
    while level.count > 1 {
      var next: [NetID] = []
      for i in stride(from: 0, to: level.count - 1, by: 2) { next.append(combine(&self, level[i], level[i + 1])) }
      if level.count % 2 == 1 { next.append(level[level.count - 1]) }
      level = next
    }
    return level[0]
  }

  /// `a + b + c` as (sum, carry): a full adder, folded to a half adder or
  /// plain gates when inputs are constant.
  mutating func fullAdder(_ a: NetID, _ b: NetID, _ c: NetID) -> (sum: NetID, carry: NetID) {
    let variables = [a, b, c].filter { !Self.isConstant($0) }
    let ones = [a, b, c].filter { $0 == Self.one }.count
    switch (variables.count, ones) {
    case (3, _): let out = netlist.add("FA", a, b, c); return (out[0], out[1])
    case (2, 0): let out = netlist.add("HA", variables[0], variables[1]); return (out[0], out[1])
    case (2, _):  // x + y + 1
      return (xnorPair(variables[0], variables[1]), or(variables[0], variables[1]))
    case (1, let k):
      return k == 0 ? (variables[0], Self.zero) : (k == 1 ? (not(variables[0]), variables[0]) : (variables[0], Self.one))
    default: return (ones % 2 == 1 ? Self.one : Self.zero, ones >= 2 ? Self.one : Self.zero)
    }
  }

  private mutating func xnorPair(_ a: NetID, _ b: NetID) -> NetID {
    if a == b { return Self.one }
    return netlist.add("XNOR2", a, b)[0]
  }

  /// The constant bus of `value`, `width` bits, bit 0 first (two's complement).
  static func constant(_ value: Int, width: Int) -> [NetID] {
    (0..<width).map { (value >> min($0, 62)) & 1 == 1 ? one : zero }
  }

  /// `bus` zero-extended (or truncated) to `width` bits.
  static func zeroExtend(_ bus: [NetID], to width: Int) -> [NetID] {
    Array((bus + [NetID](repeating: zero, count: max(0, width - bus.count))).prefix(width))
  }

  /// `bus` sign-extended (or truncated) to `width` bits.
  static func signExtend(_ bus: [NetID], to width: Int) -> [NetID] {
    Array((bus + [NetID](repeating: bus[bus.count - 1], count: max(0, width - bus.count))).prefix(width))
  }
}
