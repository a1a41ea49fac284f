//===--- ExploreCommand.swift ----------------------------------------------===//
// `tosim explore adders|multipliers|dividers|sqrt --width N`: builds every
// design of a family, simulates each on the same seeded random operands and
// prints one row per design — transistors, depth (cells on the critical
// path), mean and standard deviation of dynamic TOs per operation (switched
// transistor gates, zero-delay), mean unit-delay TOs (glitches included) and
// TOs × depth — marking the Pareto-optimal rows over transistors, depth and
// dynamic TOs. Every simulated result is checked against Swift arithmetic.
// Designs, cut into chunks of vectors, are simulated in parallel (Dispatch
// concurrentPerform), each chunk on its own single-threaded WordSimulator that
// first replays the vector before the chunk, so every count equals that of one
// sequential run and results do not depend on scheduling.
// The library-level entry point is `DesignExploration.run`, which takes any
// list of netlists: a user design (e.g. imported from BLIF) joins through
// `DesignExploration.userCandidate`.
//===----------------------------------------------------------------------===//
import Dispatch
import Foundation
import TosimCircuits
import TosimFormats
import TosimIO
import TosimNetlist
import TosimSim

struct ExploreCommand: TosimCommand {
  static let name = "explore"
  static let abstract = "Compare the designs of an arithmetic family: size, depth, switching, glitches."
  static let usage =
    "explore adders|multipliers|dividers|sqrt --width N [--design FILE.blif]... [--vectors V] [--seed S] [--json] [--svg FILE] [--library DIR]... [--quiet]"
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
    Progress (designs done / total, elapsed) goes to standard error when it is a terminal.
    """
  static let options = LibraryOptions.specs + [
    .option("--width", "N", "Operand width in bits, 1…128 (required)."),
    .option("--design", "FILE", "Add the BLIF design in FILE to the comparison (repeatable).", repeatable: true),
    .option("--vectors", "V", "Random operand vectors per design, 2…16777216 (default 65536)."),
    .option("--seed", "S", "Seed of the SplitMix64 operand generator (default 1)."),
    .flag("--json", "Write JSON instead of a table."),
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
    let rows = try DesignExploration.run(candidates, vectorCount: vectorCount, seed: seed) { message in
      progress.report(done: done.increment(), total: total, message)
    }
    let title = "\(family.rawValue), int\(width), \(vectorCount) vectors, seed \(seed)"
    if json {
      context.print(Self.json(rows, family: family, width: width, vectorCount: vectorCount, seed: seed).rendered())
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

  static func json(_ rows: [DesignExploration.Row], family: DesignExploration.Family, width: Int, vectorCount: Int, seed: UInt64)
    -> JSON
  {
    func rounded(_ value: Double) -> JSON { .double((value * 1000).rounded() / 1000) }
    return .object([
      ("family", .string(family.rawValue)),
      ("width", .int(width)),
      ("vectors", .int(vectorCount)),
      ("seed", .uint(seed)),
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
        ])
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

/// Design-space exploration: simulate several circuits computing the same
/// function on the same operands and compare their costs.
public enum DesignExploration {
  /// The arithmetic families `tosim explore` compares.
  public enum Family: String, CaseIterable, Sendable {
    case adders, multipliers, dividers, sqrt

    /// The operation of the family's units.
    public var operation: String {
      switch self {
      case .adders: return "add"
      case .multipliers: return "mul"
      case .dividers: return "div"
      case .sqrt: return "sqrt"
      }
    }
  }

  /// One circuit to compare.
  public struct Candidate: Sendable {
    /// The design's name in the table (`kogge-stone`, or a file name).
    public var design: String
    /// The unit name it stands for (`int32.add:kogge-stone`).
    public var unit: String
    /// The circuit; its ports must match the reference's.
    public var netlist: Netlist
    /// The Swift arithmetic every simulated result is checked against.
    public var reference: UnitReference

    /// Creates a candidate.
    public init(design: String, unit: String, netlist: Netlist, reference: UnitReference) {
      self.design = design
      self.unit = unit
      self.netlist = netlist
      self.reference = reference
    }
  }

  /// One row of the comparison.
  public struct Row: Sendable {
    /// The design's name.
    public var design: String
    /// The unit name.
    public var unit: String
    /// Transistors in all cells.
    public var transistorCount: Int
    /// Cell instances.
    public var cellCount: Int
    /// Cells on the critical path.
    public var depth: Int
    /// Mean switched transistor gates per operation, zero-delay.
    public var dynamicMean: Double
    /// Their population standard deviation over the operations.
    public var dynamicStandardDeviation: Double
    /// Mean switched transistor gates per operation, unit delay (glitches).
    public var glitchMean: Double
    /// Whether no other row is at least as good in transistors, depth and
    /// dynamic TOs and better in one.
    public var isParetoOptimal = false
    /// Cells × vectors simulated (zero-delay sweep), for throughput figures.
    public var gateVectorEvaluationCount: Int
    /// `dynamicMean × depth`, an energy-delay style figure of merit.
    public var dynamicTimesDepth: Double { dynamicMean * Double(depth) }
  }

  /// The shipped designs of `family` at `width`, default final adders for
  /// multipliers.
  ///
  /// - Throws: `InputError` when a unit cannot be built from `library`.
  public static func candidates(_ family: Family, width: Int, library: CellLibrary) throws -> [Candidate] {
    let operation = UnitCatalog.operation(named: family.operation)!
    return try operation.designs.map { design in
      let name = try UnitName(parsing: "int\(width).\(family.operation):\(design)")
      return Candidate(
        design: design, unit: name.description, netlist: try UnitCatalog.build(name, library: library),
        reference: try UnitCatalog.reference(name))
    }
  }

  /// A user's circuit (for example imported from BLIF) as a candidate of
  /// `family` at `width`: its input and output buses must have the names and
  /// widths of the family's units (adders: a, b, cin -> y, cout; multipliers:
  /// a, b -> y; dividers: a, b -> y, rem; sqrt: a -> y, rem).
  ///
  /// This is the hook for `tosim explore … --design FILE.blif`.
  ///
  /// - Throws: `InputError` naming the first port that does not match.
  public static func userCandidate(_ netlist: Netlist, design: String, family: Family, width: Int, library: CellLibrary)
    throws -> Candidate
  {
    let name = try UnitName(parsing: "int\(width).\(family.operation)")
    let expected = try UnitCatalog.build(name, library: library)
    func ports(_ buses: [Bus]) -> String { buses.map { "\($0.name)[\($0.width)]" }.joined(separator: " ") }
    guard ports(netlist.inputs) == ports(expected.inputs), ports(netlist.outputs) == ports(expected.outputs) else {
      throw InputError(
        "design \(design) has ports \(ports(netlist.inputs)) -> \(ports(netlist.outputs)); an int\(width) "
          + "\(family.rawValue) design needs \(ports(expected.inputs)) -> \(ports(expected.outputs))")
    }
    return Candidate(design: design, unit: design, netlist: netlist, reference: try UnitCatalog.reference(name))
  }

  /// Seeded random operands for `widths`: `vectorCount` vectors, each input
  /// bus as little-endian limbs, drawn bus by bus from one SplitMix64 stream.
  public static func operands(widths: [Int], vectorCount: Int, seed: UInt64) -> [[UInt64]] {
    var random = SplitMix64(seed: seed)
    var buses = widths.map { [UInt64](repeating: 0, count: vectorCount * (($0 + 63) / 64)) }
    for vector in 0..<vectorCount {
      for (bus, width) in widths.enumerated() {
        let limbs = (width + 63) / 64
        for limb in 0..<limbs {
          let bits = min(64, width - 64 * limb)
          buses[bus][vector * limbs + limb] = random.next() & (bits == 64 ? ~0 : (1 << UInt64(bits)) - 1)
        }
      }
    }
    return buses
  }

  /// Vectors simulated by one job: designs are cut into chunks of this many
  /// vectors so that both cores stay busy when one design dominates.
  static let chunkLength = 16_384

  /// What one chunk of vectors of one design produced.
  private struct ChunkOutcome {
    var perVectorSwitchedGates: [Int] = []
    var unitDelaySwitchedGates = 0
    var mismatchCount = 0
    var firstMismatch: String?
  }

  /// Simulates every candidate on the same seeded operands, checks every
  /// output against its reference and returns one row per candidate, in
  /// order, with the Pareto-optimal rows marked.
  ///
  /// Each design's vectors are cut into chunks simulated concurrently by
  /// separate simulators; a chunk first replays the vector before it
  /// (uncounted), so every count equals that of one sequential run.
  ///
  /// - Parameter progress: called (from worker threads) with a line per
  ///   finished design.
  /// - Throws: `InputError` for a circuit that does not flatten or whose
  ///   outputs differ from the reference.
  public static func run(
    _ candidates: [Candidate], vectorCount: Int, seed: UInt64, progress: @escaping @Sendable (String) -> Void = { _ in }
  ) throws -> [Row] {
    guard let first = candidates.first else { return [] }
    let widths = first.netlist.inputs.map(\.width)
    let stimulus = operands(widths: widths, vectorCount: vectorCount, seed: seed)
    let expected = expectedOutputs(first.reference, stimulus: stimulus, widths: widths, vectorCount: vectorCount)
    final class Shared: @unchecked Sendable {
      var circuits: [Result<FlatCircuit, Error>?]
      var chunks: [[ChunkOutcome?]]
      var remaining: [Int]
      let lock = NSLock()
      init(_ count: Int, chunkCount: Int) {
        circuits = Array(repeating: nil, count: count)
        chunks = Array(repeating: Array(repeating: nil, count: chunkCount), count: count)
        remaining = Array(repeating: chunkCount, count: count)
      }
    }
    let chunkCount = (vectorCount + chunkLength - 1) / chunkLength
    let shared = Shared(candidates.count, chunkCount: chunkCount)
    let started = Date()
    DispatchQueue.concurrentPerform(iterations: candidates.count) { index in
      let circuit = Result { try FlatCircuit(candidates[index].netlist) }
      shared.lock.lock()
      shared.circuits[index] = circuit
      shared.lock.unlock()
    }
    let circuits = try shared.circuits.map { try $0!.get() }
    // Largest jobs first, so the cores finish together.
    let jobs = candidates.indices.flatMap { c in (0..<chunkCount).map { (candidate: c, chunk: $0) } }
      .sorted { circuits[$0.candidate].nodeCount > circuits[$1.candidate].nodeCount }
    DispatchQueue.concurrentPerform(iterations: jobs.count) { k in
      let (index, chunk) = jobs[k]
      let range = (chunk * chunkLength)..<min(vectorCount, (chunk + 1) * chunkLength)
      let outcome = simulate(
        candidates[index], circuit: circuits[index], range: range, stimulus: stimulus, expected: expected)
      shared.lock.lock()
      shared.chunks[index][chunk] = outcome
      shared.remaining[index] -= 1
      let isDone = shared.remaining[index] == 0
      shared.lock.unlock()
      if isDone {
        progress("\(candidates[index].unit) done" + String(format: " (%.2f s since start)", Date().timeIntervalSince(started)))
      }
    }
    var rows: [Row] = []
    for (index, candidate) in candidates.enumerated() {
      let outcomes = shared.chunks[index].map { $0! }
      let mismatchCount = outcomes.reduce(0) { $0 + $1.mismatchCount }
      if mismatchCount > 0 {
        throw InputError(
          "design \(candidate.design): \(mismatchCount) output(s) differ from Swift arithmetic over \(vectorCount) "
            + "vectors (first: \(outcomes.compactMap(\.firstMismatch).first!))")
      }
      let perVector = outcomes.flatMap(\.perVectorSwitchedGates).map(Double.init)
      let mean = perVector.reduce(0, +) / Double(max(1, perVector.count))
      let variance = perVector.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, perVector.count))
      let glitches = outcomes.reduce(0) { $0 + $1.unitDelaySwitchedGates }
      let circuit = circuits[index]
      rows.append(Row(
        design: candidate.design, unit: candidate.unit, transistorCount: circuit.transistorCount,
        cellCount: circuit.instanceCount, depth: circuit.depth, dynamicMean: mean,
        dynamicStandardDeviation: variance.squareRoot(),
        glitchMean: Double(glitches) / Double(max(1, vectorCount - 1)),
        gateVectorEvaluationCount: circuit.instanceCount * vectorCount))
    }
    for i in rows.indices {
      rows[i].isParetoOptimal = !rows.indices.contains { j in
        let a = rows[j], b = rows[i]
        let noWorse = a.transistorCount <= b.transistorCount && a.depth <= b.depth && a.dynamicMean <= b.dynamicMean
        let better = a.transistorCount < b.transistorCount || a.depth < b.depth || a.dynamicMean < b.dynamicMean
        return j != i && noWorse && better
      }
    }
    return rows
  }

  /// The reference outputs for the stimulus, bus by bus, limbs per vector.
  private static func expectedOutputs(_ reference: UnitReference, stimulus: [[UInt64]], widths: [Int], vectorCount: Int)
    -> [[UInt64]]
  {
    let inputLimbs = widths.map { ($0 + 63) / 64 }
    var outputs = reference.outputWidths.map { [UInt64](repeating: 0, count: vectorCount * (($0 + 63) / 64)) }
    for vector in 0..<vectorCount {
      let inputs = inputLimbs.indices.map { Array(stimulus[$0][(vector * inputLimbs[$0])..<((vector + 1) * inputLimbs[$0])]) }
      for (bus, limbs) in reference.outputs(inputs).enumerated() {
        for (k, limb) in limbs.enumerated() { outputs[bus][vector * limbs.count + k] = limb }
      }
    }
    return outputs
  }

  /// Simulates the vectors in `range` (after replaying vector
  /// `range.lowerBound − 1`, uncounted, when there is one).
  private static func simulate(
    _ candidate: Candidate, circuit: FlatCircuit, range: Range<Int>, stimulus: [[UInt64]], expected: [[UInt64]]
  ) -> ChunkOutcome {
    let simulator = WordSimulator(
      circuit, options: SimulationOptions(wordsPerNode: 16, countsGlitches: true, recordsPerVector: true))
    let inputLimbs = candidate.netlist.inputs.map { ($0.width + 63) / 64 }
    let outputLimbs = candidate.netlist.outputs.map { ($0.width + 63) / 64 }
    func load(_ vectors: Range<Int>) {
      for bus in inputLimbs.indices {
        simulator.setInput(
          bus, values: Array(stimulus[bus][(vectors.lowerBound * inputLimbs[bus])..<(vectors.upperBound * inputLimbs[bus])]),
          limbsPerValue: inputLimbs[bus])
      }
      simulator.run(laneCount: vectors.count)
    }
    if range.lowerBound > 0 { load((range.lowerBound - 1)..<range.lowerBound) }  // the predecessor, not counted
    let before = simulator.unitDelaySwitchedGateCount
    var outcome = ChunkOutcome()
    var start = range.lowerBound
    while start < range.upperBound {
      let lanes = min(simulator.lanesPerBatch, range.upperBound - start)
      load(start..<(start + lanes))
      for bus in outputLimbs.indices {
        let got = simulator.output(bus, laneCount: lanes, limbsPerValue: outputLimbs[bus])
        let want = expected[bus][(start * outputLimbs[bus])..<((start + lanes) * outputLimbs[bus])]
        guard !got.elementsEqual(want) else { continue }
        for lane in 0..<lanes {
          let offset = lane * outputLimbs[bus]
          let wanted = want[(want.startIndex + offset)..<(want.startIndex + offset + outputLimbs[bus])]
          if !got[offset..<(offset + outputLimbs[bus])].elementsEqual(wanted) {
            outcome.mismatchCount += 1
            if outcome.firstMismatch == nil {
              outcome.firstMismatch = "vector \(start + lane), output \(candidate.netlist.outputs[bus].name)"
            }
          }
        }
      }
      start += lanes
    }
    outcome.perVectorSwitchedGates = simulator.perVectorSwitchedGates
    outcome.unitDelaySwitchedGates = simulator.unitDelaySwitchedGateCount - before
    return outcome
  }

  /// An SVG scatter plot: transistors (vertical) against depth (horizontal),
  /// marker area proportional to dynamic TOs, Pareto-optimal rows filled,
  /// every marker labelled with its design.
  public static func svg(_ rows: [Row], title: String) -> String {
    let width = 760.0, height = 500.0, left = 90.0, right = 200.0, top = 50.0, bottom = 60.0
    let depths = rows.map { Double($0.depth) }, sizes = rows.map { Double($0.transistorCount) }
    func span(_ values: [Double]) -> (Double, Double) {
      let low = values.min() ?? 0, high = values.max() ?? 1
      let pad = max((high - low) * 0.1, max(1, high * 0.05))
      return (max(0, low - pad), high + pad)
    }
    let (xLow, xHigh) = span(depths), (yLow, yHigh) = span(sizes)
    func x(_ value: Double) -> Double { left + (value - xLow) / (xHigh - xLow) * (width - left - right) }
    func y(_ value: Double) -> Double { height - bottom - (value - yLow) / (yHigh - yLow) * (height - top - bottom) }
    func escape(_ text: String) -> String {
      text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
    }
    func number(_ value: Double) -> String { String(format: "%.1f", value) }
    let largest = rows.map(\.dynamicMean).max() ?? 1
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(number(width / 2))" y="24" text-anchor="middle" font-size="15">\(escape(title))</text>
      <line x1="\(left)" y1="\(height - bottom)" x2="\(width - right)" y2="\(height - bottom)" stroke="black"/>
      <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(height - bottom)" stroke="black"/>
      <text x="\(number((left + width - right) / 2))" y="\(height - 15)" text-anchor="middle">depth (cells on the critical path)</text>
      <text x="20" y="\(number((top + height - bottom) / 2))" text-anchor="middle" transform="rotate(-90 20 \(number((top + height - bottom) / 2)))">transistors</text>

      """
    for tick in 0...4 {
      let xv = xLow + (xHigh - xLow) * Double(tick) / 4, yv = yLow + (yHigh - yLow) * Double(tick) / 4
      svg += """
        <text x="\(number(x(xv)))" y="\(number(height - bottom + 18))" text-anchor="middle">\(Int(xv.rounded()))</text>
        <text x="\(number(left - 6))" y="\(number(y(yv) + 4))" text-anchor="end">\(Int(yv.rounded()))</text>

        """
    }
    for row in rows {
      let radius = 4 + 18 * (largest > 0 ? (row.dynamicMean / largest).squareRoot() : 0)
      let cx = x(Double(row.depth)), cy = y(Double(row.transistorCount))
      svg += """
        <circle cx="\(number(cx))" cy="\(number(cy))" r="\(number(radius))" fill="\(row.isParetoOptimal ? "steelblue" : "none")" fill-opacity="0.5" stroke="steelblue"><title>\(escape(row.design)): \(row.transistorCount) transistors, depth \(row.depth), \(number(row.dynamicMean)) dynamic TOs/op</title></circle>
        <text x="\(number(cx + radius + 3))" y="\(number(cy + 4))">\(escape(row.design))</text>

        """
    }
    svg += """
      <text x="\(number(width - right + 10))" y="\(top + 10)">marker area ~ dynamic TOs/op</text>
      <text x="\(number(width - right + 10))" y="\(top + 28)">filled = Pareto-optimal</text>
      </svg>

      """
    return svg
  }
}

