//===--- ReductionRules.swift ----------------------------------------------===//
// Rules of ReduceMean, ReduceSum, ReduceMax, ReduceMin and ReduceL2: axes
// from the attribute or (ReduceSum from opset 13, the others from 18) the
// second input, keepdims and noop_with_empty_axes; input − output adds (or
// compares), a divide per output for the mean; and CumSum along one axis
// (docs/network-counter.md, §Counting rules and §Training).
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// Reductions.
  public static let reductionRules: [OperatorRule] = [
    OperatorRule("ReduceMean", metadataInputs: [1], shape: { c in [try reducedShape(c, axesInputFrom: 18)] }, forward: { c, e in
      try .arithmetic(try OpCounts([(.add, try c.input(0).elementCount() - e), (.div, e)]))
    }, backward: { _, e, _ in try .arithmetic(try OpCounts([(.div, e)])) }),
    OperatorRule("ReduceSum", metadataInputs: [1], shape: { c in [try reducedShape(c, axesInputFrom: 13)] }, forward: { c, e in
      try .arithmetic(try OpCounts([(.add, try c.input(0).elementCount() - e)]))
    }),
    // Input − output compares; the gradient goes to the selected element by one compare per input element.
    OperatorRule("ReduceMax", metadataInputs: [1], shape: { c in [try reducedShape(c, axesInputFrom: 18)] },
      forward: { c, e in try reductionCompares(c, e) },
      backward: { c, _, _ in try .arithmetic(try OpCounts([(.compare, try c.input(0).elementCount())])) }),
    OperatorRule("ReduceMin", metadataInputs: [1], shape: { c in [try reducedShape(c, axesInputFrom: 18)] },
      forward: { c, e in try reductionCompares(c, e) },
      backward: { c, _, _ in try .arithmetic(try OpCounts([(.compare, try c.input(0).elementCount())])) }),
    // √(Σ x²): a square per input, input − output adds, a square root per output; gradient g × x / y per input.
    OperatorRule("ReduceL2", metadataInputs: [1], shape: { c in [try reducedShape(c, axesInputFrom: 18)] }, forward: { c, e in
      let n = try c.input(0).elementCount()
      return try .arithmetic(try OpCounts([(.mul, n), (.add, n - e), (.sqrt, e)]))
    }, backward: { c, _, _ in
      let n = try c.input(0).elementCount()
      return try .arithmetic(try OpCounts([(.mul, n), (.div, n)]))
    }),
    // A running sum along `axis`: size − 1 adds per line, forward and (reversed) backward.
    OperatorRule("CumSum", metadataInputs: [1], shape: { c in
      _ = try cumSumAxis(c)
      return try sameAsInput(c)
    }, forward: { c, e in try .arithmetic(try OpCounts([(.add, try cumSumAdds(c, e))])) },
      backward: { c, e, _ in try .arithmetic(try OpCounts([(.add, try cumSumAdds(c, e))])) }),
  ]

  /// CumSum's axis (input 1, a one-value integer constant) normalised, after checking `exclusive` and `reverse`.
  static func cumSumAxis(_ c: NodeContext) throws -> Int {
    let x = try c.input(0)
    let values = try c.integerValues(ofInput: 1, what: "axis")
    guard values.count == 1 else { throw c.error("axis (input 1) must hold one value, got \(values)") }
    for name in ["exclusive", "reverse"] {
      let flag = try c.int(name, default: 0)
      guard flag == 0 || flag == 1 else { throw c.error("attribute '\(name)' is \(flag), expected 0 or 1") }
    }
    return try c.axis(values[0], rank: x.shape.count)
  }

  /// E − E / size(axis) adds.
  static func cumSumAdds(_ c: NodeContext, _ e: Int) throws -> Int {
    let size = try c.input(0).shape[try cumSumAxis(c)]
    return size == 0 ? 0 : e - e / size
  }

  /// The output of a reduction whose axes come from input 1 from opset `axesInputFrom` on.
  static func reducedShape(_ c: NodeContext, axesInputFrom opset: Int) throws -> ResolvedTensor {
    let x = try c.input(0)
    var axes: [Int]
    if c.opsetVersion >= opset, c.optionalInput(1) != nil {
      axes = try c.integerValues(ofInput: 1, what: "axes")
    } else {
      axes = try c.ints("axes") ?? []
    }
    if axes.isEmpty {
      if try c.int("noop_with_empty_axes", default: 0) != 0 { return ResolvedTensor(element: x.element, shape: x.shape) }
      axes = Array(x.shape.indices)
    }
    axes = try axes.map { try c.axis($0, rank: x.shape.count) }
    let keep = try c.int("keepdims", default: 1) != 0
    var output: [Int] = []
    for (i, size) in x.shape.enumerated() {
      if !axes.contains(i) { output.append(size) } else if keep { output.append(1) }
    }
    return ResolvedTensor(element: x.element, shape: output)
  }
}
