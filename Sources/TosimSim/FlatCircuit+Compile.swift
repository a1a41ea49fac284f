//===--- FlatCircuit+Compile.swift -----------------------------------------===//
// Flattening: validates the netlist, orders its instances topologically,
// expands each into its cell nodes, drops fanins a node does not depend on,
// matches each node to a word operation and computes gate loads and levels.
// Internal nodes that merely copy or invert an input or an output of their
// cell (inverter stages, a mirror adder's carry-bar) toggle exactly when that
// node does, so they are folded into its gate load instead of simulated.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension FlatCircuit {
  /// Flattens `netlist`.
  ///
  /// - Throws: `InputError` from `Netlist.validate()` (undriven nets, several
  ///   drivers, loops).
  /// - Complexity: O(nodes) after validation.
  public init(_ netlist: Netlist) throws {
    let order = try netlist.validate()
    let library = netlist.library
    var nodeOfNet = [Int](repeating: -1, count: netlist.netCount)
    var matches: [CellNodeKey: CellNodeMatch] = [:]

    func append(op: GateOp, fanins list: [Int], function: TruthTable, level: Int, instance: Int) {
      ops.append(op)
      var padded = list.map(Int32.init)
      padded += [Int32](repeating: 0, count: Self.maximumFaninCount - list.count)
      fanins += padded
      functions.append(function)
      gateLoads.append(0)
      levels.append(level)
      instanceOfNode.append(instance)
    }
    append(op: .const0, fanins: [], function: TruthTable(bits: 0, inputCount: 0), level: 0, instance: -1)
    append(op: .const1, fanins: [], function: TruthTable(bits: 1, inputCount: 0), level: 0, instance: -1)
    nodeOfNet[Netlist.constant0.index] = 0
    nodeOfNet[Netlist.constant1.index] = 1
    for bus in netlist.inputs {
      inputNames.append(bus.name)
      var nodes: [Int] = []
      for net in bus.nets {
        nodeOfNet[net.index] = ops.count
        nodes.append(ops.count)
        append(op: .input, fanins: [], function: TruthTable(bits: 0, inputCount: 0), level: 0, instance: -1)
      }
      inputNodes.append(nodes)
    }

    for instanceIndex in order {
      let instance = netlist.instances[instanceIndex]
      let cell = library[instance.cell]
      let inputNodesOfCell = instance.inputs.map { nodeOfNet[$0.index] }
      var nodeOfCellNode: [Int] = []
      for (k, cellNode) in cell.nodes.enumerated() {
        // An internal node toggles exactly when the node it copies or
        // inverts does (an input, or an output of the same cell), in
        // zero-delay and unit-delay alike: charge its gate load there
        // instead of simulating it.
        if !cellNode.isOutput, let twin = Self.twin(of: k, in: cell, inputNodes: inputNodesOfCell, outputNodes: nodeOfCellNode) {
          gateLoads[twin] += cellNode.gateLoad
          nodeOfCellNode.append(twin)
          continue
        }
        // Keep only the fanins the node depends on; the match depends only
        // on the cell node, so it is done once per cell node and reused.
        let key = CellNodeKey(cell: instance.cell.index, node: k)
        let match: CellNodeMatch
        if let known = matches[key] {
          match = known
        } else {
          let used = (0..<cell.inputs.count).filter { cellNode.function.dependsOn($0) }
          let reduced = TruthTable(inputCount: used.count) { values in
            var full = [Bool](repeating: false, count: cell.inputs.count)
            for (i, original) in used.enumerated() { full[original] = values[i] }
            return cellNode.function.value(full)
          }
          let (op, permutation) = GateOp.match(reduced)
          match = CellNodeMatch(
            op: op, operands: permutation.map { used[$0] },
            function: op == .generic ? reduced : reduced.permuted(permutation))
          matches[key] = match
        }
        let op = match.op, function = match.function
        let operandNodes = match.operands.map { inputNodesOfCell[$0] }
        let level = 1 + (operandNodes.map { levels[$0] }.max() ?? 0)
        let node = ops.count
        append(op: op, fanins: operandNodes, function: function, level: level, instance: instanceIndex)
        gateLoads[node] += cellNode.gateLoad
        nodeOfCellNode.append(node)
        if cellNode.isOutput { nodeOfNet[instance.outputs[k].index] = node }
      }
      for (port, net) in instance.inputs.enumerated() {
        gateLoads[nodeOfNet[net.index]] += cell.inputGateLoads[port]
      }
    }
    // Constants never toggle; keep their load at zero for clarity.
    gateLoads[0] = 0
    gateLoads[1] = 0
    outputNames = netlist.outputs.map(\.name)
    outputNodes = netlist.outputs.map { $0.nets.map { nodeOfNet[$0.index] } }
    self.nodeOfNet = nodeOfNet
    instanceCount = netlist.instances.count
    transistorCount = netlist.transistorCount
  }

  /// The node whose toggles equal those of internal cell node `k`: an input
  /// it buffers or inverts, or an earlier node of the same cell with the same
  /// or the complementary function.
  public static func twin(of k: Int, in cell: Cell, inputNodes: [Int], outputNodes: [Int]) -> Int? {
    let function = cell.nodes[k].function
    let all = TruthTable.mask(function.inputCount)
    for i in cell.inputs.indices {
      let input = TruthTable(inputCount: cell.inputs.count) { $0[i] }
      if function.bits == input.bits || function.bits == ~input.bits & all { return inputNodes[i] }
    }
    for j in 0..<min(k, outputNodes.count) {
      let other = cell.nodes[j].function
      if function.bits == other.bits || function.bits == ~other.bits & all { return outputNodes[j] }
    }
    return nil
  }
}

/// A node of a library cell, as a dictionary key.
private struct CellNodeKey: Hashable {
  let cell: Int
  let node: Int
}

/// A cell node matched to a word operation: the operation, the cell input
/// ports that feed its operands (in operand order) and its function.
private struct CellNodeMatch {
  let op: GateOp
  let operands: [Int]
  let function: TruthTable
}
