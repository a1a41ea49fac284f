//===--- DeriveCommand.swift -----------------------------------------------===//
// `tosim derive`: builds every primitive unit of the chosen precisions
// (`--precision P`, repeatable, or the shorthands `--fp32`, `--all`, …),
// simulates and verifies it, and writes the cost tables `<precision>.json`
// and `<precision>.csv` into --out (default: $TOSIM_TABLES, else the tosim
// package's circuits/tables when run inside it), printing a readable table
// or --json; progress goes to standard error on a terminal. The work is
// CostTableDerivation.derive (TosimCost); this file parses, validates and
// writes: each precision's pair as soon as its units are done, both files
// or neither (AtomicFile.writeAll), after repairing what a killed run left.
// Bad options exit 64 before anything is written; a verification mismatch
// exits 65 and writes no table of the failing precision.
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
  static let usage = "derive (--all | --precision P... | --int8 --int16 --int32 --int64 --fp8 --fp8-e4m3 --fp8-e5m2 --fp16 --bf16 --fp32 --fp64 ...) [options]"
  static let discussion = """
    For each precision, every primitive (integer: add sub mul div sqrt compare; floating point:
    add sub mul div sqrt compare max min) is built from cells with the chosen designs, simulated
    on --vectors operand vectors (zero-delay and unit-delay), and every result is checked against
    the reference; a mismatch is an error. Floating-point tables also get recipe rows (exp, log,
    sigmoid, tanh, gelu, silu, softplus, elu, softmax, rsqrt, erf). The same seed gives
    byte-identical files. docs/cost-tables.md describes the format. --precision takes any
    precision name or alias (FP32, e4m3, int64); --all covers \(CostTableDerivation.precisions.map(\.rawValue).joined(separator: " ")).
    Without --out the tables go to $TOSIM_TABLES, else to circuits/tables of the tosim package
    containing the working directory; elsewhere --out is required. --stimulus FILE (one precision)
    measures every primitive on the file's vectors, one per line, two hexadecimal operands a b of
    the precision's width (as tosim eval reads them; square roots take a, a carry-in is 0); the
    tables then record operands "file FILE" and seed 0. --per-vector (with --json) adds each
    primitive's switched gates per transition, zero-delay and unit-delay, to the summary. Each precision's JSON and CSV
    are written as soon as its units are verified, both or neither (docs/cli.md).
    """
  static var precisionFlags: [(flag: String, precisions: [Precision])] {
    Precision.allCases.map { ("--" + $0.rawValue, [$0]) } + [("--fp8", [.fp8e4m3, .fp8e5m2])]
  }
  static var options: [OptionSpec] {
    precisionFlags.map { .flag($0.flag, "Derive the \($0.precisions.map(\.rawValue).joined(separator: " and ")) table.") }
      + [
        .flag("--all", "Derive every table: " + CostTableDerivation.precisions.map(\.rawValue).joined(separator: ", ") + "."),
        .option("--precision", "P", "Derive the table of precision P (any name or alias, fp8 = both fp8 formats; repeatable).", repeatable: true),
        .option("--adder", "DESIGN", "Adder inside every unit: " + DesignFamily.adder.names.joined(separator: ", ") + " (default kogge-stone)."),
        .option("--multiplier", "DESIGN", "Multiplier, REDUCTION[+ADDER]: " + DesignFamily.multiplier.names.joined(separator: ", ") + " (default dadda; final adder = --adder)."),
        .option("--divider", "DESIGN", "Divider: " + Self.names(Dividers.Design.allCases, \.floatingPointDesign) + "."),
        .option("--sqrt", "DESIGN", "Square root: " + Self.names(SquareRoots.Design.allCases, \.floatingPointDesign) + "."),
        .option("--vectors", "N", "Operand vectors per unit (default 65536)."),
        .option("--seed", "S", "Seed of the operand streams (default 1)."),
        .option("--inertial-vectors", "N", "Vectors (the first of each stream) the to_inertial column averages, 2…65536 (default 1024)."),
        .option("--operands", "DIST", "Operand distribution: uniform (every bit pattern) or normal (N(0,1) values). Default uniform."),
        .option("--stimulus", "FILE", "Operand vectors from FILE instead of the seeded streams (one precision only): lines 'a b' in hex."),
        .flag("--per-vector", "With --json: every primitive's switched gates per transition, zero-delay and unit-delay."),
        .option("--out", "DIR", "Folder for the tables (default $TOSIM_TABLES, else circuits/tables inside the package)."),
        .flag("--json", "Print the derived tables' summary as JSON instead of text tables."),
        .flag("--quiet", "No progress or notes on standard error."),
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
  let outputFolder: String?
  let isQuiet: Bool
  let json: Bool
  let library: LibraryOptions
  let stimulusPath: String?
  let perVector: Bool

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(0...0, "")
    var chosen: [Precision] = []
    for (flag, list) in Self.precisionFlags where arguments.flag(flag) {
      chosen += list.filter { !chosen.contains($0) }
    }
    if arguments.flag("--all") { chosen += CostTableDerivation.precisions.filter { !chosen.contains($0) } }
    for name in arguments.strings("--precision") {
      let list: [Precision]
      if name.lowercased() == "fp8" {
        list = [.fp8e4m3, .fp8e5m2]
      } else {
        do { list = [try Precision(parsing: name)] } catch let error as InputError { throw UsageError("--precision: " + error.message) }
      }
      chosen += list.filter { !chosen.contains($0) }
    }
    guard !chosen.isEmpty else { throw UsageError("choose at least one precision (e.g. --fp32) or --all") }
    precisions = Precision.allCases.filter(chosen.contains)
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
    options.inertialVectorCount = try arguments.integer("--inertial-vectors", default: 1024, in: 2...65_536)
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
    outputFolder = arguments.string("--out")
    isQuiet = arguments.flag("--quiet")
    json = arguments.flag("--json")
    library = try LibraryOptions(arguments)
    stimulusPath = arguments.string("--stimulus")
    perVector = arguments.flag("--per-vector")
    if stimulusPath != nil {
      if let option = ["--vectors", "--seed", "--operands"].first(where: { arguments.string($0) != nil }) {
        throw UsageError("\(option) does not apply with --stimulus FILE (the file gives the vectors)")
      }
      guard precisions.count == 1 else {
        throw UsageError("--stimulus FILE needs exactly one precision (its operands have that precision's width); got "
          + precisions.map(\.rawValue).joined(separator: ", "))
      }
    }
    if perVector && !json { throw UsageError("--per-vector needs --json") }
  }

  func run(_ context: CommandContext) throws {
    guard let folder = try outputFolder.map(context.resolve) ?? PackageLocation.deriveFolder(context) else {
      throw UsageError("outside the tosim package derive needs --out DIR (or \(PackageLocation.tablesVariable)=DIR)")
    }
    // The stimulus file is read before the output folder is touched.
    var derivation = derivation
    if let stimulusPath, let precision = precisions.first {
      let width = precision.bitWidth
      let operands = try OperandLines.read(
        context.resolve(stimulusPath), name: stimulusPath, names: ["a", "b"], widths: [width, width])
      derivation.stimulus = DerivationStimulus(
        name: (stimulusPath as NSString).lastPathComponent, operands: operands, limbs: (width + 63) / 64)
    }
    derivation.keepsPerVector = perVector
    try Self.checkWritable(folder)
    for repaired in try AtomicFile.recoverPairs(in: folder) where !isQuiet {
      context.note("derive: completed \(repaired), left half-written by an interrupted run")
    }
    for removed in AtomicFile.removeStaleTemporaries(in: folder) where !isQuiet {
      context.note("derive: removed \(removed), left by an interrupted run")
    }
    let cells = try library.load(context)
    let progress = Progress("derive", context: context, quiet: isQuiet)
    let perVectorCounts = PerVectorCounts()
    let written = WrittenTables()
    let tables: [CostTable]
    do {
      tables = try CostTableDerivation.derive(
        precisions, options: derivation, library: cells, toolVersion: Tosim.version,
        transistors: .init(try CellLibraryLoader.subcircuits(directories: library.directories(context))),
        progress: { line in
          let parts = line.split(separator: " ", maxSplits: 1)
          let counts = parts.first?.split(separator: "/").compactMap { Int($0) } ?? []
          progress.report(done: counts.first ?? 0, total: counts.last ?? 0, parts.count > 1 ? String(parts[1]) : line)
        },
        completed: { table in
          try Self.write(table, to: folder)
          written.add(table.precision)
          progress.report(done: written.count, total: precisions.count, "wrote \(table.precision.rawValue).json and .csv")
        },
        measured: { unit, measurement in if perVector { perVectorCounts.store(unit, measurement) } })
    } catch {
      if !isQuiet && written.count > 0 {
        context.note("derive: kept the finished tables \(written.names) in \(folder)")
      }
      throw error
    }
    if json {
      context.print(JSONValue.object([
        ("folder", .string(folder)), ("tables", .array(tables.map { Self.json($0, folder: folder, perVector: perVector ? perVectorCounts.all : nil) })),
      ]).rendered())
    } else {
      for table in tables { context.print(Self.summary(table)) }
    }
    if !isQuiet {
      context.note("derive: \(tables.count) table(s) written to \(folder) in \(progress.elapsed)")
    }
  }

  /// Writes `table`'s JSON and CSV into `folder`, both or neither.
  static func write(_ table: CostTable, to folder: String) throws {
    try AtomicFile.writeAll(
      [
        (CostTableWriter.json(table), CostTableFiles.path(for: table.precision, .json, in: folder)),
        (CostTableWriter.csv(table), CostTableFiles.path(for: table.precision, .csv, in: folder)),
      ],
      journal: (folder as NSString).appendingPathComponent(".\(table.precision.rawValue).pair"))
  }

  /// Fails with `OutputError` (exit 73) unless `folder` exists (or can be
  /// created) and is writable.
  static func checkWritable(_ folder: String) throws {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: folder, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw OutputError(path: folder, reason: "not a folder") }
    } else {
      var ancestor = (folder as NSString).deletingLastPathComponent
      while !ancestor.isEmpty && ancestor != "/" && !manager.fileExists(atPath: ancestor) {
        ancestor = (ancestor as NSString).deletingLastPathComponent
      }
      if manager.fileExists(atPath: ancestor, isDirectory: &isDirectory) && !isDirectory.boolValue {
        throw OutputError(path: folder, reason: "\(ancestor) is a file, not a folder")
      }
      do { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
        throw OutputError(path: folder, reason: "the folder cannot be created: " + ErrorMessage.reason(error))
      }
    }
    guard manager.isWritableFile(atPath: folder) else { throw OutputError(path: folder, reason: "permission denied") }
  }

  /// The `--json` summary of one table.
  static func json(_ table: CostTable, folder: String, perVector: [String: UnitMeasurement]? = nil) -> JSONValue {
    .object([
      ("precision", .string(table.precision.rawValue)),
      ("files", .array(CostTableFiles.Kind.allCases.map { .string(CostTableFiles.path(for: table.precision, $0, in: folder)) })),
      ("designs", .object(table.designs.map { ($0.family, JSONValue.string($0.design)) })),
      ("operands", .string(table.operands)), ("vectors", .int(table.vectorCount)), ("seed", .uint(table.seed)),
    ] + (table.inertialVectorCount.map { [("inertial_vectors", JSONValue.int($0))] } ?? []) + [
      ("ops", .array(table.rows.map { row in
        .object([
          ("op", .string(row.operation.rawValue)), ("kind", .string(row.isRecipe ? "recipe" : "primitive")),
          ("transistors", .int(row.transistorCount)), ("depth", .int(row.depth)), ("to_static", .int(row.staticTOs)),
          ("to_dynamic", .double(row.dynamicTOs)), ("to_dynamic_std", .double(row.dynamicTOsStandardDeviation)),
          ("to_glitch", .double(row.glitchTOs)),
        ] + (row.inertialTOs.map { [("to_inertial", JSONValue.double($0))] } ?? []) + (row.unit.flatMap { perVector?[$0] }.map { measurement in
          [
            ("to_dynamic_per_vector", JSONValue.array(measurement.perVectorSwitchedGates.map(JSONValue.int))),
            ("to_glitch_per_vector", JSONValue.array(measurement.perVectorUnitDelaySwitchedGates.map(JSONValue.int))),
          ]
        } ?? []))
      })),
    ])
  }

  /// A readable rendering of one table.
  static func summary(_ table: CostTable) -> String {
    let hasInertial = table.inertialVectorCount != nil
    var text = TextTable(header: ["op", "kind", "transistors", "depth", "to_static", "to_dynamic", "std", "to_glitch"]
      + (hasInertial ? ["to_inertial"] : []))
    for row in table.rows {
      text.rows.append([
        row.operation.rawValue, row.isRecipe ? "recipe" : "primitive", String(row.transistorCount), String(row.depth),
        String(row.staticTOs), DecimalText.twoPlaces(row.dynamicTOs), DecimalText.twoPlaces(row.dynamicTOsStandardDeviation),
        DecimalText.twoPlaces(row.glitchTOs),
      ] + (hasInertial ? [row.inertialTOs.map(DecimalText.twoPlaces) ?? ""] : []))
    }
    let designs = table.designs.map { "\($0.family) \($0.design)" }.joined(separator: ", ")
    return "\(table.precision.rawValue) (\(designs); \(table.operands) operands, \(table.vectorCount) vectors, seed \(table.seed))\n"
      + (table.inertialVectorCount.map { "to_inertial over the first \($0) vectors of each stream\n" } ?? "")
      + text.rendered
  }
}

/// The precisions whose tables a run has written so far (thread safe).
private final class WrittenTables: @unchecked Sendable {
  private var precisions: [Precision] = []
  private let lock = NSLock()
  func add(_ precision: Precision) {
    lock.lock()
    precisions.append(precision)
    lock.unlock()
  }
  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return precisions.count
  }
  var names: String {
    lock.lock()
    defer { lock.unlock() }
    return precisions.map(\.rawValue).joined(separator: ", ")
  }
}

/// Every unit's measurement, kept for `--per-vector` (thread safe).
private final class PerVectorCounts: @unchecked Sendable {
  private var measurements: [String: UnitMeasurement] = [:]
  private let lock = NSLock()
  func store(_ unit: String, _ measurement: UnitMeasurement) {
    lock.lock()
    measurements[unit] = measurement
    lock.unlock()
  }
  var all: [String: UnitMeasurement] {
    lock.lock()
    defer { lock.unlock() }
    return measurements
  }
}
