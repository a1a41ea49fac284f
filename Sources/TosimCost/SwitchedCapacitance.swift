//===--- SwitchedCapacitance.swift -----------------------------------------===//
// The capacitance-weighted switching prototype: every flattened node's
// toggles (zero-delay) and transitions (unit-delay) weighted by its
// estimated capacitance (CellCapacitance: gate area and diffusion of the
// pins it feeds and of its own cell node) and counted per fan-out for a wire
// term, per operation. A research column for the SPICE validation
// (`tosim export spice --testbench` writes it as `*.TOSIM` annotations); the
// cost tables do not use it.
//===----------------------------------------------------------------------===//
import TosimCells
import TosimFormats
import TosimNetlist
import TosimSim

/// Capacitance switched per operation, by part and timing model.
public struct SwitchedCapacitance: Sendable {
  /// Switched gate capacitance per operation (fF), zero-delay.
  public var gate = 0.0
  /// Switched diffusion capacitance per operation (fF), zero-delay.
  public var diffusion = 0.0
  /// Node toggles × fan-out per operation (for a wire term), zero-delay.
  public var fanout = 0.0
  /// Switched gate capacitance per operation (fF), unit-delay.
  public var glitchGate = 0.0
  /// Switched diffusion capacitance per operation (fF), unit-delay.
  public var glitchDiffusion = 0.0
  /// Node transitions × fan-out per operation, unit-delay.
  public var glitchFanout = 0.0
  /// The simulated outputs, one array of values per output bus.
  public var outputs: [[UInt64]] = []

  /// Simulates `netlist` on `inputs` and weights each node's switching by
  /// its estimated capacitance; the outputs are kept.
  ///
  /// - Parameters:
  ///   - subcircuits: the cells' transistor netlists by upper-case name.
  ///   - minimumLength: Lmin for the diffusion estimate, metres.
  /// - Throws: `InputError` when a cell has no subcircuit; what
  ///   `FlatCircuit` throws for an invalid netlist.
  public static func measure(
    _ netlist: Netlist, subcircuits: [String: Subcircuit], minimumLength: Double, inputs: [[UInt64]],
    parameters: CellCapacitance.Parameters = CellCapacitance.Parameters()
  ) throws -> SwitchedCapacitance {
    let circuit = try FlatCircuit(netlist)
    let (capacitance, fanout) = try nodeCapacitances(
      netlist, circuit: circuit, subcircuits: subcircuits, minimumLength: minimumLength, parameters: parameters)
    let simulator = WordSimulator(circuit, options: SimulationOptions(countsGlitches: true))
    let total = inputs.first?.count ?? 0
    var result = SwitchedCapacitance()
    result.outputs = netlist.outputs.map { _ in [] }
    var start = 0
    while start < total {
      let count = min(simulator.lanesPerBatch, total - start)
      for bus in inputs.indices { simulator.setInput(bus, values: Array(inputs[bus][start..<(start + count)])) }
      simulator.run(laneCount: count)
      for bus in result.outputs.indices { result.outputs[bus] += simulator.output(bus, laneCount: count) }
      start += count
    }
    let transitions = Double(max(1, total - 1))
    for node in 0..<circuit.nodeCount {
      let toggles = Double(simulator.toggleCounts[node]) / transitions
      let glitches = Double(simulator.transitionCounts[node]) / transitions
      result.gate += toggles * capacitance[node].gate
      result.diffusion += toggles * capacitance[node].diffusion
      result.fanout += toggles * Double(fanout[node])
      result.glitchGate += glitches * capacitance[node].gate
      result.glitchDiffusion += glitches * capacitance[node].diffusion
      result.glitchFanout += glitches * Double(fanout[node])
    }
    return result
  }

  /// Capacitance switched per operation by `transitions` (one count per
  /// flat node of `netlist`'s circuit, over `operations` operations — the
  /// timing simulator's transitions), split into the cell nodes' own loads
  /// and the loads the primary inputs drive (charged by the unit's drivers).
  ///
  /// - Throws: `InputError` when a cell has no subcircuit.
  public static func weighted(
    _ netlist: Netlist, transitions: [Int], operations: Int, subcircuits: [String: Subcircuit], minimumLength: Double
  ) throws -> (cells: Capacitance, inputs: Capacitance) {
    let circuit = try FlatCircuit(netlist)
    precondition(transitions.count == circuit.nodeCount, "one transition count per node")
    let (capacitance, _) = try nodeCapacitances(netlist, circuit: circuit, subcircuits: subcircuits, minimumLength: minimumLength)
    var cells = Capacitance(), inputs = Capacitance()
    let scale = 1 / Double(max(1, operations))
    for node in 0..<circuit.nodeCount {
      let c = capacitance[node], t = Double(transitions[node]) * scale
      let switched = Capacitance(gate: t * c.gate, diffusion: t * c.diffusion)
      if node < circuit.firstCellNode { inputs = inputs + switched } else { cells = cells + switched }
    }
    return (cells, inputs)
  }

  /// Each flat node's estimated capacitance (the gate and diffusion of the
  /// pins it feeds and of its own cell node) and its fan-out in cell pins.
  ///
  /// - Throws: `InputError` when a cell has no subcircuit.
  public static func nodeCapacitances(
    _ netlist: Netlist, circuit: FlatCircuit, subcircuits: [String: Subcircuit], minimumLength: Double,
    parameters: CellCapacitance.Parameters = CellCapacitance.Parameters()
  ) throws -> (capacitance: [Capacitance], fanout: [Int]) {
    var capacitance = [Capacitance](repeating: Capacitance(), count: circuit.nodeCount)
    var fanout = [Int](repeating: 0, count: circuit.nodeCount)
    var cellCapacitance: [CellID: CellCapacitance] = [:]
    let cellNodes = circuit.cellNodeMap(netlist)
    for (index, instance) in netlist.instances.enumerated() {
      let cell = netlist.library[instance.cell]
      if cellCapacitance[instance.cell] == nil {
        guard let sub = subcircuits[cell.name.uppercased()] else {
          throw InputError("cell \(cell.name) has no SPICE subcircuit to estimate capacitances from")
        }
        cellCapacitance[instance.cell] = CellCapacitance(cell: cell, subcircuit: sub, minimumLength: minimumLength, parameters: parameters)
      }
      let caps = cellCapacitance[instance.cell]!
      for (port, net) in instance.inputs.enumerated() {
        let node = circuit.nodeOfNet[net.index]
        capacitance[node] = capacitance[node] + caps.inputs[port]
        fanout[node] += 1
      }
      for (k, flat) in cellNodes[index].enumerated() { capacitance[flat.node] = capacitance[flat.node] + caps.nodes[k] }
    }
    capacitance[0] = Capacitance()
    capacitance[1] = Capacitance()

    return (capacitance, fanout)
  }
}
