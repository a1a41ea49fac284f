//===--- Cell.swift --------------------------------------------------------===//
// A library cell as the rest of tosim sees it after switch-level analysis:
// ports, transistor count, and the Boolean function and gate load of every
// node that matters for switching (outputs and gate-driving internal nodes).
// Produced by TosimCells from a SPICE subcircuit; `tosim cells` lists them.
//===----------------------------------------------------------------------===//

/// A node of a cell whose switching costs energy: an output, or an internal
/// node that drives transistor gates.
public struct CellNode: Hashable, Sendable {
  /// The node's name in the subcircuit.
  public let name: String
  /// The node's value as a function of the cell's inputs.
  public let function: TruthTable
  /// Transistor gate terminals inside the cell connected to this node.
  public let gateLoad: Int
  /// Whether the node is one of the cell's output ports.
  public let isOutput: Bool
  /// Whether the node is only ever driven through a threshold-degraded pass
  /// transistor (NMOS passing 1 or PMOS passing 0) for some input.
  public let isWeak: Bool

  /// Creates a cell node.
  public init(name: String, function: TruthTable, gateLoad: Int, isOutput: Bool, isWeak: Bool = false) {
    self.name = name
    self.function = function
    self.gateLoad = gateLoad
    self.isOutput = isOutput
    self.isWeak = isWeak
  }
}

/// A combinational library cell with its switch-level properties.
public struct Cell: Hashable, Sendable {
  /// The cell's name, upper case (`NAND2`, `FA`).
  public let name: String
  /// Input port names in port order; input i is bit i of a truth-table combination.
  public let inputs: [String]
  /// Transistor gate terminals inside the cell connected to each input port.
  public let inputGateLoads: [Int]
  /// Outputs (in output-port order) followed by gate-driving internal nodes.
  public let nodes: [CellNode]
  /// Number of MOSFETs in the cell.
  public let transistorCount: Int

  /// Creates a cell. Output nodes must come first, in port order.
  public init(name: String, inputs: [String], inputGateLoads: [Int], nodes: [CellNode], transistorCount: Int) {
    precondition(inputs.count == inputGateLoads.count)
    precondition(inputs.count <= TruthTable.maximumInputCount)
    self.name = name
    self.inputs = inputs
    self.inputGateLoads = inputGateLoads
    self.nodes = nodes
    self.transistorCount = transistorCount
  }

  /// Output port names in port order.
  public var outputs: [String] { nodes.filter(\.isOutput).map(\.name) }

  /// The number of output ports.
  public var outputCount: Int { nodes.lazy.filter(\.isOutput).count }

  /// The function of output `index`.
  public func outputFunction(_ index: Int) -> TruthTable { nodes[index].function }
}
