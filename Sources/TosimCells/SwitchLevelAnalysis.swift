//===--- SwitchLevelAnalysis.swift -----------------------------------------===//
// Switch-level analysis of a transistor netlist (in the spirit of Bryant's
// switch-level model, IEEE Trans. CAD 1984): for every input combination each
// transistor is an open or closed switch, and every node takes the value of
// the supplies or inputs it is connected to through closed switches. Gate
// values are found by iterating to a fixed point, which is monotone for
// combinational cells (a node only ever goes from unknown to a value).
// Reached from the CLI through `tosim cells`.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNetlist

/// Derives a `Cell` from a `Subcircuit` by switch-level analysis.
public enum SwitchLevelAnalysis {
  /// Analyses `subcircuit` over all input combinations.
  ///
  /// - Returns: the cell with each output's and gate-driving node's truth
  ///   table, the transistor count and gate loads.
  /// - Throws: `InputError` naming the cell, node and input combination when
  ///   an output or gate-driving node floats or is driven to both values, and
  ///   when the cell has no outputs or more than six inputs.
  public static func analyse(_ subcircuit: Subcircuit) throws -> Cell {
    let sub = subcircuit
    func fail(_ message: String) -> InputError {
      InputError("cell \(sub.name): \(message)", file: sub.file, line: sub.line)
    }
    let directions = sub.portDirections
    let inputs = zip(sub.ports, directions).filter { $0.1 == .input }.map(\.0)
    let outputs = zip(sub.ports, directions).filter { $0.1 == .output }.map(\.0)
    guard !outputs.isEmpty else { throw fail("has no output port") }
    guard inputs.count <= TruthTable.maximumInputCount else {
      throw fail("has \(inputs.count) inputs; at most \(TruthTable.maximumInputCount) are supported")
    }
    if let call = sub.calls.first {
      throw fail("instantiates subcircuit \(call.subcircuit) (\(call.name)); a cell must be a flat transistor netlist")
    }
    guard !sub.transistors.isEmpty else { throw fail("has no transistors") }

    // Number the nodes: ports first, then internal nodes in order of appearance.
    var nodeNames = sub.ports
    var index: [String: Int] = [:]
    for (i, name) in nodeNames.enumerated() { index[name] = i }
    func node(_ name: String) -> Int {
      if let i = index[name] { return i }
      index[name] = nodeNames.count
      nodeNames.append(name)
      return nodeNames.count - 1
    }
    // Supply nets that are not ports (a global VDD) are supplies too.
    let devices = sub.transistors.map { t in
      (drain: node(t.drain), gate: node(t.gate), source: node(t.source), isN: t.kind == .nmos)
    }
    let nodeCount = nodeNames.count
    var fixedValue = [Int8](repeating: -1, count: nodeCount)
    for (i, name) in nodeNames.enumerated() {
      let direction = i < sub.ports.count ? directions[i] : nil
      if direction == .power || (direction == nil && Subcircuit.powerNames.contains(name)) { fixedValue[i] = 1 }
      if direction == .ground || (direction == nil && Subcircuit.groundNames.contains(name)) { fixedValue[i] = 0 }
    }
    let inputNodes = inputs.map { index[$0]! }
    var gateLoad = [Int](repeating: 0, count: nodeCount)
    for d in devices { gateLoad[d.gate] += 1 }

    // The nodes whose values matter: outputs, then internal nodes driving gates.
    let outputNodes = outputs.map { index[$0]! }
    let internalNodes = (sub.ports.count..<nodeCount).filter { gateLoad[$0] > 0 && fixedValue[$0] < 0 }
    let tracked = outputNodes + internalNodes
    var tables = [UInt64](repeating: 0, count: tracked.count)
    var isWeak = [Bool](repeating: false, count: tracked.count)

    let combinationCount = 1 << inputs.count
    for combination in 0..<combinationCount {
      var value = fixedValue
      for (bit, n) in inputNodes.enumerated() { value[n] = Int8(combination >> bit & 1) }
      let isSource = value.map { $0 >= 0 }
      let inputText = zip(inputs, inputNodes).map { "\($0)=\(value[$1])" }.joined(separator: " ")
      var parent = Array(0..<nodeCount)
      // Fixed-point iteration: resolve gates, connect closed switches, assign.
      while true {
        for i in 0..<nodeCount { parent[i] = i }
        func find(_ x: Int) -> Int {
          var x = x
          while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
          }
          return x
        }
        for d in devices {
          let g = value[d.gate]
          if g < 0 || (g == 1) != d.isN { continue }
          let a = find(d.drain), b = find(d.source)
          if a != b { parent[a] = b }
        }
        var componentValue = [Int8](repeating: -1, count: nodeCount)
        for n in 0..<nodeCount where isSource[n] {
          let root = find(n)
          if componentValue[root] >= 0 && componentValue[root] != value[n] {
            let members = (0..<nodeCount).filter { find($0) == root && !isSource[$0] }
            let named = members.first { tracked.contains($0) } ?? members.first ?? n
            throw fail("node \(nodeNames[named]) is driven to both 0 and 1 for inputs \(inputText)")
          }
          componentValue[root] = value[n]
        }
        var changed = false
        for n in 0..<nodeCount where !isSource[n] {
          let v = componentValue[find(n)]
          if v >= 0 && value[n] < 0 {
            value[n] = v
            changed = true
          }
        }
        if !changed { break }
      }
      // Strong drive: reachable from a source of the same value through
      // switches that pass that value without a threshold drop.
      var strong = isSource
      var grew = true
      while grew {
        grew = false
        for d in devices {
          let g = value[d.gate]
          if g < 0 || (g == 1) != d.isN { continue }
          for (from, to) in [(d.drain, d.source), (d.source, d.drain)]
          where strong[from] && !strong[to] && value[to] == value[from] && (value[to] == 0) == d.isN {
            strong[to] = true
            grew = true
          }
        }
      }
      // Internal nodes first: a floating gate is the cause of a floating output.
      for (k, n) in tracked.enumerated().reversed() where value[n] < 0 {
        let role = k < outputNodes.count ? "output" : "gate-driving node"
        throw fail("\(role) \(nodeNames[n]) floats for inputs \(inputText)")
      }
      for (k, n) in tracked.enumerated() {
        if value[n] == 1 { tables[k] |= 1 << UInt64(combination) }
        if !strong[n] { isWeak[k] = true }
      }
    }
    let nodes = tracked.enumerated().map { k, n in
      CellNode(
        name: nodeNames[n], function: TruthTable(bits: tables[k], inputCount: inputs.count),
        gateLoad: gateLoad[n], isOutput: k < outputNodes.count, isWeak: isWeak[k])
    }
    return Cell(
      name: sub.name, inputs: inputs, inputGateLoads: inputNodes.map { gateLoad[$0] }, nodes: nodes,
      transistorCount: devices.count)
  }
}
