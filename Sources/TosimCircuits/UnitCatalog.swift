//===--- UnitCatalog.swift -------------------------------------------------===//
// Builds the netlist of a named unit, `int<N>.<op>[:<design>]` for N = 1…128.
// Every unit has primary inputs `a` and `b` (only `a` for one-operand ops;
// `cin` for add) and output `y` (and `cout`, `rem`, `sticky` where present),
// so units can be evaluated (`tosim eval`), exported (`tosim export
// verilog`) and explored (`tosim explore`) uniformly. Each unit is swept of
// cells no output depends on. The operations, their ports and designs are
// listed in `operations`; docs/arithmetic.md describes them.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNetlist

/// The units tosim can build, by name.
public enum UnitCatalog {
  /// The widest integer unit.
  public static let maximumIntegerWidth = 128

  /// An integer operation: its name, ports and designs.
  public struct Operation: Sendable {
    /// The operation as written in unit names (`add`).
    public let name: String
    /// What it computes, one line.
    public let summary: String
    /// Its designs, default first; empty when it has a single structure.
    public let designs: [String]
    /// A note on the design names (e.g. the `+adder` suffix), or empty.
    public let designNote: String
  }

  /// Every integer operation, in listing order.
  public static let operations: [Operation] = {
    let adders = Adders.Design.allCases.map(\.rawValue)
    // Dadda first: the default multiplier.
    let multipliers = ["dadda", "wallace", "array", "booth-dadda", "booth-wallace"]
    let adderNote = "final adder selectable as <design>+<adder>, e.g. dadda+brent-kung; default "
      + "ripple-carry for array, kogge-stone otherwise"
    return [
      Operation(name: "add", summary: "a + b + cin -> y (n bits), cout", designs: adders, designNote: ""),
      Operation(name: "sub", summary: "a - b -> y (n bits), cout = 1 when a >= b", designs: adders, designNote: ""),
      Operation(name: "cmp", summary: "unsigned compare -> y bit 0 = a < b, bit 1 = a == b", designs: adders, designNote: ""),
      Operation(name: "scmp", summary: "two's complement compare -> y bit 0 = a < b, bit 1 = a == b", designs: adders, designNote: ""),
      Operation(name: "mul", summary: "unsigned a * b -> y (2n bits)", designs: multipliers, designNote: adderNote),
      Operation(name: "smul", summary: "two's complement a * b -> y (2n bits)", designs: multipliers, designNote: adderNote),
      Operation(
        name: "div", summary: "unsigned a / b -> y (quotient), rem; b = 0 gives y = 2^n - 1, rem = a",
        designs: Dividers.Design.allCases.map(\.rawValue), designNote: ""),
      Operation(
        name: "sqrt", summary: "floor(sqrt(a)) -> y (ceil(n/2) bits), rem = a - y^2 (ceil(n/2) + 1 bits)",
        designs: SquareRoots.Design.allCases.map(\.rawValue), designNote: ""),
      Operation(name: "inc", summary: "a + 1 -> y (n bits), cout (Sklansky AND prefix)", designs: [], designNote: ""),
      Operation(name: "lzc", summary: "leading zeros of a -> y (0...n)", designs: [], designNote: ""),
      Operation(name: "shl", summary: "a << b (barrel shifter, b has ceil(log2 n) bits) -> y", designs: [], designNote: ""),
      Operation(name: "shr", summary: "a >> b, logical -> y, sticky = OR of bits shifted out", designs: [], designNote: ""),
      Operation(name: "sar", summary: "a >> b, arithmetic -> y", designs: [], designNote: ""),
    ]
  }()

  /// The operations each integer unit offers, with their designs (default first).
  public static var integerOperations: [(operation: String, designs: [String])] {
    operations.map { ($0.name, $0.designs) }
  }

  /// The operation called `name`.
  public static func operation(named name: String) -> Operation? { operations.first { $0.name == name } }

  /// Builds the unit called `name` from `library`.
  ///
  /// - Throws: `InputError` for an unknown format, operation or design, a
  ///   width outside 1…128, or a library lacking a needed cell.
  public static func build(_ name: UnitName, library: CellLibrary) throws -> Netlist {
    let n = try width(of: name)
    guard let operation = operation(named: name.operation) else {
      throw InputError("unknown operation '\(name.operation)' in unit \(name); known: "
        + operations.map(\.name).joined(separator: ", "))
    }
    try library.require(GeneratorCells.required, for: name.description)
    var netlist = Netlist(name: name.description, library: library)
    func design<D: RawRepresentable & CaseIterable>(_ type: D.Type) throws -> D where D.RawValue == String {
      let text = name.design ?? D.allCases.first!.rawValue
      guard let value = D(rawValue: text) else { throw unknownDesign(text, operation) }
      return value
    }
    if name.design != nil && operation.designs.isEmpty {
      throw InputError("operation \(operation.name) has no design variants; write int\(n).\(operation.name)")
    }
    switch operation.name {
    case "add":
      let a = netlist.addInput("a", width: n), b = netlist.addInput("b", width: n)
      let cin = netlist.addInput("cin", width: 1)
      let out = Adders.build(try design(Adders.Design.self), into: &netlist, a: a.nets, b: b.nets, carryIn: cin[0])
      netlist.addOutput("y", out.sum)
      netlist.addOutput("cout", [out.carryOut])
    case "sub":
      let a = netlist.addInput("a", width: n), b = netlist.addInput("b", width: n)
      let out = Adders.subtract(try design(Adders.Design.self), into: &netlist, a: a.nets, b: b.nets)
      netlist.addOutput("y", out.sum)
      netlist.addOutput("cout", [out.carryOut])
    case "cmp", "scmp":
      let a = netlist.addInput("a", width: n), b = netlist.addInput("b", width: n)
      let less = Comparators.lessThan(
        try design(Adders.Design.self), into: &netlist, a: a.nets, b: b.nets, isSigned: operation.name == "scmp")
      let equal = Comparators.equal(into: &netlist, a: a.nets, b: b.nets)
      netlist.addOutput("y", [less, equal])
    case "mul", "smul":
      let text = name.design ?? operation.designs[0]
      guard let multiplier = Multipliers.Design(name: text) else { throw unknownDesign(text, operation) }
      let a = netlist.addInput("a", width: n), b = netlist.addInput("b", width: n)
      let out = Multipliers.build(multiplier, into: &netlist, a: a.nets, b: b.nets, isSigned: operation.name == "smul")
      netlist.addOutput("y", out.product)
    case "div":
      let a = netlist.addInput("a", width: n), b = netlist.addInput("b", width: n)
      let out = Dividers.build(try design(Dividers.Design.self), into: &netlist, a: a.nets, b: b.nets)
      netlist.addOutput("y", out.quotient)
      netlist.addOutput("rem", out.remainder)
    case "sqrt":
      let a = netlist.addInput("a", width: n)
      let out = SquareRoots.build(try design(SquareRoots.Design.self), into: &netlist, a: a.nets)
      netlist.addOutput("y", out.root)
      netlist.addOutput("rem", out.remainder)
    case "inc":
      let a = netlist.addInput("a", width: n)
      let out = Incrementers.increment(into: &netlist, value: a.nets)
      netlist.addOutput("y", out.sum)
      netlist.addOutput("cout", [out.carryOut])
    case "lzc":
      let a = netlist.addInput("a", width: n)
      netlist.addOutput("y", LeadingZeroCounters.count(into: &netlist, value: a.nets))
    default:  // shl, shr, sar
      let a = netlist.addInput("a", width: n)
      let b = netlist.addInput("b", width: Shifters.amountWidth(for: n))
      let out = Shifters.barrelShift(
        into: &netlist, value: a.nets, amount: b.nets, direction: operation.name == "shl" ? .left : .right,
        fill: operation.name == "sar" ? a.nets[n - 1] : Netlist.constant0)
      netlist.addOutput("y", out.result)
      if operation.name == "shr" { netlist.addOutput("sticky", [out.sticky]) }
    }
    return try netlist.sweepingDeadCells()
  }

  /// The integer width of `name`, checked.
  ///
  /// - Throws: `InputError` for a non-integer precision or a width outside
  ///   1…`maximumIntegerWidth`.
  public static func width(of name: UnitName) throws -> Int {
    guard let width = name.integerWidth else {
      throw InputError("unknown precision '\(name.format)' in unit \(name); integer units are int1…int\(maximumIntegerWidth)")
    }
    guard (1...maximumIntegerWidth).contains(width) else {
      throw InputError("width \(width) of unit \(name) is outside 1…\(maximumIntegerWidth)")
    }
    return width
  }

  private static func unknownDesign(_ text: String, _ operation: Operation) -> InputError {
    InputError("unknown \(operation.name) design '\(text)'; known: " + operation.designs.joined(separator: ", ")
      + (operation.designNote.isEmpty ? "" : " (\(operation.designNote))"))
  }
}
