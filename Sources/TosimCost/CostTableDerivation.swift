//===--- CostTableDerivation.swift -----------------------------------------===//
// `tosim derive`: for each requested precision, build every primitive unit
// with the selected designs, simulate it on a seeded operand stream,
// check every result against the reference (a mismatch is an error), and
// assemble the cost table, recipe rows included. Every unit's stream comes
// from its own seed derived from the run's seed and the unit's name and is
// cut into chunks (bit-parallel, and timed for the inertial column) that
// run in one parallel loop (Dispatch) and sum to the counts of one
// sequential run, so results do not depend on scheduling: the same seed
// gives byte-identical tables. Each precision's table is handed to a
// callback as soon as its units are done, so `tosim derive` writes it then
// (a run stopped at 95% keeps the tables it finished).
// Integer primitives: add (a + b + cin), sub, mul (two's complement), div
// and sqrt (unsigned), compare (two's complement) — the shared integer
// units `intN.add`, `sub`, `smul`, `div`, `sqrt`, `scmp`. Floating point:
// add, sub, mul, div, sqrt, compare, max, min (FloatingPointUnits).
// The designs are typed (DerivationOptions.swift). Given the cells'
// transistor netlists, every primitive also gets `to_inertial`: the
// inertial-delay count (TimedSwitching, RC delays) over the first
// `options.inertialVectorCount` vectors of its stream (an event-driven
// simulation, far costlier per vector, so a prefix keeps derive fast;
// docs/to-model.md).
// CLI: `tosim derive --fp32 --adder kogge-stone --vectors 65536 --seed 1`.
//===----------------------------------------------------------------------===//
import Dispatch
import Foundation
import TosimCells
import TosimCircuits
import TosimCostModel
import TosimEvaluation
import TosimFormats
import TosimNetlist
import TosimSim

/// A unit whose simulated output differs from the reference.
public struct VerificationError: Error, CustomStringConvertible, Sendable {
  /// The unit.
  public var unit: String
  /// How many vectors differ.
  public var mismatchCount: Int
  /// The first differing vectors.
  public var examples: [Mismatch]
  public var description: String {
    "\(unit): \(mismatchCount) simulated result(s) differ from the reference; first: "
      + examples.prefix(3).map(\.description).joined(separator: "; ")
  }
}

/// Derives cost tables.
public enum CostTableDerivation {
  /// The precisions `derive --all` covers: every integer precision up to
  /// 32 bits and every floating-point precision. Any precision can be
  /// derived (`derive --precision int64`); int64 stays out of `--all` and of
  /// the committed tables.
  public static let precisions: [Precision] = Precision.allCases.filter { !$0.isInteger || $0.bitWidth <= 32 }

  /// The cells' transistor netlists for the inertial column, and the
  /// smallest channel length (for the diffusion estimate).
  public struct Transistors: Sendable {
    /// The subcircuits by upper-case cell name.
    public var subcircuits: [String: Subcircuit]
    /// The smallest channel length of any device, metres.
    public var minimumLength: Double
    /// Wraps `subcircuits`, finding their smallest channel length.
    public init(_ subcircuits: [String: Subcircuit]) {
      self.subcircuits = subcircuits
      minimumLength = subcircuits.values.flatMap { $0.transistors.compactMap(\.length) }.min() ?? 0.15e-6
    }
  }

  /// Checks the options against the precisions that will use them.
  ///
  /// - Throws: `InputError` naming a design floating-point tables do not
  ///   offer and the ones they do, or a vector count below 2.
  public static func validate(_ options: DerivationOptions, precisions: [Precision]) throws {
    guard options.vectorCount >= 2 else { throw InputError("--vectors must be at least 2") }
    if precisions.contains(where: { !$0.isInteger }) {
      guard options.divider.floatingPointDesign != nil else {
        throw InputError("divider design '\(options.divider.rawValue)' is not available for floating-point tables; known: "
          + Dividers.Design.allCases.filter { $0.floatingPointDesign != nil }.map(\.rawValue).joined(separator: ", "))
      }
      guard options.squareRoot.floatingPointDesign != nil else {
        throw InputError("square-root design '\(options.squareRoot.rawValue)' is not available for floating-point tables; "
          + "known: " + SquareRoots.Design.allCases.filter { $0.floatingPointDesign != nil }.map(\.rawValue)
          .joined(separator: ", "))
      }
    }
  }

  /// One unit to measure.
  struct Job: Sendable {
    var precision: Precision
    var operation: ArithmeticOperation
    var unit: String
    var inputWidths: [Int]
    var isMagnitude: Bool
    var build: @Sendable (CellLibrary) throws -> Netlist
    var reference: UnitReference
  }

  static func jobs(_ precision: Precision, options: DerivationOptions) throws -> [Job] {
    if let format = precision.floatFormat {
      guard let designs = options.floatingPointDesigns else {
        // validate names the design floating-point tables refuse.
        try validate(options, precisions: [precision])
        throw InputError("the designs are not available for floating-point tables")
      }
      return FloatOperation.allCases.map { operation in
        let unit = "\(precision.rawValue).\(operation.rawValue)"
        return Job(
          precision: precision, operation: operation.arithmeticOperation, unit: unit,
          inputWidths: [format.bitWidth, format.bitWidth], isMagnitude: operation == .sqrt,
          build: { library in
            try library.require(FloatingPointUnits.requiredCells, for: unit)
            return try FloatingPointUnits.build(
              format: format, operation: operation, designs: designs, library: library, name: unit)
          },
          reference: .floatingPoint(format, operation))
      }
    }
    let units = ArithmeticOperation.integerPrimitives.compactMap { operation in
      integerOperation(operation).map { (operation, $0) }
    }
    return try units.map { operation, unitOperation in
      let unit = try IntegerUnit(
        width: precision.bitWidth, operation: unitOperation, design: unitOperation.designFamily.map(options.design(of:)))
      let reference = UnitCatalog.reference(unit)
      return Job(
        precision: precision, operation: operation, unit: "\(precision.rawValue).\(unit.operation.rawValue)",
        inputWidths: reference.inputWidths, isMagnitude: operation == .sqrt,
        build: { library in try UnitCatalog.build(unit, library: library) },
        reference: reference)
    }
  }

  /// The integer unit an integer table measures `operation` on: two's
  /// complement multiply and compare, unsigned divide and square root.
  static func integerOperation(_ operation: ArithmeticOperation) -> UnitCatalog.Operation? {
    switch operation {
    case .add: return .add
    case .sub: return .sub
    case .mul: return .smul
    case .div: return .div
    case .sqrt: return .sqrt
    case .compare: return .scmp
    default: return nil
    }
  }

  /// The seed of one unit's operand stream: the run's seed mixed with the
  /// unit name (FNV-1a), so every unit sees its own reproducible stream.
  static func unitSeed(_ seed: UInt64, unit: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in unit.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return seed ^ hash
  }

  /// Derives the tables of `precisions`, measuring units in parallel.
  ///
  /// Every unit is built first (in parallel); then the chunks of every
  /// unit's stream, bit-parallel and, for the inertial column, timed, run
  /// in one concurrent loop, costliest first, so the cores finish together.
  ///
  /// - Parameters:
  ///   - progress: called (from any thread, one call at a time) with a line
  ///     per finished unit, which starts with `done/total`.
  ///   - completed: called (from any thread, one call at a time) with each
  ///     precision's table as soon as all of its units are measured and
  ///     verified, so a caller can write it before the others finish. When
  ///     it throws, no further table is handed over and `derive` rethrows.
  /// - Returns: every table, in the order of `precisions`.
  /// - Throws: `InputError` for bad options, `VerificationError` when a
  ///   simulated result differs from the reference (after the tables of the
  ///   other precisions were handed to `completed`), what building a unit
  ///   throws, or what `completed` throws.
  public static func derive(
    _ precisions: [Precision], options: DerivationOptions, library: CellLibrary, toolVersion: String,
    transistors: Transistors? = nil,
    progress: @escaping @Sendable (String) -> Void = { _ in },
    completed: @escaping @Sendable (CostTable) throws -> Void = { _ in },
    measured: @escaping @Sendable (String, UnitMeasurement) -> Void = { _, _ in }
  ) throws -> [CostTable] {
    try validate(options, precisions: precisions)
    let allJobs = try precisions.flatMap { try jobs($0, options: options) }
    let prepared = ResultSlots<PreparedUnit>(count: allJobs.count)
    DispatchQueue.concurrentPerform(iterations: allJobs.count) { index in
      prepared.store(Result { try prepare(allJobs[index], options: options, library: library, transistors: transistors) },
        at: index)
    }
    let units = prepared.all.map { $0! }
    let tasks = chunkTasks(units, options: options)
    let results = ResultSlots<UnitMeasurement>(count: allJobs.count)
    let tracker = CompletionTracker(precisions: precisions, jobs: allJobs.map(\.precision))
    let chunks = ChunkTracker(allJobs.indices.map { index in tasks.filter { $0.unit == index }.count })
    let measurement = MeasurementOptions(
      wordsPerNode: options.wordsPerNode, countsGlitches: true, recordsPerVector: true,
      keepsPerVector: options.keepsPerVector)

    // Hands a finished unit's result on: progress, and its precision's table
    // once that is complete.
    let finish: @Sendable (Int, Result<UnitMeasurement, any Error>) -> Void = { index, result in
      let job = allJobs[index]
      results.store(result, at: index)
      let (done, finishedPrecision) = tracker.finish(job.precision)
      if case .success(let measurement) = result {
        measured(job.unit, measurement)
        progress("\(done)/\(allJobs.count) \(job.unit): \(measurement.transistorCount) transistors, "
          + "\(DecimalText.twoPlaces(measurement.meanSwitchedGates)) switched gates/op")
      }
      guard let precision = finishedPrecision else { return }
      let range = allJobs.indices.filter { allJobs[$0].precision == precision }
      let slots = results.all
      guard let table = try? table(
        precision, jobs: range.map { allJobs[$0] }, results: range.map { slots[$0]! }, options: options,
        toolVersion: toolVersion)
      else { return }
      tracker.hand(over: { try completed(table) })
    }
    for (index, unit) in units.enumerated() {
      if case .failure(let error) = unit { finish(index, .failure(error)) }
    }
    DispatchQueue.concurrentPerform(iterations: tasks.count) { slot in
      let task = tasks[slot]
      guard case .success(let unit) = units[task.unit] else { return }
      let outcome: ChunkTracker.Outcome
      if tracker.isStopped {
        outcome = .cancelled
      } else if let timing = unit.timing, task.isTiming {
        outcome = .timed(timing.switchedGates(unit.job.vectors.inputs, vectors: task.range))
      } else {
        outcome = .simulated(UnitMeasurement.simulate(unit.job, range: task.range, options: measurement))
      }
      guard let finished = chunks.store(outcome, unit: task.unit, chunk: task.chunk) else { return }
      finish(task.unit, combine(unit, finished, options: measurement))
    }
    if let error = tracker.handOverError { throw error }
    var tables: [CostTable] = []
    for precision in precisions {
      let range = allJobs.indices.filter { allJobs[$0].precision == precision }
      tables.append(try table(
        precision, jobs: range.map { allJobs[$0] }, results: range.map { results.all[$0]! }, options: options,
        toolVersion: toolVersion))
    }
    return tables
  }

  /// A unit built and ready to measure: its circuit with the checked
  /// vectors and, for the inertial column, its delays.
  struct PreparedUnit: Sendable {
    /// The circuit and its checked vectors.
    var job: UnitMeasurement.Job
    /// The RC delays of the inertial column (nil without transistors).
    var timing: TimedSwitching.Timing?
    /// The vectors (a prefix of the stream) the inertial column times.
    var timingVectorCount: Int
  }

  /// One chunk of one unit's stream, bit-parallel or timed.
  struct ChunkTask: Sendable {
    /// The unit's position among the run's jobs.
    var unit: Int
    /// The chunk's position among all chunks, in stream order within a unit.
    var chunk: Int
    /// The vectors of the unit's stream it covers.
    var range: Range<Int>
    /// Whether it is timed (the inertial column) rather than bit-parallel.
    var isTiming: Bool
    /// Its estimated cost, for the order of the loop.
    var cost: Int
  }

  /// Builds `job`'s unit, its operand stream and, given transistors, its delays.
  static func prepare(_ job: Job, options: DerivationOptions, library: CellLibrary, transistors: Transistors?) throws
    -> PreparedUnit
  {
    let netlist = try job.build(library)
    let inputs: [[UInt64]]
    if let stimulus = options.stimulus {
      inputs = stimulus.vectors(widths: job.inputWidths, dataWidth: job.precision.bitWidth)
    } else {
      let stream = OperandStream(
        options.operands, precision: job.precision, seed: unitSeed(options.seed, unit: job.unit),
        isMagnitude: job.isMagnitude)
      inputs = stream.vectors(widths: job.inputWidths, count: options.vectorCount)
    }
    let circuit = try FlatCircuit(netlist)
    let unit = try UnitMeasurement.Job(circuit, vectors: CheckedVectors(inputs, reference: job.reference))
    let timing = try transistors.map { transistors in
      try TimedSwitching.Timing(
        netlist, circuit: circuit, model: .rc, isInertial: true, subcircuits: transistors.subcircuits,
        minimumLength: transistors.minimumLength)
    }
    return PreparedUnit(
      job: unit, timing: timing,
      timingVectorCount: min(options.inertialVectorCount, unit.vectors.vectorCount))
  }

  /// The chunks of every built unit, costliest first. A chunk's cost is
  /// the unit's nodes × its vectors, × 64 for a timed vector, × (1 + depth
  /// / 64) for a bit-parallel one (the unit-delay replay grows with depth).
  static func chunkTasks(_ units: [Result<PreparedUnit, any Error>], options: DerivationOptions) -> [ChunkTask] {
    var tasks: [ChunkTask] = []
    for (index, result) in units.enumerated() {
      guard case .success(let unit) = result else { continue }
      let nodes = unit.job.circuit.nodeCount, depth = max(1, unit.job.circuit.depth)
      func add(_ count: Int, length: Int, isTiming: Bool) {
        var start = 0
        while start < count {
          let range = start..<min(count, start + length)
          let perVector = isTiming ? 64 * nodes : nodes * (1 + depth / 64)
          tasks.append(ChunkTask(
            unit: index, chunk: tasks.count, range: range, isTiming: isTiming, cost: perVector * range.count))
          start = range.upperBound
        }
      }
      add(unit.job.vectors.vectorCount, length: max(1, options.simulationChunkLength), isTiming: false)
      if unit.timing != nil { add(unit.timingVectorCount, length: max(1, options.timingChunkLength), isTiming: true) }
    }
    return tasks.sorted { ($0.cost, $1.chunk) > ($1.cost, $0.chunk) }
  }

  /// A unit's measurement from its finished chunks, in stream order.
  static func combine(_ unit: PreparedUnit, _ outcomes: [ChunkTracker.Outcome], options: MeasurementOptions)
    -> Result<UnitMeasurement, any Error>
  {
    var simulated: [UnitMeasurement.ChunkOutcome] = []
    var timedGates: Int?
    for outcome in outcomes {
      switch outcome {
      case .cancelled: return .failure(CancellationError())
      case .simulated(let chunk): simulated.append(chunk)
      case .timed(let gates): timedGates = (timedGates ?? 0) + gates
      }
    }
    var measurement = UnitMeasurement.combine(unit.job, simulated, options: options)
    if let timedGates {
      measurement.meanInertialSwitchedGates = Double(timedGates) / Double(max(1, unit.timingVectorCount - 1))
    }
    return .success(measurement)
  }

  /// Assembles one precision's table from its units' results.
  ///
  /// - Throws: what a unit threw, or `VerificationError` for a mismatch.
  private static func table(
    _ precision: Precision, jobs: [Job], results: [Result<UnitMeasurement, any Error>], options: DerivationOptions,
    toolVersion: String
  ) throws -> CostTable {
    var rows: [CostRow] = []
    for (job, result) in zip(jobs, results) {
      let measurement = try result.get()
      if measurement.mismatchCount > 0 {
        throw VerificationError(unit: job.unit, mismatchCount: measurement.mismatchCount, examples: measurement.mismatches)
      }
      rows.append(CostRow(
        operation: job.operation, unit: job.unit, recipe: [],
        transistorCount: measurement.transistorCount, depth: measurement.depth,
        staticTOs: measurement.transistorCount, dynamicTOs: measurement.meanSwitchedGates,
        dynamicTOsStandardDeviation: measurement.switchedGatesStandardDeviation,
        glitchTOs: measurement.meanUnitDelaySwitchedGates, inertialTOs: measurement.meanInertialSwitchedGates))
    }
    let recipes = precision.floatFormat.map { CompositeRecipes.rows(primitives: rows, precision: $0.precision) } ?? []
    return CostTable(
      toolVersion: toolVersion, precision: precision,
      designs: DesignFamily.allCases.map { ($0.rawValue, options.design(of: $0).description) },
      operands: options.stimulus.map { "file \($0.name)" } ?? options.operands.rawValue,
      vectorCount: options.stimulus?.vectorCount ?? options.vectorCount, seed: options.stimulus == nil ? options.seed : 0,
      rows: rows + recipes,
      inertialVectorCount: rows.allSatisfy { $0.inertialTOs != nil }
        ? min(options.inertialVectorCount, options.stimulus?.vectorCount ?? options.vectorCount) : nil)
  }

}

/// Counts finished units per precision for parallel workers, and hands
/// finished tables to the caller one at a time.
private final class CompletionTracker: @unchecked Sendable {
  private var remaining: [Precision: Int] = [:]
  private var done = 0
  private var stopped = false
  private var error: (any Error)?
  private let lock = NSLock()
  private let handOverLock = NSLock()

  init(precisions: [Precision], jobs: [Precision]) {
    for precision in jobs { remaining[precision, default: 0] += 1 }
  }

  /// Records a finished unit: the units done so far and the precision it
  /// completed, if any.
  func finish(_ precision: Precision) -> (done: Int, completed: Precision?) {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    remaining[precision]! -= 1
    return (done, remaining[precision] == 0 ? precision : nil)
  }

  /// Runs `body` unless an earlier hand-over failed; its error stops the run.
  func hand(over body: () throws -> Void) {
    handOverLock.lock()
    defer { handOverLock.unlock() }
    guard !isStopped else { return }
    do { try body() } catch {
      lock.lock()
      self.error = error
      stopped = true
      lock.unlock()
    }
  }

  /// Whether a hand-over failed, so remaining units need not be measured.
  var isStopped: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopped
  }

  /// The error of the failed hand-over.
  var handOverError: (any Error)? {
    lock.lock()
    defer { lock.unlock() }
    return error
  }
}

/// Per-job results written from parallel workers.
private final class ResultSlots<Value>: @unchecked Sendable {
  private var slots: [Result<Value, any Error>?]
  private let lock = NSLock()
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func store(_ result: Result<Value, any Error>, at index: Int) {
    lock.lock()
    slots[index] = result
    lock.unlock()
  }
  var all: [Result<Value, any Error>?] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}

/// The finished chunks of every unit, written from parallel workers.
final class ChunkTracker: @unchecked Sendable {
  /// What one chunk produced.
  enum Outcome {
    case simulated(UnitMeasurement.ChunkOutcome)
    case timed(Int)
    case cancelled
  }
  private var outcomes: [[(chunk: Int, outcome: Outcome)]]
  private var remaining: [Int]
  private let lock = NSLock()

  init(_ chunkCounts: [Int]) {
    outcomes = chunkCounts.map { _ in [] }
    remaining = chunkCounts
  }

  /// Stores a chunk's outcome; the unit's outcomes in chunk order when it
  /// was the unit's last chunk.
  func store(_ outcome: Outcome, unit: Int, chunk: Int) -> [Outcome]? {
    lock.lock()
    defer { lock.unlock() }
    outcomes[unit].append((chunk, outcome))
    remaining[unit] -= 1
    guard remaining[unit] == 0 else { return nil }
    return outcomes[unit].sorted { $0.chunk < $1.chunk }.map(\.outcome)
  }
}
