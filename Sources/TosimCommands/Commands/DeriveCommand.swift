//===--- DeriveCommand.swift -----------------------------------------------===//
// `tosim derive`: builds every primitive unit of the chosen precisions,
// simulates and verifies it, and writes the cost tables `<precision>.json`
// and `<precision>.csv` atomically into --out (default circuits/tables/),
// printing a readable table; progress goes to standard error. The work is
// CostTableDerivation.derive (TosimCost); this file parses, validates and
// writes. Bad options exit 64 before anything is written, so existing tables
// stay intact; a verification failure exits 1 and writes nothing.
//===----------------------------------------------------------------------===//
import Foundation
import TosimCircuits
import TosimCost
import TosimCostModel
import TosimEvaluation
import TosimFormats
import TosimIO

struct DeriveCommand: TosimCommand {
  static let name = "derive"
  static let abstract = "Derive TO cost tables by building, simulating and verifying every primitive unit."
  static let usage = "derive (--all | --int8 --int16 --int32 --fp8 --fp8-e4m3 --fp8-e5m2 --fp16 --bf16 --fp32 --fp64 ...) [options]"
  static let discussion = """
    For each precision, every primitive (integer: add sub mul div sqrt compare; floating point:
    add sub mul div sqrt compare max min) is built from cells with the chosen designs, simulated
    on --vectors operand vectors (zero-delay and unit-delay), and every result is checked against
    the reference; a mismatch is an error. Floating-point tables also get recipe rows (exp, log,
    sigmoid, tanh, gelu, silu, softplus, elu, softmax, rsqrt, erf). The same seed gives
    byte-identical files. docs/cost-tables.md describes the format.
    """
  static var precisionFlags: [(flag: String, precisions: [Precision])] {
    CostTableDerivation.precisions.map { ("--" + $0.rawValue, [$0]) } + [("--fp8", [.fp8e4m3, .fp8e5m2])]
  }
  static var options: [OptionSpec] {
    precisionFlags.map { .flag($0.flag, "Derive the \($0.precisions.map(\.rawValue).joined(separator: " and ")) table.") }
      + [
        .flag("--all", "Derive every table: " + CostTableDerivation.precisions.map(\.rawValue).joined(separator: ", ") + "."),
        .option("--adder", "DESIGN", "Adder inside every unit: " + DesignFamily.adder.names.joined(separator: ", ") + " (default kogge-stone)."),
        .option("--multiplier", "DESIGN", "Multiplier, REDUCTION[+ADDER]: " + DesignFamily.multiplier.names.joined(separator: ", ") + " (default dadda; final adder = --adder)."),
        .option("--divider", "DESIGN", "Divider: " + Self.names(Dividers.Design.allCases, \.floatingPointDesign) + "."),
        .option("--sqrt", "DESIGN", "Square root: " + Self.names(SquareRoots.Design.allCases, \.floatingPointDesign) + "."),
        .option("--vectors", "N", "Operand vectors per unit (default 65536)."),
        .option("--seed", "S", "Seed of the operand streams (default 1)."),
        .option("--operands", "DIST", "Operand distribution: uniform (every bit pattern) or normal (N(0,1) values). Default uniform."),
        .option("--out", "DIR", "Folder for the tables (default circuits/tables)."),
        .flag("--quiet", "No progress on standard error."),
      ] + LibraryOptions.specs
  }

  /// Design names, the default first, those floating-point tables refuse marked.
  static func names<D: RawRepresentable, F>(_ designs: [D], _ floatingPoint: (D) -> F?) -> String where D.RawValue == String {
    let integerOnly = designs.filter { floatingPoint($0) == nil }.map(\.rawValue)
    let both = designs.filter { floatingPoint($0) != nil }.map(\.rawValue)
    return both.enumerated().map { $0 == 0 ? $1 + " (default)" : $1 }.joined(separator: ", ")
      + (integerOnly.isEmpty ? "" : "; integer tables also " + integerOnly.joined(separator: ", "))
  }

  let precisions: [Precision]
  let derivation: DerivationOptions
  let outputFolder: String
  let isQuiet: Bool
  let library: LibraryOptions

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(0...0, "")
    var chosen: [Precision] = []
    for (flag, list) in Self.precisionFlags where arguments.flag(flag) || arguments.flag("--all") {
      chosen += list.filter { !chosen.contains($0) }
    }
    guard !chosen.isEmpty else { throw UsageError("choose at least one precision (e.g. --fp32) or --all") }
    precisions = CostTableDerivation.precisions.filter(chosen.contains)
    var options = DerivationOptions()
    do {
      try options.setDesigns(
        adder: arguments.string("--adder"), multiplier: arguments.string("--multiplier"),
        divider: arguments.string("--divider"), squareRoot: arguments.string("--sqrt"))
    } catch let error as InputError {
      throw UsageError(error.message)
    }
    options.vectorCount = try arguments.integer("--vectors", default: 65_536, in: 2...100_000_000)
    options.seed = try arguments.seed("--seed", default: 1)
    if let text = arguments.string("--operands") {
      guard let distribution = OperandDistribution(rawValue: text) else {
        throw UsageError("unknown operand distribution '\(text)'; known: uniform, normal")
      }
      options.operands = distribution
    }
    do { try CostTableDerivation.validate(options, precisions: precisions) } catch let error as InputError {
      throw UsageError(error.message)
    }
    derivation = options
    outputFolder = arguments.string("--out") ?? CostTableFiles.defaultFolder
    isQuiet = arguments.flag("--quiet")
    library = try LibraryOptions(arguments)
  }

  func run(_ context: CommandContext) throws {
    let folder = context.resolve(outputFolder)
    try Self.checkWritable(folder)
    let cells = try library.load(context)
    let started = Date()
    let quiet = isQuiet
    let tables = try CostTableDerivation.derive(
      precisions, options: derivation, library: cells, toolVersion: Tosim.version,
      progress: { line in if !quiet { context.note(line) } })
    for table in tables {
      try CostTableWriter.write(table, toFolder: folder)
      context.print(Self.summary(table))
    }
    if !quiet {
      context.note("derive: \(tables.count) table(s) written to \(folder) in "
        + String(format: "%.1f", Date().timeIntervalSince(started)) + " s")
    }
  }

  /// Fails with a usage error unless `folder` exists (or can be created) and is writable.
  static func checkWritable(_ folder: String) throws {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw UsageError("--out \(folder) is not a folder") }
    } else {
      do { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
        throw UsageError("--out \(folder) cannot be created: \(error.localizedDescription)")
      }
    }
    guard manager.isWritableFile(atPath: folder) else { throw UsageError("--out \(folder) is not writable") }
  }

  /// A readable rendering of one table.
  static func summary(_ table: CostTable) -> String {
    var text = TextTable(header: ["op", "kind", "transistors", "depth", "to_static", "to_dynamic", "std", "to_glitch"])
    for row in table.rows {
      text.rows.append([
        row.operation.rawValue, row.isRecipe ? "recipe" : "primitive", String(row.transistorCount), String(row.depth),
        String(row.staticTOs), DecimalText.twoPlaces(row.dynamicTOs), DecimalText.twoPlaces(row.dynamicTOsStandardDeviation),
        DecimalText.twoPlaces(row.glitchTOs),
      ])
    }
    let designs = table.designs.map { "\($0.family) \($0.design)" }.joined(separator: ", ")
    return "\(table.precision.rawValue) (\(designs); \(table.operands) operands, \(table.vectorCount) vectors, seed \(table.seed))\n"
      + text.rendered
  }
}
