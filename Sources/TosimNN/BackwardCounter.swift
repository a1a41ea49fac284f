//===--- BackwardCounter.swift ---------------------------------------------===//
// Per-operator backward counting rules for training: input and weight
// gradients of MAC layers (2 × forward MACs), activation derivatives with
// documented per-element counts, and the bytes gradients move. The table is
// repeated in docs/network-counter.md, §Training; E is the number of output
// elements of the forward node.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

/// Backward-pass counting rules per operator.
public enum BackwardCounter {
  /// Per output element op counts of each elementwise operator's derivative.
  public static let perElement: [String: [(ArithmeticOperation, Int)]] = [
    "Relu": [(.compare, 1)],  // g × [x > 0] is a select on the sign
    "LeakyRelu": [(.compare, 1), (.mul, 1)],
    "PRelu": [(.compare, 1), (.mul, 2), (.add, 1)],  // dx, and d(slope) accumulated
    "Sigmoid": [(.sub, 1), (.mul, 2)],  // g × y × (1 − y)
    "Tanh": [(.mul, 2), (.sub, 1)],  // g × (1 − y²)
    "Silu": [(.sigmoid, 1), (.sub, 1), (.mul, 3), (.add, 1)],  // g × σ (1 + x (1 − σ))
    "Gelu": [(.erf, 1), (.exp, 1), (.mul, 6), (.add, 2)],  // g × (Φ(x) + x φ(x))
    "Elu": [(.compare, 1), (.add, 1), (.mul, 1)],  // g × (y + α) below 0
    "Selu": [(.compare, 1), (.add, 1), (.mul, 2)],
    "Softplus": [(.sigmoid, 1), (.mul, 1)],  // g × σ(x)
    "HardSigmoid": [(.compare, 2), (.mul, 1)],
    "HardSwish": [(.compare, 2), (.mul, 2), (.add, 1)],
    "Softmax": [(.mul, 2), (.add, 1), (.sub, 1)],  // y × (g − Σ g y)
    "LogSoftmax": [(.exp, 1), (.mul, 1), (.add, 1), (.sub, 1)],  // g − softmax × Σ g
    "Add": [], "Sub": [(.sub, 1)], "Neg": [(.sub, 1)],
    "Mul": [(.mul, 2)],  // g × b and g × a
    "Div": [(.div, 2), (.mul, 2)],  // g / b and −g a / b²
    "Pow": [(.mul, 2), (.div, 1)],  // g × p × y / x
    "Sqrt": [(.mul, 1), (.div, 1)],  // g / (2 y)
    "Exp": [(.mul, 1)], "Log": [(.div, 1)],
    "Reciprocal": [(.mul, 2)],  // −g × y²
    "Erf": [(.exp, 1), (.mul, 3)],  // g × 2/√π × exp(−x²)
    "Abs": [(.compare, 1)],
    "MaxPool": [(.add, 1)], "GlobalMaxPool": [(.compare, 0)],  // routed to the arg-max (overlaps accumulate)
    "BatchNormalization": [(.mul, 3), (.add, 4), (.sub, 1)],
    "LayerNormalization": [(.mul, 3), (.add, 4), (.sub, 1)],
  ]

  /// The backward pass of a node whose forward pass is `forward`.
  public static func count(_ c: NodeContext, forward: PassCount) throws -> PassCount {
    let op = c.node.opType
    var pass = PassCount()
    if ForwardCounter.viewOps.contains(op) { return pass }
    // Gradients of everything read are written; the saved inputs, weights and output gradient are read.
    pass.bytesRead = try Checked.add(forward.bytesRead, forward.bytesWritten, "byte count")
    pass.bytesWritten = forward.bytesRead
    if ForwardCounter.copyOps.contains(op) {
      pass.bytesRead = forward.bytesWritten
      return pass
    }
    let e = try (c.outputs.first?.elementCount()) ?? 0
    var ops = OpCounts()
    switch op {
    case "Gemm", "MatMul", "Conv", "ConvTranspose":
      // dX = dY · Wᵀ and dW = Xᵀ · dY: each as many MACs as the forward product; bias gradient sums dY.
      let macs = try Checked.multiply(2, forward.macCount, "MAC count")
      let biasAdds = c.optionalInput(2) != nil && op != "MatMul" ? e : 0
      try ops.add(.mul, macs)
      try ops.add(.add, try Checked.add(macs, biasAdds))
      pass.macCount = macs
      pass.flopCount = try Checked.add(try Checked.multiply(2, macs), biasAdds)
      pass.ops = ops
      return pass
    case "RNN", "LSTM", "GRU":
      // Backpropagation through time: ≈ 2 × every forward count.
      pass.ops = try forward.ops.scaled(by: 2)
      pass.macCount = try Checked.multiply(2, forward.macCount)
      pass.flopCount = try Checked.multiply(2, forward.flopCount)
      return pass
    case "AveragePool":
      let window = try Checked.product(try ShapeInference.windowed(c).kernel)
      ops = try OpCounts([(.div, e), (.add, try Checked.multiply(e, window))])
    case "GlobalAveragePool", "ReduceMean":
      ops = try OpCounts([(.div, e)])
    case "ReduceSum", "GlobalMaxPool":
      break
    case "Add", "Sub":
      // Broadcast inputs receive summed gradients.
      for input in c.inputs.compactMap({ $0 }) { try ops.add(.add, e - (try input.elementCount())) }
      if op == "Sub" { try ops.add(.sub, e) }
    default:
      guard let rule = perElement[op] else { throw c.error("no backward counting rule") }
      for (name, k) in rule { try ops.add(name, try Checked.multiply(e, k)) }
      if op == "BatchNormalization" || op == "LayerNormalization" {
        // Per channel (BatchNorm) or group (LayerNorm): the rsqrt scale and the mean terms.
        let x = try c.input(0).shape
        let groups = op == "BatchNormalization" ? x[1] : e / max(1, try Checked.product(Array(x[(try c.axis(try c.int("axis", default: -1), rank: x.count))...])))
        try ops.add(.mul, try Checked.multiply(2, groups))
      }
    }
    pass.ops = ops
    pass.flopCount = try ops.total()
    return pass
  }
}
