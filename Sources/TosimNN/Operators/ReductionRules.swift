//===--- ReductionRules.swift ----------------------------------------------===//
// Rules of ReduceMean and ReduceSum: axes from the attribute or (ReduceSum
// from opset 13, ReduceMean from 18) the second input, keepdims and
// noop_with_empty_axes; input − output adds, plus a divide per output for the
// mean (docs/network-counter.md, §Counting rules and §Training).
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
  ]

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
