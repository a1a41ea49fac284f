//===--- ActivationRules.swift ---------------------------------------------===//
// Rules of the activation functions: the forward op mix per output element
// (composites such as sigmoid, gelu and softmax are single ops whose cost comes
// from the cost table's recipe rows) and the derivative's per-element op mix
// (docs/network-counter.md, §Counting rules and §Training). Clip, Mish,
// Softsign, ThresholdedRelu and Celu cover the activations raw PyTorch
// exports use (ReLU6 is a Clip).
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// Activation functions.
  public static let activationRules: [OperatorRule] = [
    .perElement("Relu", forward: [(.compare, 1)], backward: [(.compare, 1)]),  // g × [x > 0] is a select on the sign
    .perElement("LeakyRelu", forward: [(.compare, 1), (.mul, 1)], backward: [(.compare, 1), (.mul, 1)]),
    // dx, and d(slope) accumulated.
    .perElement("PRelu", shape: broadcastShape, forward: [(.compare, 1), (.mul, 1)],
      backward: [(.compare, 1), (.mul, 2), (.add, 1)]),
    .perElement("Sigmoid", forward: [(.sigmoid, 1)], backward: [(.sub, 1), (.mul, 2)]),  // g × y × (1 − y)
    .perElement("Tanh", forward: [(.tanh, 1)], backward: [(.mul, 2), (.sub, 1)]),  // g × (1 − y²)
    .perElement("Gelu", forward: [(.gelu, 1)], backward: [(.erf, 1), (.exp, 1), (.mul, 6), (.add, 2)]),  // g × (Φ(x) + x φ(x))
    // g × σ (1 + x (1 − σ))
    .perElement("Silu", forward: [(.silu, 1)], backward: [(.sigmoid, 1), (.sub, 1), (.mul, 3), (.add, 1)]),
    .perElement("Elu", forward: [(.elu, 1)], backward: [(.compare, 1), (.add, 1), (.mul, 1)]),  // g × (y + α) below 0
    .perElement("Selu", forward: [(.elu, 1), (.mul, 1)], backward: [(.compare, 1), (.add, 1), (.mul, 2)]),
    .perElement("Softplus", forward: [(.softplus, 1)], backward: [(.sigmoid, 1), (.mul, 1)]),  // g × σ(x)
    .perElement("HardSigmoid", forward: [(.mul, 1), (.add, 1), (.compare, 2)], backward: [(.compare, 2), (.mul, 1)]),
    .perElement("HardSwish", forward: [(.mul, 2), (.add, 1), (.compare, 2)], backward: [(.compare, 2), (.mul, 2), (.add, 1)]),
    // min/max with the bounds that are given (inputs 1 and 2 from opset 11, attributes before); the gradient is masked.
    OperatorRule("Clip", metadataInputs: [1, 2], shape: clipShape, forward: { c, e in
      try .arithmetic(.perElement([(.compare, try clipBoundCount(c))], e))
    }, backward: { c, e, _ in try .arithmetic(.perElement([(.compare, try clipBoundCount(c))], e)) }),
    // x × tanh(softplus(x)); gradient tanh(sp) + x σ(x) (1 − tanh²(sp)), times g.
    .perElement("Mish", forward: [(.softplus, 1), (.tanh, 1), (.mul, 1)],
      backward: [(.softplus, 1), (.tanh, 1), (.sigmoid, 1), (.mul, 4), (.sub, 1), (.add, 1)]),
    // x / (1 + |x|); gradient g / (1 + |x|)².
    .perElement("Softsign", forward: [(.compare, 1), (.add, 1), (.div, 1)], backward: [(.compare, 1), (.add, 1), (.mul, 1), (.div, 1)]),
    .perElement("ThresholdedRelu", forward: [(.compare, 1)], backward: [(.compare, 1)]),
    // α × elu(x / α); gradient 1 above 0, else y / α + 1.
    .perElement("Celu", shape: celuShape, forward: [(.div, 1), (.elu, 1), (.mul, 1)],
      backward: [(.compare, 1), (.div, 1), (.add, 1), (.mul, 1)]),
    // y × (g − Σ g y)
    .perElement("Softmax", shape: axisChecked, forward: [(.softmax, 1)], backward: [(.mul, 2), (.add, 1), (.sub, 1)])
      .withPasses(KernelPasses(forwardInference: 2, backward: 1)),  // max, exp-sum, normalise; Σ g y, then the gradient
    // g − softmax × Σ g
    .perElement("LogSoftmax", shape: axisChecked, forward: [(.softmax, 1), (.log, 1)],
      backward: [(.exp, 1), (.mul, 1), (.add, 1), (.sub, 1)]).withPasses(KernelPasses(forwardInference: 2, backward: 1)),
  ]

  /// The number of Clip bounds given (0, 1 or 2).
  static func clipBoundCount(_ c: NodeContext) throws -> Int {
    if c.opsetVersion >= 11 { return [1, 2].filter { c.optionalInput($0) != nil }.count }
    return try ["min", "max"].filter { name in
      if c.node.attribute(name) == nil { return false }
      _ = try c.float(name, default: 0)
      return true
    }.count
  }

  /// Clip's shape: input 0's, after checking that given bounds are scalars.
  static let clipShape: ShapeRule = { c in
    if c.opsetVersion >= 11 {
      for i in [1, 2] {
        if let bound = c.optionalInput(i), try bound.elementCount() != 1 {
          throw c.error("\(i == 1 ? "min" : "max") (input \(i)) must be a scalar, got shape \(bound.shape)")
        }
      }
    } else {
      _ = try clipBoundCount(c)
    }
    return try sameAsInput(c)
  }

  /// Celu's shape: input 0's, after checking that `alpha` is a non-zero number.
  static let celuShape: ShapeRule = { c in
    let alpha = try c.float("alpha", default: 1)
    guard alpha != 0, alpha.isFinite else { throw c.error("attribute 'alpha' is \(alpha), expected a finite non-zero number") }
    return try sameAsInput(c)
  }

  /// The input's shape, after checking that a given `axis` attribute lies in `-rank..<rank`.
  public static let axisChecked: ShapeRule = { c in
    let x = try c.input(0)
    if c.node.attribute("axis") != nil { _ = try c.axis(try c.int("axis", default: -1), rank: x.shape.count) }
    return [ResolvedTensor(element: x.element, shape: x.shape)]
  }
}
