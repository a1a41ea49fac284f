//===--- PoolingRules.swift ------------------------------------------------===//
// Rules of MaxPool, AveragePool (window geometry in WindowGeometry.swift) and
// the global poolings: window − 1 compares or adds per output, plus a divide
// for averages; gradients are routed to the arg-max or spread over the window.
// A window of one element is a strided copy: bytes moved, no arithmetic.
// AdaptiveAveragePool (domain `tosim`, from the layer spec's
// `adaptiveavgpool(out)`) averages PyTorch's windows [⌊o·I/O⌋, ⌈(o+1)·I/O⌉)
// to any output size (docs/network-counter.md, §Counting rules and §Training).
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// Pooling layers.
  public static let poolingRules: [OperatorRule] = [
    OperatorRule("MaxPool", shape: windowShape, forward: { c, e in
      try .arithmetic(try OpCounts([(.compare, try Checked.multiply(e, max(try windowSize(c) - 1, 0)))]))
    }, backward: { c, e, _ in  // routed to the arg-max; overlaps accumulate
      try windowSize(c) == 1 ? PassCount() : try .arithmetic(.perElement([(.add, 1)], e))
    }),
    OperatorRule("AveragePool", shape: windowShape, forward: { c, e in
      guard try windowSize(c) > 1 else { return PassCount() }
      return try .arithmetic(try OpCounts([(.add, try Checked.multiply(e, try windowSize(c) - 1)), (.div, e)]))
    }, backward: { c, e, _ in
      guard try windowSize(c) > 1 else { return PassCount() }
      return try .arithmetic(try OpCounts([(.div, e), (.add, try Checked.multiply(e, try windowSize(c)))]))
    }),
    OperatorRule("GlobalAveragePool", shape: globalShape, forward: { c, e in
      try .arithmetic(try OpCounts([(.add, try Checked.multiply(e, max(try globalWindowSize(c) - 1, 0))), (.div, e)]))
    }, backward: { _, e, _ in try .arithmetic(try OpCounts([(.div, e)])) }),
    OperatorRule("GlobalMaxPool", shape: globalShape, forward: { c, e in
      try .arithmetic(try OpCounts([(.compare, try Checked.multiply(e, max(try globalWindowSize(c) - 1, 0)))]))
    }),
  ]

  /// AdaptiveAveragePool (domain `tosim`), attribute `output_size` (one size per spatial axis): per output one
  /// divide and window − 1 adds; backward one divide per output and one add per window element.
  public static let adaptiveAveragePoolRule = OperatorRule("AdaptiveAveragePool", shape: { c in
    let x = try c.input(0, minimumRank: 3)
    return [ResolvedTensor(element: x.element, shape: Array(x.shape.prefix(2)) + (try adaptiveOutputSize(c)))]
  }, forward: { c, e in
    let x = try c.input(0).shape
    let windowElements = try Checked.multiply(try Checked.product(Array(x.prefix(2))), try adaptiveWindowElements(c))
    return try .arithmetic(try OpCounts([(.add, windowElements - e), (.div, e)]))
  }, backward: { c, e, _ in
    let x = try c.input(0).shape
    let windowElements = try Checked.multiply(try Checked.product(Array(x.prefix(2))), try adaptiveWindowElements(c))
    return try .arithmetic(try OpCounts([(.add, windowElements), (.div, e)]))
  })

  /// The `output_size` of an AdaptiveAveragePool, one size from 1 to 2^20 per spatial axis.
  static func adaptiveOutputSize(_ c: NodeContext) throws -> [Int] {
    let spatial = try c.input(0, minimumRank: 3).shape.count - 2
    guard let sizes = try c.ints("output_size"), sizes.count == spatial, sizes.allSatisfy({ $0 >= 1 && $0 <= 1 << 20 }) else {
      throw c.error("attribute 'output_size' needs \(spatial) sizes from 1 to 2^20")
    }
    return sizes
  }

  /// Σ over the outputs of one channel of their window sizes: Π over axes of Σ_o (⌈(o+1)·I/O⌉ − ⌊o·I/O⌋).
  static func adaptiveWindowElements(_ c: NodeContext) throws -> Int {
    let x = try c.input(0).shape
    var total = 1
    for (input, output) in zip(x.dropFirst(2), try adaptiveOutputSize(c)) {
      var sum = 0
      if input % output == 0 {
        sum = input
      } else {
        for o in 0..<output {
          let start = try Checked.multiply(o, input) / output
          let end = (try Checked.multiply(o + 1, input) + output - 1) / output
          sum = try Checked.add(sum, end - start)
        }
      }
      total = try Checked.multiply(total, sum)
    }
    return total
  }

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
