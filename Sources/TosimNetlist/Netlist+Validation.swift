//===--- Netlist+Validation.swift ------------------------------------------===//
// Structural checks: every used net driven exactly once, no combinational
// loop (the cycle is printed), and a topological order of the instances.
//===----------------------------------------------------------------------===//
import TosimFormats

extension Netlist {
  /// The instance driving each net (`nil` for constants, primary inputs and
  /// undriven nets).
  ///
  /// - Throws: `InputError` naming the net when it has several drivers.
  public func drivers() throws -> [Int?] {
    var driver = [Int?](repeating: nil, count: netCount)
    var isPrimary = [Bool](repeating: false, count: netCount)
    isPrimary[0] = true
    isPrimary[1] = true
    for bus in inputs { for net in bus.nets { isPrimary[net.index] = true } }
    for (i, instance) in instances.enumerated() {
      for net in instance.outputs {
        if isPrimary[net.index] {
          throw InputError("net \(name(of: net)) is a primary input or constant but is also driven by \(describe(i))")
        }
        if let other = driver[net.index] {
          throw InputError("net \(name(of: net)) has several drivers: \(describe(other)) and \(describe(i))")
        }
        driver[net.index] = i
      }
    }
    return driver
  }

  /// Checks the netlist and returns its instances in topological order
  /// (every instance after the drivers of its inputs).
  ///
  /// - Throws: `InputError` for an undriven net, several drivers, or a
  ///   combinational loop (listing the nets of the cycle).
  /// - Complexity: O(instances + nets).
  public func validate() throws -> [Int] {
    let driver = try drivers()
    var isSource = [Bool](repeating: false, count: netCount)
    isSource[0] = true
    isSource[1] = true
    for bus in inputs { for net in bus.nets { isSource[net.index] = true } }
    func checkDriven(_ net: NetID, usedBy user: String) throws {
      if !isSource[net.index] && driver[net.index] == nil {
        throw InputError("net \(name(of: net)) is undriven but used by \(user)")
      }
    }
    for (i, instance) in instances.enumerated() {
      for net in instance.inputs { try checkDriven(net, usedBy: describe(i)) }
    }
    for bus in outputs { for net in bus.nets { try checkDriven(net, usedBy: "output \(bus.name)") } }

    // Depth-first search with an explicit stack; state 1 = on the stack, 2 = done.
    var state = [UInt8](repeating: 0, count: instances.count)
    var order: [Int] = []
    order.reserveCapacity(instances.count)
    for root in instances.indices where state[root] == 0 {
      var stack: [(instance: Int, nextInput: Int)] = [(root, 0)]
      state[root] = 1
      while let top = stack.last {
        let inputs = instances[top.instance].inputs
        if top.nextInput == inputs.count {
          state[top.instance] = 2
          order.append(top.instance)
          stack.removeLast()
          continue
        }
        stack[stack.count - 1].nextInput += 1
        guard let next = driver[inputs[top.nextInput].index] else { continue }
        switch state[next] {
        case 0:
          state[next] = 1
          stack.append((next, 0))
        case 1:
          let start = stack.firstIndex { $0.instance == next }!
          let cycle = stack[start...].map { describe($0.instance) } + [describe(next)]
          throw InputError("combinational loop: " + cycle.joined(separator: " -> "))
        default: break
        }
      }
    }
    return order
  }

  /// `name (CELL)` for instance `index`, for messages.
  public func describe(_ index: Int) -> String {
    let instance = instances[index]
    let cell = library[instance.cell].name
    let outputs = instance.outputs.map { name(of: $0) }.joined(separator: ",")
    return "\(instance.name ?? "#\(index)") (\(cell) -> \(outputs))"
  }
}
