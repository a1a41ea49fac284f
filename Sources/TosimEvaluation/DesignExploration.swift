//===--- DesignExploration.swift -------------------------------------------===//
// Design-space exploration: the designs of an arithmetic family (adders,
// multipliers, dividers, square roots) at one width, plus user circuits with
// the same ports, simulated by the batch driver on the same seeded operands,
// every result checked against Swift arithmetic, one row of costs per design
// with the Pareto-optimal rows marked (DesignExploration+Pareto).
// Reached from the CLI through `tosim explore`; a user design (e.g. imported
// from BLIF) joins through `DesignExploration.userCandidate`.
//===----------------------------------------------------------------------===//
import Dispatch
import Foundation
import TosimCircuits
import TosimFormats
import TosimNetlist
import TosimSim

/// Design-space exploration: simulate several circuits computing the same
/// function on the same operands and compare their costs.
public enum DesignExploration {
  /// The arithmetic families `tosim explore` compares.
  public enum Family: String, CaseIterable, Sendable {
    case adders, multipliers, dividers, sqrt

    /// The operation of the family's units.
    public var operation: UnitCatalog.Operation {
      switch self {
      case .adders: return .add
      case .multipliers: return .mul
      case .dividers: return .div
      case .sqrt: return .sqrt
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
    /// Switched transistor gates of every transition, zero-delay and unit
    /// delay; empty unless asked for (`explore --per-vector`).
    public var perVectorDynamic: [Int] = []
    public var perVectorGlitch: [Int] = []
    /// `dynamicMean × depth`, an energy-delay style figure of merit.
    public var dynamicTimesDepth: Double { dynamicMean * Double(depth) }

    /// The row of design `design` (unit `unit`) from its measurement, not
    /// yet marked Pareto-optimal.
    public init(design: String, unit: String, measurement: UnitMeasurement) {
      self.design = design
      self.unit = unit
      transistorCount = measurement.transistorCount
      cellCount = measurement.cellCount
      depth = measurement.depth
      dynamicMean = measurement.meanSwitchedGates
      dynamicStandardDeviation = measurement.switchedGatesStandardDeviation
      glitchMean = measurement.meanUnitDelaySwitchedGates
      gateVectorEvaluationCount = measurement.cellCount * measurement.vectorCount
      perVectorDynamic = measurement.perVectorSwitchedGates
      perVectorGlitch = measurement.perVectorUnitDelaySwitchedGates
    }
  }

  /// The shipped designs of `family` at `width`, default final adders for
  /// multipliers.
  ///
  /// - Throws: `InputError` when a unit cannot be built from `library`.
  public static func candidates(_ family: Family, width: Int, library: CellLibrary) throws -> [Candidate] {
    return try family.operation.designs.map { design in
      let name = try UnitName(parsing: "int\(width).\(family.operation.rawValue):\(design)")
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
    let name = try UnitName(parsing: "int\(width).\(family.operation.rawValue)")
    let expected = try UnitCatalog.build(name, library: library)
    func ports(_ buses: [Bus]) -> String { buses.map { "\($0.name)[\($0.width)]" }.joined(separator: " ") }
    guard ports(netlist.inputs) == ports(expected.inputs), ports(netlist.outputs) == ports(expected.outputs) else {
      throw InputError(
        "design \(design) has ports \(ports(netlist.inputs)) -> \(ports(netlist.outputs)); an int\(width) "
          + "\(family.rawValue) design needs \(ports(expected.inputs)) -> \(ports(expected.outputs))")
    }
    return Candidate(design: design, unit: design, netlist: netlist, reference: try UnitCatalog.reference(name))
  }

  /// Vectors simulated by one job: designs are cut into chunks of this many
  /// vectors so that every core stays busy when one design dominates.
  static let chunkLength = 16_384

  /// Simulates every candidate on the same seeded operands (a uniform
  /// `OperandStream`), checks every output against the candidate's
  /// reference and returns one row per candidate, in order, with the
  /// Pareto-optimal rows marked.
  ///
  /// Each design's vectors are cut into chunks simulated concurrently by the
  /// batch driver; every count equals that of one sequential run.
  ///
  /// - Parameter progress: called (from worker threads) with a line per
  ///   finished design.
  /// - Throws: `InputError` for a circuit that does not flatten, whose ports
  ///   differ from its reference's, or whose outputs differ from the reference.
  public static func run(
    _ candidates: [Candidate], vectorCount: Int, seed: UInt64, progress: @escaping @Sendable (String) -> Void = { _ in }
  ) throws -> [Row] {
    guard let first = candidates.first else { return [] }
    let stimulus = OperandStream(seed: seed).vectors(widths: first.reference.inputWidths, count: vectorCount)
    return try run(candidates, stimulus: stimulus, progress: progress)
  }

  /// Simulates every candidate on `stimulus` (one array per input bus,
  /// `⌈width/64⌉` limbs per vector, as `OperandStream.vectors` gives them)
  /// and returns the rows as `run(_:vectorCount:seed:progress:)` does;
  /// `keepsPerVector` fills every row's per-transition counts.
  public static func run(
    _ candidates: [Candidate], stimulus: [[UInt64]], keepsPerVector: Bool = false,
    progress: @escaping @Sendable (String) -> Void = { _ in }
  ) throws -> [Row] {
    guard let first = candidates.first else { return [] }
    let limbs = first.reference.inputLimbs
    let vectorCount = stimulus.first.map { $0.count / max(1, limbs[0]) } ?? 0
    // Candidates whose references have the same name share one set of expected outputs.
    let owners = candidates.indices.map { index in
      guard let name = candidates[index].reference.name else { return index }
      return candidates.firstIndex { $0.reference.name == name } ?? index
    }
    final class Prepared: @unchecked Sendable {
      var circuits: [Result<FlatCircuit, Error>?]
      var vectors: [Result<CheckedVectors, Error>?]
      let lock = NSLock()
      init(_ count: Int) {
        circuits = Array(repeating: nil, count: count)
        vectors = Array(repeating: nil, count: count)
      }
    }
    let prepared = Prepared(candidates.count)
    DispatchQueue.concurrentPerform(iterations: candidates.count) { index in
      let circuit = Result { try FlatCircuit(candidates[index].netlist) }
      let vectors = owners[index] == index
        ? Result { try CheckedVectors(stimulus, reference: candidates[index].reference) } : nil
      prepared.lock.lock()
      prepared.circuits[index] = circuit
      prepared.vectors[index] = vectors
      prepared.lock.unlock()
    }
    let jobs = try candidates.indices.map { index in
      guard let circuit = prepared.circuits[index], let vectors = prepared.vectors[owners[index]] else {
        preconditionFailure("every candidate is prepared above")
      }
      do { return try UnitMeasurement.Job(circuit.get(), vectors: vectors.get()) } catch let error as InputError {
        throw InputError("design \(candidates[index].design): \(error.message)")
      }
    }
    let started = Date()
    let measurements = UnitMeasurement.measure(
      jobs,
      options: MeasurementOptions(
        wordsPerNode: 16, countsGlitches: true, recordsPerVector: true, chunkLength: chunkLength, keepsPerVector: keepsPerVector)
    ) { index in
      progress("\(candidates[index].unit) done" + String(format: " (%.2f s since start)", Date().timeIntervalSince(started)))
    }
    var rows: [Row] = []
    for (candidate, measurement) in zip(candidates, measurements) {
      if let first = measurement.firstMismatch {
        throw InputError(
          "design \(candidate.design): \(measurement.mismatchCount) vector(s) differ from Swift arithmetic over "
            + "\(vectorCount) vectors (first: \(first))")
      }
      rows.append(Row(design: candidate.design, unit: candidate.unit, measurement: measurement))
    }
    markParetoOptimal(&rows)
    return rows
  }
}
