//===--- FlatCircuit+CellNodes.swift ---------------------------------------===//
// Which flattened node carries each cell node of each instance: its own
// node, or (for an internal node that copies or inverts an input or an
// earlier node of its cell, FlatCircuit.twin) that node's. Per-node
// physical estimates — switched capacitance (TosimCost/SwitchedCapacitance)
// and delays (TosimCost/NodeDelays) — are attached to the flat nodes with it.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension FlatCircuit {
  /// For every instance of `netlist` (which this circuit flattens), the flat
  /// node of each of its cell's nodes, and whether it is the cell node's own
  /// (false: a folded twin; 0 for a node that was swept away).
  public func cellNodeMap(_ netlist: Netlist) -> [[(node: Int, isOwn: Bool)]] {
    var nodesOfInstance = [[Int]](repeating: [], count: netlist.instances.count)
    for node in firstCellNode..<nodeCount where instanceOfNode[node] >= 0 {
      nodesOfInstance[instanceOfNode[node]].append(node)
    }
    return netlist.instances.enumerated().map { index, instance in
      let cell = netlist.library[instance.cell]
      let inputNodes = instance.inputs.map { nodeOfNet[$0.index] }
      var own = nodesOfInstance[index].makeIterator()
      var flatOfCellNode: [Int] = []
      var result: [(node: Int, isOwn: Bool)] = []
      for (k, cellNode) in cell.nodes.enumerated() {
        if !cellNode.isOutput, let twin = Self.twin(of: k, in: cell, inputNodes: inputNodes, outputNodes: flatOfCellNode) {
          result.append((twin, false))
          flatOfCellNode.append(twin)
        } else if let next = own.next() {
          result.append((next, true))
          flatOfCellNode.append(next)
        } else {
          result.append((0, false))  // swept node with no flat counterpart: never toggles
          flatOfCellNode.append(0)
        }
      }
      return result
    }
  }
}
