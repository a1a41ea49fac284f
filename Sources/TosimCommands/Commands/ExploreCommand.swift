//===--- ExploreCommand.swift ----------------------------------------------===//
// `tosim explore adders|multipliers|dividers|sqrt --width N`: builds every
// design of a family, simulates each on the same seeded random operands and
// prints one row per design — transistors, depth (cells on the critical
// path), mean and standard deviation of dynamic TOs per operation (switched
// transistor gates, zero-delay), mean unit-delay TOs (glitches included) and
// TOs × depth — marking the Pareto-optimal rows over transistors, depth and
// dynamic TOs. Every simulated result is checked against Swift arithmetic.
// This file parses, calls `DesignExploration.run` (TosimEvaluation: chunked
// parallel simulation, verification, Pareto marking) and formats the rows;
// the SVG comes from `DesignExploration.svg` (TosimIO).
//===----------------------------------------------------------------------===//
import Foundation
import TosimCircuits
import TosimEvaluation
import TosimFormats
import TosimIO

struct ExploreCommand: TosimCommand {
  static let name = "explore"
  static let abstract = "Compare the designs of an arithmetic family: size, depth, switching, glitches."
  static let usage =
    "explore adders|multipliers|dividers|sqrt --width N [--design FILE.blif]... [--vectors V] [--seed S] [--operands uniform|normal | --stimulus FILE] [--json [--per-vector]] [--svg FILE] [--library DIR]... [--quiet]"
  static let discussion = """
    Every design of the family is built at width N (1…128) from the cell library and
    simulated on the same V seeded random operand vectors (default 65536, seed 1). Columns:
    transistors; depth (cells on the critical path); dynamic TOs per operation (switched
    transistor gates between consecutive operations, zero-delay) as mean and standard
    deviation; glitch TOs (the same with unit cell delays, so hazards count too); TOs x depth.
    Rows marked * are Pareto-optimal over transistors, depth and dynamic TOs. Every result is
    checked against Swift integer arithmetic; a mismatch exits 65. Multipliers are listed
    with their default final adder (<design>+<adder> units select another in tosim eval).
    --svg writes a scatter plot of transistors against depth, marker area ~ dynamic TOs.
    --design adds a user design imported from BLIF (mapped onto the cell library); its ports
    must be those of the family's int<N> unit (adders: a, b, cin -> y, cout), and it is
    checked against the same Swift reference. The --svg file is checked before simulation starts
    and may not be one of the --design files.
    --operands normal draws N(0,1) integers (8-, 16-, 32- or 64-bit widths) from the stream
    derive and export spice --testbench use; --stimulus FILE reads the vectors instead, one per
    line in hexadecimal as tosim eval reads them (a b [cin] for adders). --per-vector adds every
    design's switched gates per transition, zero-delay and unit-delay, to the --json output.
    Progress (designs done / total, elapsed) goes to standard error when it is a terminal.
    """
  static let options = LibraryOptions.specs + [
    .option("--width", "N", "Operand width in bits, 1…128 (required)."),
    .option("--design", "FILE", "Add the BLIF design in FILE to the comparison (repeatable).", repeatable: true),
    .option("--vectors", "V", "Random operand vectors per design, 2…16777216 (default 65536)."),
    .option("--seed", "S", "Seed of the SplitMix64 operand generator (default 1)."),
    .option("--operands", "DIST", "Operand distribution: uniform (default, every bit pattern) or normal (N(0,1) integers)."),
    .option("--stimulus", "FILE", "Read the operand vectors from FILE (hex, one vector per line, as tosim eval reads them)."),
    .flag("--json", "Write JSON instead of a table."),
    .flag("--per-vector", "With --json: every design's switched gates per transition (zero-delay and unit-delay)."),
    .option("--svg", "FILE", "Also write an SVG plot to FILE (atomically)."),
    .flag("--quiet", "No progress or notes on standard error."),
  ]

  let family: DesignExploration.Family
  let width: Int
  let vectorCount: Int
  let seed: UInt64
  let json: Bool
  let svgPath: String?
  let designPaths: [String]
  let library: LibraryOptions
  let isQuiet: Bool
  let operands: OperandDistribution?
  let stimulusPath: String?
  let perVector: Bool

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(1...1, "family: adders, multipliers, dividers or sqrt")
    guard let family = DesignExploration.Family(rawValue: arguments.positionals[0]) else {
      throw UsageError("unknown family '\(arguments.positionals[0])'; expected "
        + DesignExploration.Family.allCases.map(\.rawValue).joined(separator: ", "))
    }
    self.family = family
    guard arguments.string("--width") != nil else { throw UsageError("missing --width N") }
    width = try arguments.integer("--width", default: 0, in: 1...UnitCatalog.maximumIntegerWidth)
    vectorCount = try arguments.integer("--vectors", default: 65_536, in: 2...(1 << 24))
    seed = try arguments.seed("--seed", default: 1)
    json = arguments.flag("--json")
    svgPath = arguments.string("--svg")
    designPaths = arguments.strings("--design")
    library = try LibraryOptions(arguments)
    isQuiet = arguments.flag("--quiet")
    stimulusPath = arguments.string("--stimulus")
    perVector = arguments.flag("--per-vector")
    if let text = arguments.string("--operands") {
      guard let distribution = OperandDistribution(rawValue: text) else {
        throw UsageError("unknown operand distribution '\(text)'; known: uniform, normal")
      }
      if distribution == .normal && Precision.integer(bitWidth: width) == nil {
        throw UsageError("--operands normal needs --width 8, 16, 32 or 64 (N(0,1) integers of a precision)")
      }
      operands = distribution
    } else {
      operands = nil
    }
    if stimulusPath != nil, let option = ["--vectors", "--seed", "--operands"].first(where: { arguments.string($0) != nil }) {
      throw UsageError("\(option) does not apply with --stimulus FILE (the file gives the vectors)")
    }
    if perVector && !json { throw UsageError("--per-vector needs --json") }
  }

  /// The operand vectors: the stimulus file, or the seeded stream.
  func stimulus(for candidate: DesignExploration.Candidate, _ context: CommandContext) throws -> [[UInt64]] {
    let widths = candidate.reference.inputWidths
    if let stimulusPath {
      return try OperandLines.read(
        context.resolve(stimulusPath), name: stimulusPath, names: candidate.netlist.inputs.map(\.name), widths: widths,
        omittable: { widths[$0] == 1 })
    }
    guard let operands, operands == .normal, let precision = Precision.integer(bitWidth: width) else {
      return OperandStream(seed: seed).vectors(widths: widths, count: vectorCount)
    }
    return OperandStream(operands, precision: precision, seed: seed, isMagnitude: family == .sqrt)
      .vectors(widths: widths, count: vectorCount)
  }

  func run(_ context: CommandContext) throws {
    if let svgPath { try OutputPath.check(svgPath, option: "--svg", inputs: designPaths, context) }
    let cells = try library.load(context)
    var candidates = try DesignExploration.candidates(family, width: width, library: cells)
    for path in designPaths {
      let netlist = try CircuitSource.design(path: path).netlist(library: cells, context: context)
      let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
      do {
        candidates.append(try DesignExploration.userCandidate(netlist, design: name, family: family, width: width, library: cells))
      } catch let error as InputError {
        throw error.located(in: path)
      }
    }
    let progress = Progress("explore", context: context, quiet: isQuiet)
    let done = Counter()
    let total = candidates.count
    guard let first = candidates.first else { return }
    let vectors = try stimulus(for: first, context)
    let count = vectors[0].count / max(1, (first.reference.inputWidths[0] + 63) / 64)
    let rows = try DesignExploration.run(candidates, stimulus: vectors, keepsPerVector: perVector) { message in
      progress.report(done: done.increment(), total: total, message)
    }
    let source = stimulusPath.map { "from \($0)" } ?? "seed \(seed)" + (operands == .normal ? ", normal operands" : "")
    let title = "\(family.rawValue), int\(width), \(count) vectors, \(source)"
    if json {
      let document = Self.json(
        rows, family: family, width: width, vectorCount: count, seed: stimulusPath == nil ? seed : nil,
        operands: operands?.rawValue, stimulus: stimulusPath, perVector: perVector)
      context.print(document.rendered())
    } else {
      context.print("explore \(title)")
      context.standardOutput(Self.table(rows).rendered)
      context.print("* Pareto-optimal over transistors, depth and dynamic TOs. TOs are switched transistor gates per operation.")
    }
    if let svgPath {
      try AtomicFile.write(DesignExploration.svg(rows, title: "tosim explore \(title)"), to: context.resolve(svgPath))
      if !isQuiet { context.note("explore: wrote \(svgPath)") }
    }
  }

  static func table(_ rows: [DesignExploration.Row]) -> TextTable {
    var table = TextTable(header: [
      "DESIGN", "TRANSISTORS", "CELLS", "DEPTH", "DYN TOs MEAN", "DYN TOs STD", "GLITCH TOs", "TOs x DEPTH", "PARETO",
    ])
    for row in rows {
      table.rows.append([
        row.design, String(row.transistorCount), String(row.cellCount), String(row.depth),
        String(format: "%.1f", row.dynamicMean), String(format: "%.1f", row.dynamicStandardDeviation),
        String(format: "%.1f", row.glitchMean), String(format: "%.0f", row.dynamicTimesDepth),
        row.isParetoOptimal ? "*" : "",
      ])
    }
    return table
  }

  static func json(
    _ rows: [DesignExploration.Row], family: DesignExploration.Family, width: Int, vectorCount: Int, seed: UInt64?,
    operands: String? = nil, stimulus: String? = nil, perVector: Bool = false
  ) -> JSONValue {
    func rounded(_ value: Double) -> JSONValue { .double((value * 1000).rounded() / 1000) }
    return .object([
      ("family", .string(family.rawValue)),
      ("width", .int(width)),
      ("vectors", .int(vectorCount)),
      ("seed", seed.map(JSONValue.uint) ?? .null),
    ] + (operands.map { [("operands", JSONValue.string($0))] } ?? []) + (stimulus.map { [("stimulus", JSONValue.string($0))] } ?? []) + [
      ("units", .object([("to_dynamic", .string("switched transistor gates per operation, zero-delay")),
        ("to_glitch", .string("switched transistor gates per operation, unit delay"))])),
      ("designs", .array(rows.map { row in
        .object([
          ("design", .string(row.design)),
          ("unit", .string(row.unit)),
          ("transistors", .int(row.transistorCount)),
          ("cells", .int(row.cellCount)),
          ("depth", .int(row.depth)),
          ("to_dynamic_mean", rounded(row.dynamicMean)),
          ("to_dynamic_std", rounded(row.dynamicStandardDeviation)),
          ("to_glitch_mean", rounded(row.glitchMean)),
          ("to_dynamic_times_depth", rounded(row.dynamicTimesDepth)),
          ("pareto", .bool(row.isParetoOptimal)),
          ("gate_vector_evaluations", .int(row.gateVectorEvaluationCount)),
        ] + (perVector ? [
          ("to_dynamic_per_vector", .array(row.perVectorDynamic.map(JSONValue.int))),
          ("to_glitch_per_vector", .array(row.perVectorGlitch.map(JSONValue.int))),
        ] : []))
      })),
    ])
  }
}

/// A thread-safe counter of finished designs.
private final class Counter: @unchecked Sendable {
  private var value = 0
  private let lock = NSLock()
  /// Adds one and returns the new value.
  func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }
}
