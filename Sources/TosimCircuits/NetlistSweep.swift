//===--- NetlistSweep.swift ------------------------------------------------===//
// Dead-cell removal: a copy of a netlist holding only the instances from
// which some primary output can be reached (as ABC's and Yosys' sweep
// passes do). Generators may place logic whose result is unused — the sum
// bits of an adder used only for its carry, the carry out of a product's
// top column — and `UnitCatalog` sweeps every unit before it is counted.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension Netlist {
  /// A copy without the instances no primary output depends on.
  ///
  /// Inputs and outputs keep their names, widths and order; live instances
  /// keep their relative order. Net numbers change.
  ///
  /// - Throws: `InputError` from `validate()` for an unsound netlist.
  /// - Complexity: O(instances + nets).
  public func sweepingDeadCells() throws -> Netlist {
    let order = try validate()
    let driver = try drivers()
    var isLive = [Bool](repeating: false, count: instances.count)
    var stack: [Int] = []
    for bus in outputs {
      for net in bus.nets {
        if let d = driver[net.index], !isLive[d] {
          isLive[d] = true
          stack.append(d)
        }
      }
    }
    while let instance = stack.popLast() {
      for net in instances[instance].inputs {
        if let d = driver[net.index], !isLive[d] {
          isLive[d] = true
          stack.append(d)
        }
      }
    }
    var copy = Netlist(name: name, library: library)
    var mapped = [NetID?](repeating: nil, count: netCount)
    mapped[Self.constant0.index] = Self.constant0
    mapped[Self.constant1.index] = Self.constant1
    for bus in inputs {
      let fresh = copy.addInput(bus.name, width: bus.width)
      for (old, new) in zip(bus.nets, fresh.nets) { mapped[old.index] = new }
    }
    for index in order where isLive[index] {
      let instance = instances[index]
      let outputs = copy.add(instance.cell, instance.inputs.map { mapped[$0.index]! })
      for (old, new) in zip(instance.outputs, outputs) { mapped[old.index] = new }
    }
    for bus in outputs { copy.addOutput(bus.name, bus.nets.map { mapped[$0.index]! }) }
    return copy
  }
}
