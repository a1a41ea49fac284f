//===--- TimedSwitching.swift ----------------------------------------------===//
// Switched transistor gates per operation under physical timing: the
// bit-parallel timing simulator (TosimSim/WordTimingSimulator) with delays from the cells'
// drive and load (NodeDelays), transport or inertial. With the `unit` model
// this is the unit-delay count (to_glitch); with `rc` and inertial filtering
// it is `to_inertial`, the glitch count the SPICE validation compares
// (docs/spice-validation.md, `tosim export spice --testbench` annotations).
// `measure` times a whole stream at once; a `Timing` times it in chunks
// that sum to the same count (`tosim derive` spreads them over the cores).
//===----------------------------------------------------------------------===//
import TosimCells
import TosimNetlist
import TosimSim

/// Switching counted under a delay model.
public struct TimedSwitching: Sendable {
  /// Mean switched transistor gates per operation (vector transition).
  public var mean = 0.0
  /// Switched transistor gates of every transition, in stream order.
  public var perVector: [Int] = []
  /// Transitions of every flat node over the whole stream.
  public var transitions: [Int] = []

  /// Simulates `netlist` on `inputs` (one array per input bus, `⌈width/64⌉`
  /// limbs per vector) with `model`'s delays.
  ///
  /// - Throws: `InputError` when a cell has no subcircuit (models other than
  ///   `unit`), what `FlatCircuit` throws for an invalid netlist.
  public static func measure(
    _ netlist: Netlist, inputs: [[UInt64]], model: NodeDelays.Model, isInertial: Bool,
    subcircuits: [String: Subcircuit], minimumLength: Double
  ) throws -> TimedSwitching {
    let timing = try Timing(
      netlist, circuit: FlatCircuit(netlist), model: model, isInertial: isInertial, subcircuits: subcircuits,
      minimumLength: minimumLength)
    let circuit = timing.circuit
    let simulator = WordTimingSimulator(circuit, delays: timing.delays, isInertial: isInertial, wordsPerNode: 1)
    let limbs = circuit.inputNodes.map { ($0.count + 63) / 64 }
    let count = inputs.isEmpty ? 0 : inputs[0].count / max(1, limbs[0])
    simulator.run(inputs, vectors: 0..<count)
    var result = TimedSwitching()
    result.perVector = simulator.perVectorSwitchedGates
    result.transitions = simulator.transitionCounts
    result.mean = Double(simulator.switchedGateCount) / Double(max(1, count - 1))
    return result
  }
}

extension TimedSwitching {
  /// A circuit with its node delays, ready to be timed chunk by chunk.
  public struct Timing: Sendable {
    /// The flattened circuit.
    public var circuit: FlatCircuit
    /// Each node's delay in ticks.
    public var delays: [Int]
    /// Whether pulses shorter than a node's delay are filtered.
    public var isInertial: Bool

    /// The delays of `circuit` (flattened from `netlist`) under `model`.
    ///
    /// - Throws: `InputError` when a cell has no subcircuit (models other
    ///   than `unit`).
    public init(
      _ netlist: Netlist, circuit: FlatCircuit, model: NodeDelays.Model, isInertial: Bool,
      subcircuits: [String: Subcircuit], minimumLength: Double
    ) throws {
      self.circuit = circuit
      delays = try NodeDelays.delays(
        model, netlist: netlist, circuit: circuit, subcircuits: subcircuits, minimumLength: minimumLength)
      self.isInertial = isInertial
    }

    /// Switched transistor gates of the transitions into the vectors of
    /// `range` (inputs as for `measure`); the vector before `range` settles
    /// uncounted, so chunks that cover a stream sum to its whole count.
    public func switchedGates(_ inputs: [[UInt64]], vectors range: Range<Int>) -> Int {
      let simulator = WordTimingSimulator(
        circuit, delays: delays, isInertial: isInertial, wordsPerNode: 1, recordsPerVector: false)
      simulator.run(inputs, vectors: max(0, range.lowerBound - 1)..<range.upperBound)
      return simulator.switchedGateCount
    }
  }
}
