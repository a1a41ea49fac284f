//===--- Gates.swift -------------------------------------------------------===//
// Logic-gate helpers every generator builds on: one library cell per call,
// with constant folding (an input tied to 0 or 1, or two equal inputs, is
// simplified away before a cell is placed). Folding is what turns a full
// adder with a constant carry-in into a half adder, and a ROM of constants
// into a few gates, so no generator places logic whose output is fixed.
// Multi-input AND/OR/XOR trees are balanced trees of two-input cells.
// Not reachable from the CLI by itself; every `tosim eval` unit uses it.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension NetID {
  /// Whether the net is one of the constant nets 0 and 1.
  @inlinable public var isConstant: Bool { index < 2 }
  /// The value of a constant net (only meaningful when `isConstant`).
  @inlinable public var constantValue: Bool { index == 1 }
}

/// The library cells the generators use; `UnitCatalog` checks them first.
public enum GeneratorCells {
  /// Every cell name any generator may place.
  public static let required = [
    "INV", "NAND2", "NOR2", "AND2", "OR2", "XOR2", "XNOR2", "AOI21", "OAI21", "AOI22", "MUX2", "HA", "FA",
  ]
}

extension Netlist {
  /// The constant net for `value`.
  @inlinable public static func constant(_ value: Bool) -> NetID { value ? constant1 : constant0 }

  // MARK: - One-cell gates with constant folding

  /// `!a` (INV), folded for constants.
  public mutating func inverter(_ a: NetID) -> NetID {
    if a.isConstant { return Self.constant(!a.constantValue) }
    return add("INV", a)[0]
  }

  /// `a & b` (AND2).
  public mutating func and2(_ a: NetID, _ b: NetID) -> NetID {
    if a == Self.constant0 || b == Self.constant0 { return Self.constant0 }
    if a == Self.constant1 || a == b { return b }
    if b == Self.constant1 { return a }
    return add("AND2", a, b)[0]
  }

  /// `a | b` (OR2).
  public mutating func or2(_ a: NetID, _ b: NetID) -> NetID {
    if a == Self.constant1 || b == Self.constant1 { return Self.constant1 }
    if a == Self.constant0 || a == b { return b }
    if b == Self.constant0 { return a }
    return add("OR2", a, b)[0]
  }

  /// `!(a & b)` (NAND2).
  public mutating func nand2(_ a: NetID, _ b: NetID) -> NetID {
    if a.isConstant || b.isConstant || a == b { return inverter(and2(a, b)) }
    return add("NAND2", a, b)[0]
  }

  /// `!(a | b)` (NOR2).
  public mutating func nor2(_ a: NetID, _ b: NetID) -> NetID {
    if a.isConstant || b.isConstant || a == b { return inverter(or2(a, b)) }
    return add("NOR2", a, b)[0]
  }

  /// `a ^ b` (XOR2).
  public mutating func xor2(_ a: NetID, _ b: NetID) -> NetID {
    if a == b { return Self.constant0 }
    if a == Self.constant0 { return b }
    if b == Self.constant0 { return a }
    if a == Self.constant1 { return inverter(b) }
    if b == Self.constant1 { return inverter(a) }
    return add("XOR2", a, b)[0]
  }

  /// `!(a ^ b)` (XNOR2).
  public mutating func xnor2(_ a: NetID, _ b: NetID) -> NetID {
    if a == b { return Self.constant1 }
    if a == Self.constant1 { return b }
    if b == Self.constant1 { return a }
    if a == Self.constant0 { return inverter(b) }
    if b == Self.constant0 { return inverter(a) }
    return add("XNOR2", a, b)[0]
  }

  /// `select ? whenOne : whenZero` (MUX2, whose ports are A B S with Y = S ? B : A).
  public mutating func mux2(select: NetID, whenZero: NetID, whenOne: NetID) -> NetID {
    if select.isConstant { return select.constantValue ? whenOne : whenZero }
    if whenZero == whenOne { return whenZero }
    switch (whenZero, whenOne) {
    case (Self.constant0, Self.constant1): return select
    case (Self.constant1, Self.constant0): return inverter(select)
    case (Self.constant0, _): return and2(select, whenOne)
    case (_, Self.constant0): return and2(inverter(select), whenZero)
    case (Self.constant1, _): return or2(inverter(select), whenOne)
    case (_, Self.constant1): return or2(select, whenZero)
    default: return add("MUX2", whenZero, whenOne, select)[0]
    }
  }

  /// `!(a & b | c)` (AOI21).
  public mutating func aoi21(_ a: NetID, _ b: NetID, _ c: NetID) -> NetID {
    if a.isConstant || b.isConstant || c.isConstant { return inverter(or2(and2(a, b), c)) }
    return add("AOI21", a, b, c)[0]
  }

  /// `!((a | b) & c)` (OAI21).
  public mutating func oai21(_ a: NetID, _ b: NetID, _ c: NetID) -> NetID {
    if a.isConstant || b.isConstant || c.isConstant { return inverter(and2(or2(a, b), c)) }
    return add("OAI21", a, b, c)[0]
  }

  /// `!(a & b | c & d)` (AOI22).
  public mutating func aoi22(_ a: NetID, _ b: NetID, _ c: NetID, _ d: NetID) -> NetID {
    if a.isConstant || b.isConstant || c.isConstant || d.isConstant {
      let left = and2(a, b), right = and2(c, d)
      if left.isConstant || right.isConstant { return inverter(or2(left, right)) }
      return nor2(left, right)
    }
    return add("AOI22", a, b, c, d)[0]
  }

  /// A half adder (HA): `(sum: a ^ b, carry: a & b)`.
  public mutating func halfAdder(_ a: NetID, _ b: NetID) -> (sum: NetID, carry: NetID) {
    if a.isConstant || b.isConstant || a == b { return (xor2(a, b), and2(a, b)) }
    let out = add("HA", a, b)
    return (out[0], out[1])
  }

  /// A full adder (FA): `(sum: a ^ b ^ c, carry: majority(a, b, c))`. A
  /// constant input makes it a half adder (0) or XNOR2 + OR2 (1).
  public mutating func fullAdder(_ a: NetID, _ b: NetID, _ c: NetID) -> (sum: NetID, carry: NetID) {
    let variables = [a, b, c].filter { !$0.isConstant }
    let ones = [a, b, c].filter { $0 == Self.constant1 }.count
    switch (variables.count, ones) {
    case (3, _):
      let out = add("FA", a, b, c)
      return (out[0], out[1])
    case (2, 0): return halfAdder(variables[0], variables[1])
    case (2, _): return (xnor2(variables[0], variables[1]), or2(variables[0], variables[1]))
    case (1, 0): return (variables[0], Self.constant0)
    case (1, 1): return (inverter(variables[0]), variables[0])
    case (1, _): return (variables[0], Self.constant1)
    default: return (Self.constant(ones % 2 == 1), Self.constant(ones >= 2))
    }
  }

  // MARK: - Trees

  /// The AND of `inputs` as a balanced tree of AND2 cells (1 for none).
  public mutating func andTree(_ inputs: [NetID]) -> NetID {
    reduceTree(inputs, identity: Self.constant1) { $0.and2($1, $2) }
  }

  /// The OR of `inputs` as a balanced tree of OR2 cells (0 for none).
  public mutating func orTree(_ inputs: [NetID]) -> NetID {
    reduceTree(inputs, identity: Self.constant0) { $0.or2($1, $2) }
  }

  /// The XOR of `inputs` as a balanced tree of XOR2 cells (0 for none).
  public mutating func xorTree(_ inputs: [NetID]) -> NetID {
    reduceTree(inputs, identity: Self.constant0) { $0.xor2($1, $2) }
  }

  private mutating func reduceTree(
    _ inputs: [NetID], identity: NetID, _ combine: (inout Netlist, NetID, NetID) -> NetID
  ) -> NetID {
    var level = inputs
    if level.isEmpty { return identity }
    while level.count > 1 {
      var next: [NetID] = []
      var i = 0
      while i + 1 < level.count {
        next.append(combine(&self, level[i], level[i + 1]))
        i += 2
      }
      if i < level.count { next.append(level[i]) }
      level = next
    }
    return level[0]
  }

  /// Bitwise `!a`.
  public mutating func inverters(_ a: [NetID]) -> [NetID] { a.map { inverter($0) } }

  /// Bitwise `select ? whenOne : whenZero` over equal-width buses.
  public mutating func mux2(select: NetID, whenZero: [NetID], whenOne: [NetID]) -> [NetID] {
    precondition(whenZero.count == whenOne.count)
    return zip(whenZero, whenOne).map { mux2(select: select, whenZero: $0, whenOne: $1) }
  }
}
