//===--- ReferenceSimulator.swift ------------------------------------------===//
// A plain one-vector-at-a-time evaluator that works on the Netlist itself
// (cell truth tables, Bool values), independent of flattening and word
// kernels. Tests compare the WordSimulator with it lane by lane.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// A slow, obviously correct simulator of a netlist, one vector at a time.
public struct ReferenceSimulator {
  /// The netlist.
  public let netlist: Netlist
  private let order: [Int]
  /// Value of every net after the last `apply`.
  public private(set) var netValues: [Bool]
  /// Value of every instance's cell nodes after the last `apply`.
  public private(set) var nodeValues: [[Bool]]
  /// Zero-delay switched transistor gates so far.
  public private(set) var switchedGateCount = 0
  /// Unit-delay switched transistor gates so far.
  public private(set) var unitDelaySwitchedGateCount = 0
  private var hasPrevious = false

  /// Creates a reference simulator with all values at 0.
  public init(_ netlist: Netlist) throws {
    self.netlist = netlist
    order = try netlist.validate()
    netValues = [Bool](repeating: false, count: netlist.netCount)
    netValues[Netlist.constant1.index] = true
    nodeValues = netlist.instances.map { [Bool](repeating: false, count: netlist.library[$0.cell].nodes.count) }
  }

  /// Gate load seen by each net: input-port loads of the cells it feeds.
  private var netLoads: [Int] {
    var loads = [Int](repeating: 0, count: netlist.netCount)
    for instance in netlist.instances {
      let cell = netlist.library[instance.cell]
      for (port, net) in instance.inputs.enumerated() { loads[net.index] += cell.inputGateLoads[port] }
    }
    loads[0] = 0
    loads[1] = 0
    return loads
  }

  /// Applies one input vector (`inputs[bus][bit]`), settles the circuit and
  /// adds its zero-delay and unit-delay switching to the totals.
  public mutating func apply(_ inputs: [[Bool]]) {
    let loads = netLoads
    let previousNets = netValues
    let previousNodes = nodeValues
    var nets = netValues
    for (bus, bits) in zip(netlist.inputs, inputs) {
      for (net, bit) in zip(bus.nets, bits) { nets[net.index] = bit }
    }
    // Unit delay: every cell output at step t is its function of step t-1.
    var stepNets = nets
    var stepNodes = previousNodes
    var unitDelay = 0
    for _ in 0...netlist.instances.count {
      var nextNets = stepNets
      var nextNodes = stepNodes
      var changed = false
      for (i, instance) in netlist.instances.enumerated() {
        let cell = netlist.library[instance.cell]
        let inputValues = instance.inputs.map { stepNets[$0.index] }
        for (k, node) in cell.nodes.enumerated() {
          let v = node.function.value(inputValues)
          if v != stepNodes[i][k] {
            changed = true
            unitDelay += node.gateLoad + (node.isOutput ? loads[instance.outputs[k].index] : 0)
          }
          nextNodes[i][k] = v
          if node.isOutput { nextNets[instance.outputs[k].index] = v }
        }
      }
      stepNets = nextNets
      stepNodes = nextNodes
      if !changed { break }
    }
    // Zero delay: evaluate in topological order.
    var nodes = previousNodes
    for i in order {
      let instance = netlist.instances[i]
      let cell = netlist.library[instance.cell]
      let inputValues = instance.inputs.map { nets[$0.index] }
      for (k, node) in cell.nodes.enumerated() {
        nodes[i][k] = node.function.value(inputValues)
        if node.isOutput { nets[instance.outputs[k].index] = nodes[i][k] }
      }
    }
    if hasPrevious {
      var zeroDelay = 0
      for (i, instance) in netlist.instances.enumerated() {
        let cell = netlist.library[instance.cell]
        for (k, node) in cell.nodes.enumerated() where nodes[i][k] != previousNodes[i][k] {
          zeroDelay += node.gateLoad + (node.isOutput ? loads[instance.outputs[k].index] : 0)
        }
      }
      for bus in netlist.inputs {
        for net in bus.nets where nets[net.index] != previousNets[net.index] {
          zeroDelay += loads[net.index]
          unitDelay += loads[net.index]
        }
      }
      switchedGateCount += zeroDelay
      unitDelaySwitchedGateCount += unitDelay
    }
    hasPrevious = true
    netValues = nets
    nodeValues = nodes
  }

  /// The value of output bus `name` as bits, bit 0 first.
  public func output(_ bus: Int) -> [Bool] {
    netlist.outputs[bus].nets.map { netValues[$0.index] }
  }
}
