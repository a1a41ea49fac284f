//===--- CircuitSource.swift -----------------------------------------------===//
// Where a command's circuit comes from: a named unit (`int32.add:ripple-carry`)
// built by the generators, or a user design imported from BLIF
// (`--design FILE.blif`). A unit name is checked completely when the
// arguments are read (precision aliases such as FP32 or e4m3 accepted), so
// every misspelt unit is a usage error (exit 64) before any work.
//===----------------------------------------------------------------------===//
import Foundation
import TosimCircuits
import TosimFormats
import TosimIO
import TosimNetlist

/// A unit name or a BLIF design file.
enum CircuitSource {
  case unit(UnitName)
  case design(path: String)

  /// The option that names a design file.
  static let designSpec = OptionSpec.option("--design", "FILE", "Use the BLIF design in FILE instead of a unit.")

  /// Reads the source from a positional unit name or `--design`.
  init(_ arguments: ParsedArguments, unitPosition: Int) throws {
    let hasUnit = arguments.positionals.count > unitPosition
    if let path = arguments.string("--design") {
      if hasUnit { throw UsageError("give either a UNIT or --design FILE, not both") }
      self = .design(path: path)
    } else {
      guard hasUnit else { throw UsageError("missing UNIT (e.g. int32.add:ripple-carry) or --design FILE") }
      do { self = .unit(try Self.checkedUnit(arguments.positionals[unitPosition])) } catch let error as InputError {
        throw UsageError(error.message)
      }
    }
  }

  /// Parses and checks a unit name: its precision (any alias), operation and
  /// design must exist.
  ///
  /// - Throws: `InputError` saying what is unknown and listing what is known.
  static func checkedUnit(_ text: String) throws -> UnitName {
    guard text.count <= InputError.echoLimit else {
      throw InputError("unit '\(InputError.echo(text))' is not of the form <precision>.<op>[:<design>], e.g. int32.add:ripple-carry")
    }
    var name = try UnitName(parsing: text)
    if let precision = try? Precision(parsing: name.format) {
      name = UnitName(format: precision.rawValue, operation: name.operation, design: name.design)
    }
    if FloatingPointUnits.isFloatingPoint(name) {
      let (_, operation) = try FloatingPointUnits.resolve(name)
      if let design = name.design {
        let known = FloatingPointUnits.designs(for: operation)
        guard known.contains(design) || (operation == .mul && Multipliers.Design(name: design) != nil) else {
          throw InputError("unknown design '\(InputError.echo(design))' for \(name.format).\(operation.rawValue); known: "
            + known.joined(separator: ", "))
        }
      }
      return name
    }
    guard name.integerWidth != nil else {
      throw InputError("unknown precision '\(InputError.echo(name.format))' in unit \(InputError.echo(name.description)); known: "
        + "int1…int\(UnitCatalog.maximumIntegerWidth), " + Precision.allCases.filter { !$0.isInteger }.map(\.rawValue).joined(separator: ", "))
    }
    _ = try UnitCatalog.reference(name)
    guard let operation = UnitCatalog.operation(named: name.operation) else {
      throw InputError("unknown operation '\(InputError.echo(name.operation))'; known: "
        + UnitCatalog.operations.map(\.name).joined(separator: ", "))
    }
    if let design = name.design {
      guard !operation.designs.isEmpty else {
        throw InputError("operation \(operation.name) has no design variants; write \(name.format).\(operation.name)")
      }
      let isMultiplier = operation.name == "mul" || operation.name == "smul"
      guard operation.designs.contains(design) || (isMultiplier && Multipliers.Design(name: design) != nil) else {
        throw InputError("unknown \(operation.name) design '\(InputError.echo(design))'; known: "
          + operation.designs.joined(separator: ", "))
      }
    }
    return name
  }

  /// Whether input bus `index` of the circuit may be left out of an eval
  /// line: the unused `b` of floating-point square roots.
  func isIgnoredInput(_ index: Int) -> Bool {
    guard case .unit(let name) = self, FloatingPointUnits.isFloatingPoint(name),
      let (_, operation) = try? FloatingPointUnits.resolve(name)
    else { return false }
    return operation == .sqrt && index == 1
  }

  /// The unit name (`fp32.add`) or the design file, as a report names it.
  var identifierName: String {
    switch self {
    case .unit(let name): return name.description
    case .design(let path): return path
    }
  }

  /// The design a unit is built with, its default when the name gives none
  /// (`nil` for an operation without designs or a BLIF design).
  var resolvedDesign: String? {
    guard case .unit(let name) = self else { return nil }
    if let design = name.design { return design }
    if FloatingPointUnits.isFloatingPoint(name), let (_, operation) = try? FloatingPointUnits.resolve(name) {
      return FloatingPointUnits.defaultDesign(for: operation)
    }
    return UnitCatalog.operation(named: name.operation)?.designs.first
  }

  /// A Verilog-safe name for the circuit.
  var identifier: String {
    switch self {
    case .unit(let name): return name.identifier
    case .design(let path):
      let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
      return base.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
    }
  }

  /// Builds or imports the netlist over `library`.
  func netlist(library: CellLibrary, context: CommandContext) throws -> Netlist {
    switch self {
    case .unit(let name):
      if FloatingPointUnits.isFloatingPoint(name) { return try FloatingPointUnits.build(name, library: library) }
      return try UnitCatalog.build(name, library: library)
    case .design(let path):
      let resolved = context.resolve(path)
      guard let data = FileManager.default.contents(atPath: resolved) else {
        throw InputError("cannot read design file", file: path)
      }
      return try BlifReader.read(String(decoding: data, as: UTF8.self), file: path, library: library)
    }
  }
}
