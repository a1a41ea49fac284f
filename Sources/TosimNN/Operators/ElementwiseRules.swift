//===--- ElementwiseRules.swift --------------------------------------------===//
// Rules of elementwise arithmetic: Add, Sub, Mul, Div, Pow, Mod with numpy
// broadcasting, and the unary Neg, Abs, Sqrt, Exp, Log, Reciprocal, Erf,
// Floor, Ceil, Round, Sign, Sin and Cos.
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
    // a − floor(a / b) × b (fmod = 1: truncated); the gradient is g for a and −g × floor(a / b) for b.
    .perElement("Mod", shape: modShape, forward: [(.div, 1), (.compare, 1), (.mul, 1), (.sub, 1)], backward: [(.mul, 1), (.sub, 1)]),
    // Rounding masks the fraction bits below the exponent and selects: charged as one compare; zero gradient.
    .perElement("Floor", forward: [(.compare, 1)], backward: []),
    .perElement("Ceil", forward: [(.compare, 1)], backward: []),
    .perElement("Round", forward: [(.compare, 1)], backward: []),
    .perElement("Sign", forward: [(.compare, 1)], backward: []),
    // No sine primitive: range reduction x − round(x / 2π) × 2π, then a degree-11 odd polynomial in
    // Horner form on x² (docs/network-counter.md, §Counting rules); the gradient is the other function × g.
    .perElement("Sin", forward: sineRecipe, backward: sineRecipe + [(.mul, 1)]),
    .perElement("Cos", forward: sineRecipe, backward: sineRecipe + [(.mul, 1)]),
  ]

  /// The recipe of sin and cos: range reduction (2 mul, 1 sub, 1 compare for the rounding) and a
  /// 6-term polynomial on x² (1 mul for x², 5 mul + 5 add in Horner form, 1 final mul).
  public static let sineRecipe: PerElement = [(.mul, 9), (.add, 5), (.sub, 1), (.compare, 1)]

  /// Mod's shape: the broadcast of its inputs, after checking that `fmod` is 0 or 1.
  static let modShape: ShapeRule = { c in
    let fmod = try c.int("fmod", default: 0)
    guard fmod == 0 || fmod == 1 else { throw c.error("attribute 'fmod' is \(fmod), expected 0 or 1") }
    return try broadcastShape(c)
  }

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
