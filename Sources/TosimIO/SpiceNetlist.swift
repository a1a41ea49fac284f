//===--- SpiceNetlist.swift ------------------------------------------------===//
// A unit written as SPICE by SpiceWriter: the deck text (the cell
// subcircuits used, then the unit as one `.SUBCKT`) and the node names of its
// ports, which the testbench writer (`tosim export spice --testbench`)
// drives, loads and samples.
//===----------------------------------------------------------------------===//

/// A flat SPICE netlist of a unit and its port nodes.
public struct SpiceNetlist: Sendable {
  /// The netlist text: header comments, cell subcircuits, the unit's `.SUBCKT`.
  public var text: String
  /// The unit's subcircuit name.
  public var name: String
  /// The node of every input bit, per input bus (`a_0`, `a_1`, …, `cin`).
  public var inputNodes: [[String]]
  /// The node of every output bit, per output bus.
  public var outputNodes: [[String]]
  /// The unit's port order on its `.SUBCKT` card: inputs, outputs, VDD, VSS.
  public var ports: [String] { inputNodes.flatMap { $0 } + outputNodes.flatMap { $0 } + ["VDD", "VSS"] }
  /// Transistors written.
  public var transistorCount: Int
  /// The smallest channel length among the devices, in metres.
  public var minimumLength: Double
}
