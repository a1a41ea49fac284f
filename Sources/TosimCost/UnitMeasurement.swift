//===--- UnitMeasurement.swift ---------------------------------------------===//
// Simulates one unit on a stream of operand vectors, checks every output
// against a reference, and measures what the cost tables record: transistor
// count, depth, and switched transistor gates per operation (mean and
// standard deviation, zero-delay; mean with glitches, unit-delay). Vectors
// run in batches of 64 × wordsPerNode lanes through one WordSimulator, so
// the toggles between consecutive vectors are counted across batches.
// Reached from the CLI through `tosim derive`.
//===----------------------------------------------------------------------===//
import TosimNetlist
import TosimSim

/// How a unit's outputs are predicted and compared.
public struct UnitReferenceCheck: Sendable {
  /// The expected output values (one 64-bit limb per output bus) for the
  /// input values of one vector (one limb per input bus).
  public var expected: @Sendable (_ inputs: [UInt64]) -> [UInt64]
  /// Whether output bus `output` with value `actual` matches `expected`.
  public var matches: @Sendable (_ output: Int, _ expected: UInt64, _ actual: UInt64) -> Bool

  /// Creates a check; `matches` defaults to equality.
  public init(
    expected: @escaping @Sendable ([UInt64]) -> [UInt64],
    matches: @escaping @Sendable (Int, UInt64, UInt64) -> Bool = { _, expected, actual in expected == actual }
  ) {
    self.expected = expected
    self.matches = matches
  }
}

/// A simulated vector whose output differs from the reference.
public struct Mismatch: Sendable, CustomStringConvertible {
  /// The input values, one per input bus.
  public var inputs: [UInt64]
  /// The reference outputs.
  public var expected: [UInt64]
  /// The simulated outputs.
  public var actual: [UInt64]

  public var description: String {
    func hex(_ values: [UInt64]) -> String { values.map { "0x" + String($0, radix: 16) }.joined(separator: " ") }
    return "inputs \(hex(inputs)): expected \(hex(expected)), simulated \(hex(actual))"
  }
}

/// The measured cost and the verification outcome of one unit.
public struct UnitMeasurement: Sendable {
  /// Transistors in the unit.
  public var transistorCount = 0
  /// Cells on the critical path.
  public var depth = 0
  /// Vectors simulated.
  public var vectorCount = 0
  /// Mean switched transistor gates per operation, zero-delay.
  public var meanSwitchedGates = 0.0
  /// Standard deviation of the switched transistor gates per operation.
  public var switchedGatesStandardDeviation = 0.0
  /// Mean switched transistor gates per operation, unit-delay (glitches
  /// included); 0 unless glitches were counted.
  public var meanUnitDelaySwitchedGates = 0.0
  /// Vectors whose outputs differ from the reference.
  public var mismatchCount = 0
  /// The first few mismatches.
  public var mismatches: [Mismatch] = []
}

/// Options of `UnitMeasurement.measure`.
public struct MeasurementOptions: Sendable {
  /// 64-bit words per node per batch (64 × this many vectors per batch).
  public var wordsPerNode = 16
  /// Run the unit-delay simulation as well.
  public var countsGlitches = true
  /// Record per-vector switching for the standard deviation.
  public var recordsPerVector = true
  /// Mismatches kept in the result (all are counted).
  public var keptMismatchCount = 8

  /// The default options: 16 words per node, glitches and per-vector counts on.
  public init(wordsPerNode: Int = 16, countsGlitches: Bool = true, recordsPerVector: Bool = true) {
    self.wordsPerNode = wordsPerNode
    self.countsGlitches = countsGlitches
    self.recordsPerVector = recordsPerVector
  }
}

extension UnitMeasurement {
  /// Simulates `netlist` on `inputs` (one array of values per input bus,
  /// all of equal length, one 64-bit limb per value) and checks every vector.
  /// Outputs may be wider than 64 bits (int64.mul's 128-bit product): the
  /// check then sees every output's little-endian limbs, bus after bus.
  ///
  /// - Precondition: every input bus is at most 64 bits wide.
  /// - Throws: what `FlatCircuit` throws for an invalid netlist.
  public static func measure(
    _ netlist: Netlist, inputs: [[UInt64]], check: UnitReferenceCheck, options: MeasurementOptions = MeasurementOptions()
  ) throws -> UnitMeasurement {
    precondition(inputs.count == netlist.inputs.count && !inputs.isEmpty)
    precondition(netlist.inputs.allSatisfy { $0.width <= 64 })
    let outputLimbs = netlist.outputs.map { ($0.width + 63) / 64 }
    let circuit = try FlatCircuit(netlist)
    let simulator = WordSimulator(
      circuit,
      options: SimulationOptions(
        wordsPerNode: options.wordsPerNode, countsGlitches: options.countsGlitches,
        recordsPerVector: options.recordsPerVector))
    var result = UnitMeasurement()
    result.transistorCount = circuit.transistorCount
    result.depth = circuit.depth
    let total = inputs[0].count
    var start = 0
    while start < total {
      let count = min(simulator.lanesPerBatch, total - start)
      for bus in inputs.indices { simulator.setInput(bus, values: Array(inputs[bus][start..<(start + count)])) }
      simulator.run(laneCount: count)
      let outputs = netlist.outputs.indices.map { simulator.output($0, laneCount: count, limbsPerValue: outputLimbs[$0]) }
      for lane in 0..<count {
        let vector = inputs.map { $0[start + lane] }
        let expected = check.expected(vector)
        let actual = outputs.indices.flatMap { bus in outputs[bus][(lane * outputLimbs[bus])..<((lane + 1) * outputLimbs[bus])] }
        if !expected.indices.allSatisfy({ check.matches($0, expected[$0], actual[$0]) }) {
          result.mismatchCount += 1
          if result.mismatches.count < options.keptMismatchCount {
            result.mismatches.append(Mismatch(inputs: vector, expected: expected, actual: actual))
          }
        }
      }
      start += count
    }
    result.vectorCount = total
    let transitions = max(1, total - 1)
    result.meanSwitchedGates = Double(simulator.switchedGateCount) / Double(transitions)
    if options.countsGlitches {
      result.meanUnitDelaySwitchedGates = Double(simulator.unitDelaySwitchedGateCount) / Double(transitions)
    }
    if options.recordsPerVector, !simulator.perVectorSwitchedGates.isEmpty {
      let values = simulator.perVectorSwitchedGates
      let mean = Double(values.reduce(0, +)) / Double(values.count)
      let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)
      result.switchedGatesStandardDeviation = variance.squareRoot()
    }
    return result
  }
}
