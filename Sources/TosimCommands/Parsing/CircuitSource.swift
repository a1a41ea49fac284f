//===--- CircuitSource.swift -----------------------------------------------===//
// Where a command's circuit comes from: a named unit (`int32.add:ripple-carry`)
// built by the generators, or a user design imported from BLIF
// (`--design FILE.blif`).
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
      do { self = .unit(try UnitName(parsing: arguments.positionals[unitPosition])) } catch let error as InputError {
        throw UsageError(error.message)
      }
    }
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
