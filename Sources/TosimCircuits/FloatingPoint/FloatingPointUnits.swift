//===--- FloatingPointUnits.swift ------------------------------------------===//
// The catalog of floating-point units: `<precision>.<op>[:<design>]` for the
// floating-point precisions (fp8-e4m3, fp8-e5m2, fp16, bf16, fp32, fp64) and
// ops add, sub, mul, div, sqrt, compare, max, min. Every unit has inputs `a`
// and `b` (bit patterns; sqrt ignores b) and output `y`. The optional design
// picks the unit's main block: the adder for add/sub/compare/max/min, the
// multiplier for mul, the divider for div, the square root for sqrt.
// The CLI reaches it beside UnitCatalog (integer units) through
// TosimCommands' CircuitSource: `tosim eval fp32.add`, `tosim eval
// fp16.mul:wallace`, `tosim export verilog bf16.div`, `tosim derive --fp32`.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNetlist

/// Builds gate-level floating-point units for any `FloatFormat`.
public enum FloatingPointUnits {
  /// The cells the units place.
  public static var requiredCells: [String] { GeneratorCells.required }

  /// The designs a unit name's `:<design>` may give for `operation`.
  public static func designs(for operation: FloatOperation) -> [String] {
    switch operation {
    case .add, .sub, .compare, .max, .min: return Adders.Design.allCases.map(\.rawValue)
    case .mul: return Multipliers.Reduction.allCases.map(\.rawValue)
    case .div: return FloatingPointDividerDesign.allCases.map(\.rawValue)
    case .sqrt: return FloatingPointSquareRootDesign.allCases.map(\.rawValue)
    }
  }

  /// The design a unit of `operation` uses when its name gives none.
  public static func defaultDesign(for operation: FloatOperation) -> String {
    let designs = FloatingPointDesigns()
    switch operation {
    case .add, .sub, .compare, .max, .min: return designs.adder.rawValue
    case .mul: return designs.multiplier.description
    case .div: return designs.divider.rawValue
    case .sqrt: return designs.squareRoot.rawValue
    }
  }

  /// Whether `name` names a floating-point unit (its format is a
  /// floating-point precision).
  public static func isFloatingPoint(_ name: UnitName) -> Bool {
    Precision(rawValue: name.format)?.floatFormat != nil
  }

  /// The format and operation of a floating-point unit name.
  ///
  /// - Throws: `InputError` for an unknown precision or operation.
  public static func resolve(_ name: UnitName) throws -> (format: FloatFormat, operation: FloatOperation) {
    guard let format = Precision(rawValue: name.format)?.floatFormat else {
      throw InputError("unknown floating-point precision '\(name.format)' in unit \(name); known: "
        + Precision.allCases.filter { !$0.isInteger }.map(\.rawValue).joined(separator: ", "))
    }
    guard let operation = FloatOperation(rawValue: name.operation) else {
      throw InputError("unknown operation '\(name.operation)' in unit \(name); known: "
        + FloatOperation.allCases.map(\.rawValue).joined(separator: ", "))
    }
    return (format, operation)
  }

  /// Builds unit `name` with `designs` for its inner blocks; the name's own
  /// design, when given, replaces the one for the unit's main block.
  ///
  /// - Throws: `InputError` for an unknown precision, operation or design,
  ///   or a library lacking a needed cell.
  public static func build(
    _ name: UnitName, designs: FloatingPointDesigns = FloatingPointDesigns(), library: CellLibrary
  ) throws -> Netlist {
    let (format, operation) = try resolve(name)
    var chosen = designs
    if let design = name.design {
      let known = Self.designs(for: operation)
      let unknown = InputError("unknown design '\(design)' for \(name.format).\(operation.rawValue); known: "
        + known.joined(separator: ", "))
      switch operation {
      case .add, .sub, .compare, .max, .min:
        guard let value = Adders.Design(rawValue: design) else { throw unknown }
        chosen.adder = value
      case .mul:
        guard let value = Multipliers.Design(name: design) else { throw unknown }
        chosen.multiplier = value
      case .div:
        guard let value = FloatingPointDividerDesign(rawValue: design) else { throw unknown }
        chosen.divider = value
      case .sqrt:
        guard let value = FloatingPointSquareRootDesign(rawValue: design) else { throw unknown }
        chosen.squareRoot = value
      }
    }
    try library.require(requiredCells, for: name.description)
    return try build(format: format, operation: operation, designs: chosen, library: library, name: name.description)
  }

  /// Builds the unit for `operation` on `format` (inputs `a`, `b`; output
  /// `y`), swept of cells no output depends on.
  ///
  /// - Precondition: the library has `requiredCells`.
  public static func build(
    format: FloatFormat, operation: FloatOperation, designs: FloatingPointDesigns, library: CellLibrary, name: String
  ) throws -> Netlist {
    var builder = FloatingPointBuilder(netlist: Netlist(name: name, library: library), designs: designs)
    let a = builder.netlist.addInput("a", width: format.bitWidth).nets
    let b = builder.netlist.addInput("b", width: format.bitWidth).nets
    let y: [NetID]
    switch operation {
    case .add: y = builder.floatingPointAdd(a: a, b: b, isSubtraction: false, format: format)
    case .sub: y = builder.floatingPointAdd(a: a, b: b, isSubtraction: true, format: format)
    case .mul: y = builder.floatingPointMultiply(a: a, b: b, format: format)
    case .div: y = builder.floatingPointDivide(a: a, b: b, format: format)
    case .sqrt: y = builder.floatingPointSquareRoot(a: a, format: format)
    case .compare: y = builder.floatingPointCompare(a: a, b: b, format: format)
    case .max: y = builder.floatingPointExtremum(a: a, b: b, isMaximum: true, format: format)
    case .min: y = builder.floatingPointExtremum(a: a, b: b, isMaximum: false, format: format)
    }
    builder.netlist.addOutput("y", y)
    return try builder.netlist.sweepingDeadCells()
  }
}
