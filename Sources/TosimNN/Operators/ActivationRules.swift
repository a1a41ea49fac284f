//===--- ActivationRules.swift ---------------------------------------------===//
// Rules of the activation functions: the forward op mix per output element
// (composites such as sigmoid, gelu and softmax are single ops whose cost comes
// from the cost table's recipe rows) and the derivative's per-element op mix
// (docs/network-counter.md, §Counting rules and §Training).
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
    // y × (g − Σ g y)
    .perElement("Softmax", shape: axisChecked, forward: [(.softmax, 1)], backward: [(.mul, 2), (.add, 1), (.sub, 1)])
      .withPasses(KernelPasses(forwardInference: 2, backward: 1)),  // max, exp-sum, normalise; Σ g y, then the gradient
    // g − softmax × Σ g
    .perElement("LogSoftmax", shape: axisChecked, forward: [(.softmax, 1), (.log, 1)],
      backward: [(.exp, 1), (.mul, 1), (.add, 1), (.sub, 1)]).withPasses(KernelPasses(forwardInference: 2, backward: 1)),
  ]

  /// The input's shape, after checking that a given `axis` attribute lies in `-rank..<rank`.
  public static let axisChecked: ShapeRule = { c in
    let x = try c.input(0)
    if c.node.attribute("axis") != nil { _ = try c.axis(try c.int("axis", default: -1), rank: x.shape.count) }
    return [ResolvedTensor(element: x.element, shape: x.shape)]
  }
}
