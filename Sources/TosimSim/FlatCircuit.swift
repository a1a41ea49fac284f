//===--- FlatCircuit.swift -------------------------------------------------===//
// A netlist flattened for simulation: every cell instance expands into its
// output and gate-driving internal nodes, each a Boolean function of the
// instance's input nets. Nodes are stored in topological order in flat arrays
// (constants, then primary input bits, then cell nodes), so one forward sweep
// evaluates them all.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// A levelized, flattened circuit ready for word-parallel simulation.
public struct FlatCircuit: Sendable {
  /// The most fanins a node can have.
  public static let maximumFaninCount = TruthTable.maximumInputCount

  /// The node's word operation.
  public internal(set) var ops: [GateOp] = []
  /// Fanin node indices, `maximumFaninCount` per node, in the op's operand order.
  public internal(set) var fanins: [Int32] = []
  /// The node's function over its fanins (in `fanins` order).
  public internal(set) var functions: [TruthTable] = []
  /// Transistor gates that switch when the node toggles: gates inside its own
  /// cell (internal nodes, or outputs fed back) plus the input-port gate loads
  /// of every cell it feeds.
  public internal(set) var gateLoads: [Int] = []
  /// Longest path from a primary input, in cells (inputs and constants are 0).
  public internal(set) var levels: [Int] = []
  /// The cell instance a node belongs to (-1 for constants and inputs).
  public internal(set) var instanceOfNode: [Int] = []
  /// Node indices of every primary input bus, bit 0 first.
  public internal(set) var inputNodes: [[Int]] = []
  /// Node indices of every primary output bus, bit 0 first.
  public internal(set) var outputNodes: [[Int]] = []
  /// Primary input bus names.
  public internal(set) var inputNames: [String] = []
  /// Primary output bus names.
  public internal(set) var outputNames: [String] = []
  /// The node that carries each net's value.
  public internal(set) var nodeOfNet: [Int] = []
  /// Number of cell instances.
  public internal(set) var instanceCount = 0
  /// Number of transistors in all instances.
  public internal(set) var transistorCount = 0

  /// The number of nodes.
  public var nodeCount: Int { ops.count }
  /// The largest node level: cells on the critical path.
  public var depth: Int { levels.max() ?? 0 }
  /// The index of the first node that belongs to a cell.
  public var firstCellNode: Int { 2 + inputNodes.reduce(0) { $0 + $1.count } }

  /// The fanins of `node`, in operand order.
  public func faninList(_ node: Int) -> [Int] {
    let count = functions[node].inputCount
    return (0..<count).map { Int(fanins[node * Self.maximumFaninCount + $0]) }
  }
}
