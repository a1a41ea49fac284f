//===--- RecurrentRules.swift ----------------------------------------------===//
// Rules of the recurrent layers RNN, LSTM and GRU: output layouts (layout 0
// and 1), [W R] · [x; h] products per gate row, step and direction, the gate
// arithmetic, backpropagation through time as 2 × every forward count, and
// the sequential steps: one kernel per time step and direction, each
// re-reading the recurrent weight R (docs/network-counter.md, §Counting rules
// and §Training).
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// Recurrent layers: each with its gate count and per-step gate arithmetic for hidden size h.
  public static let recurrentRules: [OperatorRule] = [
    recurrent("RNN", gates: 1) { h in [(.tanh, h)] },
    recurrent("LSTM", gates: 4) { h in [(.sigmoid, 3 * h), (.tanh, 2 * h), (.mul, 3 * h), (.add, h)] },
    recurrent("GRU", gates: 3) { h in [(.sigmoid, 2 * h), (.tanh, h), (.mul, 3 * h), (.sub, h), (.add, h)] },
  ]

  /// The sizes of a recurrent node.
  struct Recurrence {
    var sequence: Int, batch: Int, input: Int, hidden: Int, directions: Int, gates: Int
  }

  /// A recurrent operator with `gates` gate rows per hidden unit and per-step gate arithmetic `gateOps(h)`.
  ///
  /// `gateOps` multiplies h by at most 3; h is at most the weight's row count, so it cannot overflow.
  static func recurrent(_ opType: String, gates: Int, gateOps: @escaping @Sendable (Int) -> [(ArithmeticOperation, Int)]) -> OperatorRule {
    OperatorRule(opType, shape: { c in
      let x = try c.input(0)
      let r = try recurrence(c, gates: gates)
      let layout = try c.int("layout", default: 0)
      let y = layout == 0 ? [r.sequence, r.directions, r.batch, r.hidden] : [r.batch, r.sequence, r.directions, r.hidden]
      let state = layout == 0 ? [r.directions, r.batch, r.hidden] : [r.batch, r.directions, r.hidden]
      return [ResolvedTensor(element: x.element, shape: y)]
        + Array(repeating: ResolvedTensor(element: x.element, shape: state), count: max(0, c.node.outputs.count - 1))
    }, forward: { c, _ in
      let r = try recurrence(c, gates: gates)
      let steps = try Checked.product(r.sequence, r.batch, r.directions)
      let gateRows = try Checked.multiply(r.gates, r.hidden)
      let h = r.hidden
      // Per step and direction: [W R] · [x; h] for every gate row, then the gate arithmetic.
      let rowMACs = try Checked.multiply(gateRows, try Checked.add(r.input, h))
      let step = try OpCounts([(.mul, rowMACs), (.add, try Checked.multiply(gateRows, try Checked.add(r.input, h - 1)))])
      let biasAdds = c.optionalInput(3) != nil ? try Checked.multiply(steps, try Checked.multiply(2, gateRows)) : 0
      var ops = try step.scaled(by: steps)
      try ops.add(.add, biasAdds)
      let gate = try OpCounts(gateOps(h).map { ($0.0, $0.1) })
      return try .products(ops: ops, macs: try Checked.multiply(steps, rowMACs), biasAdds: biasAdds, extra: try gate.scaled(by: steps))
    }, backward: { _, _, forward in
      // Backpropagation through time: ≈ 2 × every forward count.
      var pass = PassCount()
      pass.ops = try forward.ops.scaled(by: 2)
      pass.macCount = try Checked.multiply(2, forward.macCount)
      pass.flopCount = try Checked.multiply(2, forward.flopCount)
      return pass
    }).withSequence { c in
      let r = try recurrence(c, gates: gates)
      let weight = try c.input(2).byteCount()
      return SequentialSteps(
        steps: try Checked.multiply(r.sequence, r.directions), rereadBytes: try Checked.multiply(max(0, r.sequence - 1), weight, "byte count"))
    }
  }

  /// The sizes of a recurrent node with `gates` gate rows per hidden unit, checked against its weight.
  static func recurrence(_ c: NodeContext, gates: Int) throws -> Recurrence {
    let x = try c.input(0, minimumRank: 3)
    let w = try c.input(1, minimumRank: 3)
    let layout = try c.int("layout", default: 0)
    let direction = try c.string("direction", default: "forward")
    guard ["forward", "reverse", "bidirectional"].contains(direction) else {
      throw c.error("attribute 'direction' is '\(direction)', expected forward, reverse or bidirectional")
    }
    let directions = direction == "bidirectional" ? 2 : 1
    let hidden = try c.int("hidden_size", default: w.shape[1] / gates)
    guard x.shape.count == 3, w.shape.count == 3, w.shape[0] == directions, hidden >= 1, hidden <= w.shape[1] / gates,
      w.shape[1] == gates * hidden, w.shape[2] == x.shape[2]
    else {
      throw c.error("inconsistent shapes: X \(x.shape), W \(w.shape), hidden_size \(hidden), \(directions) direction(s)")
    }
    let (sequence, batch) = layout == 0 ? (x.shape[0], x.shape[1]) : (x.shape[1], x.shape[0])
    return Recurrence(sequence: sequence, batch: batch, input: x.shape[2], hidden: hidden, directions: directions, gates: gates)
  }
}
