//===--- IntegerUnit.swift -------------------------------------------------===//
// A resolved integer unit: width, operation and typed design. A UnitName
// (`int16.mul:dadda+brent-kung`, the user's text) is resolved here once; the
// builders (UnitCatalog.swift) and references (UnitCatalog+Reference.swift)
// take the typed value. CLI: every integer unit of `tosim eval`, `tosim
// export`, `tosim explore` and `tosim derive`.
//===----------------------------------------------------------------------===//
import TosimFormats

/// An integer unit to build: width, operation and design.
public struct IntegerUnit: Hashable, Sendable {
  /// The operand width, 1…`UnitCatalog.maximumIntegerWidth`.
  public let width: Int
  /// The operation.
  public let operation: UnitCatalog.Operation
  /// The design; nil exactly when the operation has a single structure.
  public let design: UnitDesign?
  /// The name the netlist is given (the user's text when resolved from one).
  public let name: UnitName

  /// A unit from typed parts; `design` nil means the operation's default.
  ///
  /// - Throws: `InputError` for a width outside 1…128, a design for an
  ///   operation without variants, or a design of another family.
  public init(width: Int, operation: UnitCatalog.Operation, design: UnitDesign? = nil) throws {
    let name = UnitName(format: "int\(width)", operation: operation.rawValue, design: design?.description)
    try self.init(width: width, operation: operation, design: design, name: name)
  }

  /// Resolves `name` (`int<N>.<op>[:<design>]`).
  ///
  /// - Throws: `InputError` for an unknown format, operation or design, or
  ///   a width outside 1…128.
  public init(resolving name: UnitName) throws {
    guard let width = name.integerWidth else {
      throw InputError("unknown precision '\(name.format)' in unit \(name); integer units are "
        + "int1…int\(UnitCatalog.maximumIntegerWidth)")
    }
    try Self.checkWidth(width, name)
    guard let operation = UnitCatalog.Operation(rawValue: name.operation) else {
      throw InputError("unknown operation '\(name.operation)' in unit \(name); known: "
        + UnitCatalog.Operation.allCases.map(\.rawValue).joined(separator: ", "))
    }
    var design: UnitDesign?
    if let text = name.design {
      guard let family = operation.designFamily else {
        throw InputError("operation \(operation.name) has no design variants; write int\(width).\(operation.name)")
      }
      design = try family.design(text, what: "\(operation.name) design")
    }
    try self.init(width: width, operation: operation, design: design, name: name)
  }

  private static func checkWidth(_ width: Int, _ name: UnitName) throws {
    guard (1...UnitCatalog.maximumIntegerWidth).contains(width) else {
      throw InputError("width \(width) of unit \(name) is outside 1…\(UnitCatalog.maximumIntegerWidth)")
    }
  }

  private init(width: Int, operation: UnitCatalog.Operation, design: UnitDesign?, name: UnitName) throws {
    try Self.checkWidth(width, name)
    if let design, design.family != operation.designFamily {
      throw InputError("\(design.family.rawValue) design \(design) does not fit operation \(operation.name)")
    }
    self.width = width
    self.operation = operation
    self.design = design ?? operation.designFamily?.defaultDesign
    self.name = name
  }

  // The design of each family; the family's default when the unit's design
  // is of another one (the initialiser rules that out).

  var adder: Adders.Design {
    if case .adder(let design)? = design { return design }
    return Adders.Design.allCases[0]
  }

  var multiplier: Multipliers.Design {
    if case .multiplier(let design)? = design { return design }
    return Multipliers.Design(Multipliers.Reduction.allCases[0])
  }

  var divider: Dividers.Design {
    if case .divider(let design)? = design { return design }
    return Dividers.Design.allCases[0]
  }

  var squareRoot: SquareRoots.Design {
    if case .squareRoot(let design)? = design { return design }
    return SquareRoots.Design.allCases[0]
  }
}
