//===--- UnitCatalog.swift -------------------------------------------------===//
// Builds the netlist of a named unit, `int<N>.<op>[:<design>]` for N = 1…128.
// Every unit has primary inputs `a` and `b` (only `a` for one-operand ops;
// `cin` for add) and output `y` (and `cout`, `rem`, `sticky` where present),
// so units can be evaluated (`tosim eval`), exported (`tosim export
// verilog`) and explored (`tosim explore`) uniformly. Each unit is swept of
// cells no output depends on. A UnitName is resolved once into an
// IntegerUnit (IntegerUnit.swift); the operations, their ports and designs
// are UnitCatalog.Operation (UnitCatalog+Operation.swift), their design
// names come from the families' `allCases` (UnitDesign.swift);
// docs/arithmetic.md describes them.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNetlist

/// The units tosim can build, by name.
public enum UnitCatalog {
  /// The widest integer unit.
  public static let maximumIntegerWidth = 128

  /// Every integer operation, in listing order.
  public static var operations: [Operation] { Operation.allCases }

  /// The operation called `name`.
  public static func operation(named name: String) -> Operation? { Operation(rawValue: name) }

  /// Builds the unit called `name` from `library`.
  ///
  /// - Throws: `InputError` for an unknown format, operation or design, a
  ///   width outside 1…128, or a library lacking a needed cell.
  public static func build(_ name: UnitName, library: CellLibrary) throws -> Netlist {
    try build(IntegerUnit(resolving: name), library: library)
  }

  /// Builds `unit` from `library`.
  ///
  /// - Throws: `InputError` when the library lacks a needed cell.
  public static func build(_ unit: IntegerUnit, library: CellLibrary) throws -> Netlist {
    let n = unit.width, operation = unit.operation
    try library.require(GeneratorCells.required, for: unit.name.description)
    var netlist = Netlist(name: unit.name.description, library: library)
    switch operation {
    case .add:
      let a = netlist.addInput("a", width: n), b = netlist.addInput("b", width: n)
      let cin = netlist.addInput("cin", width: 1)
      let out = Adders.build(unit.adder, into: &netlist, a: a.nets, b: b.nets, carryIn: cin[0])
      netlist.addOutput("y", out.sum)
      netlist.addOutput("cout", [out.carryOut])
    case .sub:
      let a = netlist.addInput("a", width: n), b = netlist.addInput("b", width: n)
      let out = Adders.subtract(unit.adder, into: &netlist, a: a.nets, b: b.nets)
      netlist.addOutput("y", out.sum)
      netlist.addOutput("cout", [out.carryOut])
    case .cmp, .scmp:
      let a = netlist.addInput("a", width: n), b = netlist.addInput("b", width: n)
      let less = Comparators.lessThan(
        unit.adder, into: &netlist, a: a.nets, b: b.nets, isSigned: operation == .scmp)
      let equal = Comparators.equal(into: &netlist, a: a.nets, b: b.nets)
      netlist.addOutput("y", [less, equal])
    case .mul, .smul:
      let a = netlist.addInput("a", width: n), b = netlist.addInput("b", width: n)
      let out = Multipliers.build(unit.multiplier, into: &netlist, a: a.nets, b: b.nets, isSigned: operation == .smul)
      netlist.addOutput("y", out.product)
    case .div:
      let a = netlist.addInput("a", width: n), b = netlist.addInput("b", width: n)
      let out = Dividers.build(unit.divider, into: &netlist, a: a.nets, b: b.nets)
      netlist.addOutput("y", out.quotient)
      netlist.addOutput("rem", out.remainder)
    case .sqrt:
      let a = netlist.addInput("a", width: n)
      let out = SquareRoots.build(unit.squareRoot, into: &netlist, a: a.nets)
      netlist.addOutput("y", out.root)
      netlist.addOutput("rem", out.remainder)
    case .inc:
      let a = netlist.addInput("a", width: n)
      let out = Incrementers.increment(into: &netlist, value: a.nets)
      netlist.addOutput("y", out.sum)
      netlist.addOutput("cout", [out.carryOut])
    case .lzc:
      let a = netlist.addInput("a", width: n)
      netlist.addOutput("y", LeadingZeroCounters.count(into: &netlist, value: a.nets))
    case .shl, .shr, .sar:
      let a = netlist.addInput("a", width: n)
      let b = netlist.addInput("b", width: Shifters.amountWidth(for: n))
      let out = Shifters.barrelShift(
        into: &netlist, value: a.nets, amount: b.nets, direction: operation == .shl ? .left : .right,
        fill: operation == .sar ? a.nets[n - 1] : Netlist.constant0)
      netlist.addOutput("y", out.result)
      if operation == .shr { netlist.addOutput("sticky", [out.sticky]) }
    }
    return try netlist.sweepingDeadCells()
  }
}
