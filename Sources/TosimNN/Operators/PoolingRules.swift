//===--- PoolingRules.swift ------------------------------------------------===//
// Rules of MaxPool, AveragePool (window geometry in WindowGeometry.swift) and
// the global poolings: window − 1 compares or adds per output, plus a divide
// for averages; gradients are routed to the arg-max or spread over the window
// (docs/network-counter.md, §Counting rules and §Training).
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// Pooling layers.
  public static let poolingRules: [OperatorRule] = [
    OperatorRule("MaxPool", shape: windowShape, forward: { c, e in
      try .arithmetic(try OpCounts([(.compare, try Checked.multiply(e, max(try windowSize(c) - 1, 0)))]))
    }, backward: { _, e, _ in try .arithmetic(.perElement([(.add, 1)], e)) }),  // routed to the arg-max; overlaps accumulate
    OperatorRule("AveragePool", shape: windowShape, forward: { c, e in
      try .arithmetic(try OpCounts([(.add, try Checked.multiply(e, max(try windowSize(c) - 1, 0))), (.div, e)]))
    }, backward: { c, e, _ in
      try .arithmetic(try OpCounts([(.div, e), (.add, try Checked.multiply(e, try windowSize(c)))]))
    }),
    OperatorRule("GlobalAveragePool", shape: globalShape, forward: { c, e in
      try .arithmetic(try OpCounts([(.add, try Checked.multiply(e, max(try globalWindowSize(c) - 1, 0))), (.div, e)]))
    }, backward: { _, e, _ in try .arithmetic(try OpCounts([(.div, e)])) }),
    OperatorRule("GlobalMaxPool", shape: globalShape, forward: { c, e in
      try .arithmetic(try OpCounts([(.compare, try Checked.multiply(e, max(try globalWindowSize(c) - 1, 0)))]))
    }),
  ]

  /// MaxPool and AveragePool: the window geometry's output.
  static let windowShape: ShapeRule = { c in
    [ResolvedTensor(element: try c.input(0).element, shape: try WindowGeometry(c, hasWeight: false).output)]
  }

  /// Global poolings: [N, C, 1, …, 1].
  static let globalShape: ShapeRule = { c in
    let x = try c.input(0, minimumRank: 3)
    return [ResolvedTensor(element: x.element, shape: Array(x.shape.prefix(2)) + Array(repeating: 1, count: x.shape.count - 2))]
  }

  /// The number of elements in one pooling window.
  static func windowSize(_ c: NodeContext) throws -> Int { try Checked.product(try WindowGeometry(c, hasWeight: false).kernel) }

  /// The number of elements a global pooling reduces per output.
  static func globalWindowSize(_ c: NodeContext) throws -> Int { try Checked.product(Array(try c.input(0).shape.dropFirst(2))) }
}
