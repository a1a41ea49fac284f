//===--- CostTableDerivation.swift -----------------------------------------===//
// `tosim derive`: for each requested precision, build every primitive unit
// with the selected designs, simulate it on a seeded operand stream,
// check every result against the reference (a mismatch is an error), and
// assemble the cost table, recipe rows included. Units are measured in
// parallel (Dispatch), each from its own seed derived from the run's seed
// and the unit's name, so results do not depend on scheduling: the same
// seed gives byte-identical tables. Each precision's table is handed to a
// callback as soon as its units are done, so `tosim derive` writes it then
// (a run stopped at 95% keeps the tables it finished).
// Integer primitives: add (a + b + cin), sub, mul (two's complement), div
// and sqrt (unsigned), compare (two's complement) — the shared integer
// units `intN.add`, `sub`, `smul`, `div`, `sqrt`, `scmp`. Floating point:
// add, sub, mul, div, sqrt, compare, max, min (FloatingPointUnits).
// The designs are typed (DerivationOptions.swift). Given the cells'
// transistor netlists, every primitive also gets `to_inertial`: the
// inertial-delay count (TimedSwitching, RC delays) over the first
// `options.inertialVectorCount` vectors of its stream (an event-driven simulation,
// one vector at a time, so a prefix keeps derive fast; docs/to-model.md).
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
    // Largest units first, so the parallel tail is short.
    let order = allJobs.indices.sorted { weight(allJobs[$0]) > weight(allJobs[$1]) }
    let results = ResultSlots(count: allJobs.count)
    let tracker = CompletionTracker(precisions: precisions, jobs: allJobs.map(\.precision))
    DispatchQueue.concurrentPerform(iterations: order.count) { slot in
      let job = allJobs[order[slot]]
      let result: Result<UnitMeasurement, any Error> =
        tracker.isStopped ? .failure(CancellationError()) : Result {
          try measure(job, options: options, library: library, transistors: transistors)
        }
      results.store(result, at: order[slot])
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

  private static func weight(_ job: Job) -> Int {
    let width = job.precision.floatFormat?.precision ?? job.precision.bitWidth
    let isQuadratic = [.mul, .div, .sqrt].contains(job.operation)
    return isQuadratic ? width * width : width * 8
  }

  static func measure(_ job: Job, options: DerivationOptions, library: CellLibrary, transistors: Transistors? = nil)
    throws -> UnitMeasurement
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
    var measurement = try UnitMeasurement.measure(
      netlist, inputs: inputs, reference: job.reference,
      options: MeasurementOptions(
        wordsPerNode: options.wordsPerNode, countsGlitches: true, recordsPerVector: true,
        keepsPerVector: options.keepsPerVector))
    if let transistors, measurement.mismatchCount == 0 {
      let count = min(options.inertialVectorCount, measurement.vectorCount)
      let prefix = zip(inputs, job.inputWidths).map { bus, width in Array(bus[0..<(count * ((width + 63) / 64))]) }
      measurement.meanInertialSwitchedGates = try TimedSwitching.measure(
        netlist, inputs: prefix, model: .rc, isInertial: true, subcircuits: transistors.subcircuits,
        minimumLength: transistors.minimumLength
      ).mean
    }
    return measurement
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
private final class ResultSlots: @unchecked Sendable {
  private var slots: [Result<UnitMeasurement, any Error>?]
  private let lock = NSLock()
  init(count: Int) { slots = Array(repeating: nil, count: count) }
  func store(_ result: Result<UnitMeasurement, any Error>, at index: Int) {
    lock.lock()
    slots[index] = result
    lock.unlock()
  }
  var all: [Result<UnitMeasurement, any Error>?] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}
