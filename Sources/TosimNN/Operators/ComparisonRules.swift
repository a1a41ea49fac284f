//===--- ComparisonRules.swift ---------------------------------------------===//
// Rules of comparisons and selections: variadic Max and Min, Equal, Less,
// Greater (and the OrEqual forms), the boolean And, Or, Xor and Not (bytes
// only), Where, IsNaN and IsInf, and the index-producing ArgMax, ArgMin and
// TopK. Each comparison or select is one `compare`; boolean results are
// 1-byte bool tensors; gradients only route values except where noted.
// Reached through OperatorRule+Registry from `tosim count`.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// Comparisons, selections and index operators.
  public static let comparisonRules: [OperatorRule] = [
    // n inputs: n − 1 compares per element; the gradient is routed by one compare (select) per element.
    OperatorRule("Max", shape: variadicBroadcast, forward: { c, e in try extremumCount(c, e) },
      backward: { _, e, _ in try .arithmetic(.perElement([(.compare, 1)], e)) }),
    OperatorRule("Min", shape: variadicBroadcast, forward: { c, e in try extremumCount(c, e) },
      backward: { _, e, _ in try .arithmetic(.perElement([(.compare, 1)], e)) }),
    comparison("Equal"), comparison("Less"), comparison("Greater"), comparison("LessOrEqual"), comparison("GreaterOrEqual"),
    // One-bit logic on bool tensors is no arithmetic op of any precision: bytes only.
    logical("And"), logical("Or"), logical("Xor"),
    OperatorRule("Not", shape: boolOfInput),
    OperatorRule("IsNaN", shape: boolOfInput, forward: { _, e in try .arithmetic(.perElement([(.compare, 1)], e)) }),  // x ≠ x
    OperatorRule("IsInf", shape: boolOfInput, forward: { _, e in try .arithmetic(.perElement([(.compare, 1)], e)) }),
    // One select per element; the gradient goes to x or y through one select each.
    OperatorRule("Where", shape: { c in
      let x = try c.input(1)
      let shape = try broadcast(try broadcast(try c.input(0).shape, x.shape, c), try c.input(2).shape, c)
      return [ResolvedTensor(element: x.element, shape: shape)]
    }, forward: { _, e in try .arithmetic(.perElement([(.compare, 1)], e)) },
      backward: { _, e, _ in try .arithmetic(.perElement([(.compare, 2)], e)) }),
    OperatorRule("ArgMax", shape: { c in [try argReduced(c)] }, forward: { c, e in try reductionCompares(c, e) }),
    OperatorRule("ArgMin", shape: { c in [try argReduced(c)] }, forward: { c, e in try reductionCompares(c, e) }),
    // A heap of k per slice of n: n × ⌈log2(k + 1)⌉ compares; the gradient is a scatter (no arithmetic).
    OperatorRule("TopK", metadataInputs: [1], shape: { c in try topK(c).outputs }, forward: { c, _ in
      let (_, k, n) = try topK(c)
      guard k > 0, n > 0 else { return PassCount() }
      var depth = 0
      while depth < 63 && (1 << depth) < k + 1 { depth += 1 }
      return try .arithmetic(try OpCounts([(.compare, try Checked.multiply(try c.input(0).elementCount(), depth, "TopK compares"))]))
    }),
  ]

  /// A broadcasting comparison or boolean operator: one compare per element, a bool output, no gradient.
  static func comparison(_ opType: String) -> OperatorRule {
    OperatorRule(opType, shape: { c in
      [ResolvedTensor(element: ElementType(onnxCode: 9)!, shape: try broadcast(try c.input(0).shape, try c.input(1).shape, c))]  // 9 is BOOL, a known code
    }, forward: { _, e in try .arithmetic(.perElement([(.compare, 1)], e)) })
  }

  /// A broadcasting boolean operator: a bool output, no arithmetic (the bytes are still counted).
  static func logical(_ opType: String) -> OperatorRule {
    OperatorRule(opType, shape: { c in
      [ResolvedTensor(element: ElementType(onnxCode: 9)!, shape: try broadcast(try c.input(0).shape, try c.input(1).shape, c))]  // 9 is BOOL, a known code
    })
  }

  /// A bool tensor of input 0's shape.
  static let boolOfInput: ShapeRule = { c in [ResolvedTensor(element: ElementType(onnxCode: 9)!, shape: try c.input(0).shape)] }

  /// The numpy broadcast of every given input, in input 0's type (Max, Min).
  static let variadicBroadcast: ShapeRule = { c in
    let x = try c.input(0)
    var shape = x.shape
    for input in c.inputs.dropFirst().compactMap({ $0 }) { shape = try broadcast(shape, input.shape, c) }
    return [ResolvedTensor(element: x.element, shape: shape)]
  }

  /// n − 1 compares per output element for n given inputs.
  static func extremumCount(_ c: NodeContext, _ e: Int) throws -> PassCount {
    let n = c.inputs.compactMap { $0 }.count
    return try .arithmetic(.perElement([(.compare, max(n - 1, 0))], e))
  }

  /// Input elements − output elements compares (ArgMax, ArgMin, ReduceMax, ReduceMin).
  static func reductionCompares(_ c: NodeContext, _ e: Int) throws -> PassCount {
    try .arithmetic(try OpCounts([(.compare, max(try c.input(0).elementCount() - e, 0))]))
  }

  /// ArgMax/ArgMin's int64 output: `axis` reduced (kept as 1 unless keepdims = 0).
  static func argReduced(_ c: NodeContext) throws -> ResolvedTensor {
    let x = try c.input(0)
    let axis = try c.axis(try c.int("axis", default: 0), rank: x.shape.count)
    let last = try c.int("select_last_index", default: 0)
    guard last == 0 || last == 1 else { throw c.error("attribute 'select_last_index' is \(last), expected 0 or 1") }
    var shape = x.shape
    if try c.int("keepdims", default: 1) != 0 { shape[axis] = 1 } else { shape.remove(at: axis) }
    return ResolvedTensor(element: .int64, shape: shape)
  }

  /// TopK's values and int64 indices, with k and the length n of the sorted axis.
  static func topK(_ c: NodeContext) throws -> (outputs: [ResolvedTensor], k: Int, n: Int) {
    let x = try c.input(0)
    let axis = try c.axis(try c.int("axis", default: -1), rank: x.shape.count)
    let k: Int
    if c.opsetVersion >= 10 {
      let values = try c.integerValues(ofInput: 1, what: "K")
      guard values.count == 1 else { throw c.error("K (input 1) must hold one value, got \(values)") }
      k = values[0]
    } else {
      guard c.node.attribute("k") != nil else { throw c.error("attribute 'k' is required before opset 10") }
      k = try c.int("k", default: 0)
    }
    guard k >= 0, k <= x.shape[axis] else { throw c.error("K = \(k) is outside 0...\(x.shape[axis]) (axis \(axis))") }
    for name in ["largest", "sorted"] {
      let flag = try c.int(name, default: 1)
      guard flag == 0 || flag == 1 else { throw c.error("attribute '\(name)' is \(flag), expected 0 or 1") }
    }
    var shape = x.shape
    shape[axis] = k
    return ([ResolvedTensor(element: x.element, shape: shape), ResolvedTensor(element: .int64, shape: shape)], k, x.shape[axis])
  }
}
