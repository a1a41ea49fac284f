//===--- ElementwiseRules.swift --------------------------------------------===//
// Rules of elementwise arithmetic: Add, Sub, Mul, Div, Pow with numpy
// broadcasting, and the unary Neg, Abs, Sqrt, Exp, Log, Reciprocal and Erf.
// Counts are per output element; broadcast inputs receive summed gradients
// (docs/network-counter.md, §Counting rules and §Training).
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// Elementwise arithmetic.
  public static let elementwiseRules: [OperatorRule] = [
    OperatorRule("Add", shape: broadcastShape, forward: { _, e in try .arithmetic(.perElement([(.add, 1)], e)) },
      backward: { c, e, _ in try .arithmetic(try summedGradients(c, e)) }),
    OperatorRule("Sub", shape: broadcastShape, forward: { _, e in try .arithmetic(.perElement([(.sub, 1)], e)) },
      backward: { c, e, _ in
        var ops = try summedGradients(c, e)
        try ops.add(.sub, e)
        return try .arithmetic(ops)
      }),
    .perElement("Mul", shape: broadcastShape, forward: [(.mul, 1)], backward: [(.mul, 2)]),  // g × b and g × a
    .perElement("Div", shape: broadcastShape, forward: [(.div, 1)], backward: [(.div, 2), (.mul, 2)]),  // g / b and −g a / b²
    OperatorRule("Pow", shape: broadcastShape, forward: { c, e in
      let exponent = c.optionalInput(1)?.floatValues ?? c.optionalInput(1)?.integerValues?.map(Double.init)
      if let exponent, exponent.count == 1 {
        if exponent[0] == 2 { return try .arithmetic(.perElement([(.mul, 1)], e)) }
        if exponent[0] == 0.5 { return try .arithmetic(.perElement([(.sqrt, 1)], e)) }
        if exponent[0] == 1 { return PassCount() }
      }
      return try .arithmetic(.perElement([(.log, 1), (.mul, 1), (.exp, 1)], e))  // x^y = exp(y × log x)
    }, backward: { _, e, _ in try .arithmetic(.perElement([(.mul, 2), (.div, 1)], e)) }),  // g × p × y / x
    .perElement("Neg", forward: [(.sub, 1)], backward: [(.sub, 1)]),
    .perElement("Abs", forward: [(.compare, 1)], backward: [(.compare, 1)]),
    .perElement("Sqrt", forward: [(.sqrt, 1)], backward: [(.mul, 1), (.div, 1)]),  // g / (2 y)
    .perElement("Exp", forward: [(.exp, 1)], backward: [(.mul, 1)]),
    .perElement("Log", forward: [(.log, 1)], backward: [(.div, 1)]),
    .perElement("Reciprocal", forward: [(.div, 1)], backward: [(.mul, 2)]),  // −g × y²
    .perElement("Erf", forward: [(.erf, 1)], backward: [(.exp, 1), (.mul, 3)]),  // g × 2/√π × exp(−x²)
  ]

  /// The shape rule of binary operators: the numpy broadcast of inputs 0 and 1, in input 0's type.
  public static let broadcastShape: ShapeRule = { c in
    let x = try c.input(0)
    return [ResolvedTensor(element: x.element, shape: try broadcast(x.shape, try c.input(1).shape, c))]
  }

  /// The adds that sum the output gradient into each broadcast input.
  static func summedGradients(_ c: NodeContext, _ e: Int) throws -> OpCounts {
    var ops = OpCounts()
    for input in c.inputs.compactMap({ $0 }) { try ops.add(.add, max(0, e - (try input.elementCount()))) }
    return ops
  }

  /// The numpy broadcast of two shapes.
  static func broadcast(_ a: [Int], _ b: [Int], _ c: NodeContext) throws -> [Int] {
    let rank = max(a.count, b.count)
    let pa = Array(repeating: 1, count: rank - a.count) + a
    let pb = Array(repeating: 1, count: rank - b.count) + b
    return try zip(pa, pb).map { x, y in
      if x == y || y == 1 { return x }
      if x == 1 { return y }
      throw c.error("inconsistent shapes: \(a) and \(b) do not broadcast")
    }
  }
}
