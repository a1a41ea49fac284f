//===--- NodeDelays.swift --------------------------------------------------===//
// Integer delays of every flattened node for the timing simulator
// (TosimSim/TimingSimulator), from the cells' transistor sizes. A stage's
// delay is its drive resistance times the capacitance it charges,
//   τ(node) = R(node) · C(node),
// R: the mean worst-case pull-up/pull-down path resistance in squares
// (TosimCells/CellDrive, p-channel squares × μn/μp = 2), C: the cell node's
// own diffusion and the gates inside its cell it drives, plus, for an output,
// the input pins of the cells its net feeds (CellCapacitance). A flat node is a function of its cell's
// inputs, so its delay is the sum of the stage delays along the cell's
// internal path to it (a mirror adder's sum waits for its carry stage):
//   d(node) = τ(node) + max over the cell nodes gating its stage of d.
// Delays are in ticks of 1/ticksPerInverterDelay of the reference delay, the
// library's INV driving one INV (τ_ref = R_INV · (C_in,INV + C_own,INV)),
// rounded, at least 1. Models: `unit` (1 tick: the unit-delay count),
// `load` (R = R_INV for every node: delay ∝ load) and `rc` (load / drive).
//===----------------------------------------------------------------------===//
import TosimCells
import TosimFormats
import TosimNetlist
import TosimSim

/// Per-node delays from drive and load.
public enum NodeDelays {
  /// How a node's delay is estimated.
  public enum Model: String, CaseIterable, Sendable {
    /// Every node one tick.
    case unit
    /// Proportional to the capacitance the node charges.
    case load
    /// Capacitance over drive: R · C.
    case rc
  }

  /// Ticks per reference delay (one INV driving one INV).
  public static let ticksPerInverterDelay = 8.0

  /// The delay in ticks of every node of `circuit` (which flattens
  /// `netlist`) under `model`.
  ///
  /// - Throws: `InputError` when a cell has no subcircuit.
  public static func delays(
    _ model: Model, netlist: Netlist, circuit: FlatCircuit, subcircuits: [String: Subcircuit], minimumLength: Double
  ) throws -> [Int] {
    guard model != .unit else { return TimingSimulator.unitDelays(circuit) }
    var drives: [CellID: (CellDrive, CellCapacitance)] = [:]
    func drive(_ id: CellID) throws -> (CellDrive, CellCapacitance) {
      if let known = drives[id] { return known }
      let cell = netlist.library[id]
      guard let sub = subcircuits[cell.name.uppercased()] else {
        throw InputError("cell \(cell.name) has no SPICE subcircuit to estimate its delays from")
      }
      let result = (CellDrive(cell: cell, subcircuit: sub), CellCapacitance(cell: cell, subcircuit: sub, minimumLength: minimumLength))
      drives[id] = result
      return result
    }
    // The reference: the library's INV driving one INV.
    var referenceR = 1.0, referenceTau = 1.0
    if let id = netlist.library.id(named: "INV"), let sub = subcircuits["INV"] {
      let cell = netlist.library[id]
      let inv = CellDrive(cell: cell, subcircuit: sub)
      let caps = CellCapacitance(cell: cell, subcircuit: sub, minimumLength: minimumLength)
      if let output = cell.nodes.firstIndex(where: \.isOutput), inv.resistance[output] > 0 {
        referenceR = inv.resistance[output]
        let load = caps.inputs[0].gate + caps.inputs[0].diffusion + caps.nodes[output].gate + caps.nodes[output].diffusion
        referenceTau = referenceR * max(load, 1e-3)
      }
    }
    // The input-pin load on every net.
    var pinLoad = [Double](repeating: 0, count: netlist.netCount)
    for instance in netlist.instances {
      let caps = try drive(instance.cell).1
      for (port, net) in instance.inputs.enumerated() { pinLoad[net.index] += caps.inputs[port].gate + caps.inputs[port].diffusion }
    }
    var delays = TimingSimulator.unitDelays(circuit)
    let cellNodes = circuit.cellNodeMap(netlist)
    for (index, instance) in netlist.instances.enumerated() {
      let cell = netlist.library[instance.cell]
      let (cellDrive, caps) = try drive(instance.cell)
      var arrival = [Double?](repeating: nil, count: cell.nodes.count)
      func stageCapacitance(_ k: Int) -> Double {
        // Outputs are the cell's first nodes, in the order of the instance's output nets.
        let external = cell.nodes[k].isOutput && k < instance.outputs.count ? pinLoad[instance.outputs[k].index] : 0
        return caps.nodes[k].gate + caps.nodes[k].diffusion + external
      }
      func resolve(_ k: Int, depth: Int) -> Double {
        if let known = arrival[k] { return known }
        let r = model == .load ? referenceR : (cellDrive.resistance[k] > 0 ? cellDrive.resistance[k] : referenceR)
        let before = depth > cell.nodes.count ? 0 : cellDrive.stageInputs[k].map { resolve($0, depth: depth + 1) }.max() ?? 0
        let value = r * stageCapacitance(k) + before
        arrival[k] = value
        return value
      }
      for (k, flat) in cellNodes[index].enumerated() where flat.isOwn {
        delays[flat.node] = max(1, Int((resolve(k, depth: 0) / referenceTau * ticksPerInverterDelay).rounded()))
      }
    }
    return delays
  }
}
