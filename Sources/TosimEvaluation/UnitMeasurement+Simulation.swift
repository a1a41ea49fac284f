//===--- UnitMeasurement+Simulation.swift ----------------------------------===//
// The batch driver: simulates units bit-parallel on checked vectors and
// measures them. Vectors run in batches of 64 × wordsPerNode lanes through a
// WordSimulator, so toggles between consecutive vectors count across
// batches; every vector is checked against the reference. A stream may be
// cut into chunks simulated concurrently (Dispatch concurrentPerform), each
// on its own simulator that first replays the vector before the chunk,
// uncounted, so every count equals that of one sequential run and results
// do not depend on scheduling. Means and the standard deviation are taken
// over the vector transitions in one fixed order.
// `tosim derive` schedules the chunks of every unit itself, beside the
// inertial timing (simulate and combine), `tosim explore` measures many
// designs in chunks, the tests verify units with it.
//===----------------------------------------------------------------------===//
import Dispatch
import Foundation
import TosimFormats
import TosimNetlist
import TosimSim

extension UnitMeasurement {
  /// One unit for the batch driver: a circuit and the vectors it is checked on.
  public struct Job: Sendable {
    /// The flattened circuit.
    public var circuit: FlatCircuit
    /// The operand vectors and their expected outputs.
    public var vectors: CheckedVectors

    /// Pairs a circuit with its vectors.
    ///
    /// - Throws: `InputError` when the circuit's port widths differ from
    ///   the reference's.
    public init(_ circuit: FlatCircuit, vectors: CheckedVectors) throws {
      let inputs = circuit.inputNodes.map(\.count), outputs = circuit.outputNodes.map(\.count)
      let reference = vectors.reference
      guard inputs == reference.inputWidths, outputs == reference.outputWidths else {
        func ports(_ names: [String], _ widths: [Int]) -> String {
          zip(names, widths).map { "\($0)[\($1)]" }.joined(separator: " ")
        }
        throw InputError(
          "ports \(ports(circuit.inputNames, inputs)) -> \(ports(circuit.outputNames, outputs)) do not match the "
            + "reference's widths \(reference.inputWidths.map(String.init).joined(separator: " ")) -> "
            + reference.outputWidths.map(String.init).joined(separator: " "))
      }
      self.circuit = circuit
      self.vectors = vectors
    }
  }

  /// Simulates `netlist` on `inputs` (one array per input bus, `⌈width/64⌉`
  /// limbs per vector), checks every vector against `reference` and
  /// measures it.
  ///
  /// - Throws: what `FlatCircuit` throws for an invalid netlist, and
  ///   `InputError` when the inputs or ports do not fit the reference.
  public static func measure(
    _ netlist: Netlist, inputs: [[UInt64]], reference: UnitReference, options: MeasurementOptions = MeasurementOptions()
  ) throws -> UnitMeasurement {
    let job = try Job(FlatCircuit(netlist), vectors: CheckedVectors(inputs, reference: reference))
    return measure([job], options: options)[0]
  }

  /// Simulates and measures every job, one result per job in order.
  ///
  /// All chunks of all jobs share one concurrent loop, largest circuits
  /// first, so the cores finish together.
  ///
  /// - Parameter finished: called (from worker threads) with a job's index
  ///   once all of its vectors are simulated.
  public static func measure(
    _ jobs: [Job], options: MeasurementOptions, finished: @escaping @Sendable (Int) -> Void = { _ in }
  ) -> [UnitMeasurement] {
    let chunkLengths = jobs.map { job in max(1, options.chunkLength ?? job.vectors.vectorCount) }
    let chunkCounts = jobs.indices.map { max(1, (jobs[$0].vectors.vectorCount + chunkLengths[$0] - 1) / chunkLengths[$0]) }
    let tasks = jobs.indices.flatMap { job in (0..<chunkCounts[job]).map { (job: job, chunk: $0) } }
      .sorted { jobs[$0.job].circuit.nodeCount > jobs[$1.job].circuit.nodeCount }
    let slots = ChunkSlots(chunkCounts)
    DispatchQueue.concurrentPerform(iterations: tasks.count) { index in
      let (job, chunk) = tasks[index]
      let start = chunk * chunkLengths[job]
      let range = start..<min(jobs[job].vectors.vectorCount, start + chunkLengths[job])
      if slots.store(simulate(jobs[job], range: range, options: options), job: job, chunk: chunk) { finished(job) }
    }
    return jobs.indices.map { combine(jobs[$0], slots.outcomes(job: $0), options: options) }
  }

  /// What one chunk of vectors produced; `combine` turns a job's chunks,
  /// in stream order, into its measurement.
  public struct ChunkOutcome: Sendable {
    var switchedGates = 0
    var unitDelaySwitchedGates = 0
    var perVectorSwitchedGates: [Int] = []
    var perVectorUnitDelaySwitchedGates: [Int] = []
    var mismatchCount = 0
    var mismatches: [Mismatch] = []
  }

  /// Simulates the vectors in `range` of `job` on a fresh simulator, after
  /// replaying vector `range.lowerBound − 1` (uncounted) when there is one,
  /// so the chunks of a stream, combined, count as one sequential run.
  public static func simulate(_ job: Job, range: Range<Int>, options: MeasurementOptions) -> ChunkOutcome {
    let simulator = WordSimulator(
      job.circuit,
      options: SimulationOptions(
        wordsPerNode: max(1, options.wordsPerNode), countsGlitches: options.countsGlitches,
        recordsPerVector: options.recordsPerVector || options.keepsPerVector))
    let vectors = job.vectors
    if range.lowerBound > 0 { simulator.run(vectors.inputs, vectors: (range.lowerBound - 1)..<range.lowerBound) }
    let switchedBefore = simulator.switchedGateCount
    let unitDelayBefore = simulator.unitDelaySwitchedGateCount
    var outcome = ChunkOutcome()
    var start = range.lowerBound
    while start < range.upperBound {
      let batch = start..<min(range.upperBound, start + simulator.lanesPerBatch)
      simulator.run(vectors.inputs, vectors: batch)
      check(simulator.outputs(laneCount: batch.count), batch: batch, vectors: vectors, options: options, into: &outcome)
      start = batch.upperBound
    }
    outcome.switchedGates = simulator.switchedGateCount - switchedBefore
    outcome.unitDelaySwitchedGates = simulator.unitDelaySwitchedGateCount - unitDelayBefore
    outcome.perVectorSwitchedGates = simulator.perVectorSwitchedGates
    if options.keepsPerVector {
      // The vector before the chunk settles uncounted, as above.
      let timing = WordTimingSimulator(job.circuit, delays: TimingSimulator.unitDelays(job.circuit), isInertial: false)
      timing.run(vectors.inputs, vectors: max(0, range.lowerBound - 1)..<range.upperBound)
      outcome.perVectorUnitDelaySwitchedGates = timing.perVectorSwitchedGates
    }
    return outcome
  }

  /// Compares one batch's outputs with the expected ones, vector by vector
  /// where a bus differs.
  private static func check(
    _ outputs: [[UInt64]], batch: Range<Int>, vectors: CheckedVectors, options: MeasurementOptions,
    into outcome: inout ChunkOutcome
  ) {
    let reference = vectors.reference
    let limbs = reference.outputLimbs
    let differs = limbs.indices.filter { bus in
      !outputs[bus].elementsEqual(vectors.expected[bus][(batch.lowerBound * limbs[bus])..<(batch.upperBound * limbs[bus])])
    }
    guard !differs.isEmpty else { return }
    for lane in 0..<batch.count {
      let vector = batch.lowerBound + lane
      let matches = differs.allSatisfy { bus in
        reference.matches(
          bus, expected: vectors.expected[bus][(vector * limbs[bus])..<((vector + 1) * limbs[bus])],
          actual: outputs[bus][(lane * limbs[bus])..<((lane + 1) * limbs[bus])])
      }
      if matches { continue }
      outcome.mismatchCount += 1
      if outcome.mismatches.count < options.keptMismatchCount {
        outcome.mismatches.append(Mismatch(
          vector: vector, inputs: vectors.inputs(ofVector: vector), expected: vectors.expected(ofVector: vector),
          actual: CheckedVectors.vector(lane, of: outputs, limbs: limbs)))
      }
    }
  }

  /// One job's measurement from the outcomes of chunks that cover its
  /// stream, in stream order.
  public static func combine(_ job: Job, _ chunks: [ChunkOutcome], options: MeasurementOptions) -> UnitMeasurement {
    var result = UnitMeasurement()
    result.transistorCount = job.circuit.transistorCount
    result.cellCount = job.circuit.instanceCount
    result.depth = job.circuit.depth
    let total = job.vectors.vectorCount
    result.vectorCount = total
    result.mismatchCount = chunks.reduce(0) { $0 + $1.mismatchCount }
    result.mismatches = Array(chunks.flatMap(\.mismatches).prefix(options.keptMismatchCount))
    let transitions = max(1, total - 1)
    result.meanSwitchedGates = Double(chunks.reduce(0) { $0 + $1.switchedGates }) / Double(transitions)
    if options.countsGlitches {
      result.meanUnitDelaySwitchedGates = Double(chunks.reduce(0) { $0 + $1.unitDelaySwitchedGates }) / Double(transitions)
    }
    let values = chunks.count == 1 ? chunks[0].perVectorSwitchedGates : chunks.flatMap(\.perVectorSwitchedGates)
    if options.keepsPerVector {
      result.perVectorSwitchedGates = values
      result.perVectorUnitDelaySwitchedGates = chunks.flatMap(\.perVectorUnitDelaySwitchedGates)
    }
    if options.recordsPerVector || options.keepsPerVector, !values.isEmpty {
      let mean = Double(values.reduce(0, +)) / Double(values.count)
      let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)
      result.switchedGatesStandardDeviation = variance.squareRoot()
    }
    return result
  }
}

/// Chunk outcomes written from parallel workers.
private final class ChunkSlots: @unchecked Sendable {
  private var slots: [[UnitMeasurement.ChunkOutcome?]]
  private var remaining: [Int]
  private let lock = NSLock()

  init(_ chunkCounts: [Int]) {
    slots = chunkCounts.map { Array(repeating: nil, count: $0) }
    remaining = chunkCounts
  }

  /// Stores a chunk's outcome; true when it was the job's last chunk.
  func store(_ outcome: UnitMeasurement.ChunkOutcome, job: Int, chunk: Int) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    slots[job][chunk] = outcome
    remaining[job] -= 1
    return remaining[job] == 0
  }

  /// A finished job's outcomes, chunk by chunk.
  func outcomes(job: Int) -> [UnitMeasurement.ChunkOutcome] {
    lock.lock()
    defer { lock.unlock() }
    return slots[job].compactMap { $0 }
  }
}
