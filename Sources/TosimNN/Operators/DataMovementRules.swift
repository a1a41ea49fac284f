//===--- DataMovementRules.swift -------------------------------------------===//
// Rules of the operators that move data without arithmetic, each declared
// once as a view (Reshape, Flatten, Squeeze, Unsqueeze, Identity, Dropout,
// Shape, Constant: no bytes moved) or a copy (Transpose, Concat, Slice,
// Gather, Pad, Cast: inputs read, outputs written), with the small integer
// values (shapes, axes) that flow through them to the nodes that need them.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// Views and copies.
  public static let dataMovementRules: [OperatorRule] = [
    .movement("Reshape", .view, shape: { c in [try reshaped(c)] }),
    .movement("Flatten", .view, shape: { c in
      let x = try c.input(0)
      let axis = try c.axisBound(try c.int("axis", default: 1), rank: x.shape.count)
      return [ResolvedTensor(element: x.element, shape: [try Checked.product(Array(x.shape[..<axis])), try Checked.product(Array(x.shape[axis...]))])]
    }),
    .movement("Squeeze", .view, shape: { c in [try squeezed(c)] }),
    .movement("Unsqueeze", .view, shape: { c in [try unsqueezed(c)] }),
    .movement("Identity", .view, shape: passThrough),
    .movement("Dropout", .view, shape: passThrough),
    .movement("Shape", .view, shape: { c in
      let x = try c.input(0)
      let rank = x.shape.count
      let start = try c.axisBound(try c.int("start", default: 0), rank: rank)
      let end = try c.axisBound(try c.int("end", default: rank), rank: rank)
      let dims = start < end ? Array(x.shape[start..<end]) : []
      return [ResolvedTensor(element: .int64, shape: [dims.count], integerValues: dims)]
    }),
    .movement("Constant", .view, shape: { c in [try constant(c)] }),
    .movement("Transpose", .copy, shape: { c in
      let x = try c.input(0)
      let rank = x.shape.count
      let perm = try c.ints("perm") ?? Array((0..<rank).reversed())
      guard perm.sorted() == Array(0..<rank) else { throw c.error("attribute 'perm' \(perm) is not a permutation of 0..<\(rank)") }
      return [ResolvedTensor(element: x.element, shape: perm.map { x.shape[$0] })]
    }),
    .movement("Concat", .copy, shape: { c in [try concatenated(c)] }),
    .movement("Slice", .copy, shape: { c in [ResolvedTensor(element: try c.input(0).element, shape: try sliced(c))] }),
    .movement("Gather", .copy, shape: { c in [try gathered(c)] }),
    .movement("Pad", .copy, shape: { c in [try padded(c)] }),
    .movement("Cast", .copy, shape: { c in
      let x = try c.input(0)
      guard let element = ElementType(onnxCode: try c.int("to", default: -1)) else { throw c.error("attribute 'to' is not a known type") }
      return [ResolvedTensor(element: element, shape: x.shape, integerValues: x.integerValues)]
    }),
  ]

  /// Identity and Dropout: the input, plus a boolean mask when a second output is declared.
  static let passThrough: ShapeRule = { c in
    let x = try c.input(0)
    let mask = ResolvedTensor(element: ElementType(onnxCode: 9)!, shape: x.shape)  // 9 is BOOL, a known code
    return [x] + (c.node.outputs.count > 1 ? [mask] : [])
  }

  static func reshaped(_ c: NodeContext) throws -> ResolvedTensor {
    let x = try c.input(0)
    let rank = x.shape.count
    let target = try c.integerValues(ofInput: 1, what: "shape")
    let allowZero = try c.int("allowzero", default: 0) != 0
    var shape = try target.enumerated().map { i, v -> Int in
      if v == 0 && !allowZero {
        guard i < rank else { throw c.error("shape \(target) copies dimension \(i) of a rank-\(rank) input") }
        return x.shape[i]
      }
      guard v >= -1 else { throw c.error("shape \(target) has a negative size") }
      return v
    }
    let count = try x.elementCount()
    if let inferred = shape.firstIndex(of: -1) {
      guard shape.filter({ $0 == -1 }).count == 1 else { throw c.error("shape \(target) has more than one -1") }
      let known = try Checked.product(shape.filter { $0 != -1 })
      guard known > 0, count % known == 0 else { throw c.error("cannot reshape \(x.shape) to \(target)") }
      shape[inferred] = count / known
    }
    guard try Checked.product(shape) == count else { throw c.error("cannot reshape \(x.shape) (\(count) elements) to \(target)") }
    return ResolvedTensor(element: x.element, shape: shape, integerValues: x.integerValues)
  }

  static func squeezed(_ c: NodeContext) throws -> ResolvedTensor {
    let x = try c.input(0)
    let rank = x.shape.count
    var axes = c.opsetVersion >= 13 && c.optionalInput(1) != nil ? try c.integerValues(ofInput: 1, what: "axes") : try c.ints("axes")
    axes = try axes.map { try $0.map { try c.axis($0, rank: rank) } }
    let squeezed = axes ?? x.shape.indices.filter { x.shape[$0] == 1 }
    if let bad = squeezed.first(where: { x.shape[$0] != 1 }) { throw c.error("cannot squeeze axis \(bad) of size \(x.shape[bad])") }
    return ResolvedTensor(element: x.element, shape: x.shape.indices.filter { !squeezed.contains($0) }.map { x.shape[$0] },
      integerValues: x.integerValues)
  }

  static func unsqueezed(_ c: NodeContext) throws -> ResolvedTensor {
    let x = try c.input(0)
    let given = c.opsetVersion >= 13 ? try c.integerValues(ofInput: 1, what: "axes") : try c.ints("axes") ?? []
    let outRank = x.shape.count + given.count
    let axes = Set(try given.map { try c.axis($0, rank: outRank) })
    guard axes.count == given.count else { throw c.error("repeated axes \(given)") }
    var rest = x.shape.makeIterator()
    let shape = (0..<outRank).map { axes.contains($0) ? 1 : rest.next() ?? 1 }
    return ResolvedTensor(element: x.element, shape: shape, integerValues: x.integerValues)
  }

  static func concatenated(_ c: NodeContext) throws -> ResolvedTensor {
    let x = try c.input(0)
    let rank = x.shape.count
    let axis = try c.axis(try c.int("axis", default: 0), rank: rank)
    var shape = x.shape
    var values: [Int]? = x.integerValues
    for i in 1..<max(1, c.inputs.count) {
      guard let other = c.inputs[i] else { continue }
      guard other.shape.count == rank, other.shape.indices.allSatisfy({ $0 == axis || other.shape[$0] == x.shape[$0] }) else {
        throw c.error("inconsistent shapes: cannot concatenate \(x.shape) and \(other.shape) on axis \(axis)")
      }
      shape[axis] = try Checked.add(shape[axis], other.shape[axis])
      values = values.flatMap { v in other.integerValues.map { v + $0 } }
    }
    return ResolvedTensor(element: x.element, shape: shape, integerValues: rank == 1 ? values : nil)
  }

  static func gathered(_ c: NodeContext) throws -> ResolvedTensor {
    let x = try c.input(0)
    let indices = try c.input(1)
    let rank = x.shape.count
    let axis = try c.axis(try c.int("axis", default: 0), rank: rank)
    let shape = Array(x.shape[..<axis]) + indices.shape + Array(x.shape[(axis + 1)...])
    var values: [Int]?
    if rank == 1, let data = x.integerValues, let picks = indices.integerValues {
      values = picks.compactMap { $0 >= 0 ? data[safe: $0] : data[safe: data.count + $0] }
      if values?.count != picks.count { throw c.error("index out of range in \(picks) for \(data.count) values") }
    }
    return ResolvedTensor(element: x.element, shape: shape, integerValues: values)
  }

  static func padded(_ c: NodeContext) throws -> ResolvedTensor {
    let x = try c.input(0)
    let rank = x.shape.count
    let pads = c.opsetVersion >= 11 ? try c.integerValues(ofInput: 1, what: "pads") : try c.ints("pads") ?? []
    var axes = Array(0..<rank)
    if c.opsetVersion >= 18, c.optionalInput(3) != nil {
      axes = try c.integerValues(ofInput: 3, what: "axes").map { try c.axis($0, rank: rank) }
    }
    guard pads.count == 2 * axes.count else { throw c.error("pads \(pads) need \(2 * axes.count) entries") }
    var shape = x.shape
    for (j, axis) in axes.enumerated() {
      let size = try Checked.add(try Checked.add(shape[axis], pads[j]), pads[j + axes.count])
      guard size >= 0 else { throw c.error("pads \(pads) make axis \(axis) negative") }
      shape[axis] = size
    }
    return ResolvedTensor(element: x.element, shape: shape)
  }

  static func sliced(_ c: NodeContext) throws -> [Int] {
    let x = try c.input(0)
    let rank = x.shape.count
    let starts, ends: [Int]
    var axes: [Int]?, steps: [Int]?
    if c.opsetVersion >= 10 {
      starts = try c.integerValues(ofInput: 1, what: "starts")
      ends = try c.integerValues(ofInput: 2, what: "ends")
      if c.optionalInput(3) != nil { axes = try c.integerValues(ofInput: 3, what: "axes") }
      if c.optionalInput(4) != nil { steps = try c.integerValues(ofInput: 4, what: "steps") }
    } else {
      starts = try c.ints("starts") ?? []
      ends = try c.ints("ends") ?? []
      axes = try c.ints("axes")
    }
    let axisList = try (axes ?? Array(0..<starts.count)).map { try c.axis($0, rank: rank) }
    let stepList = steps ?? Array(repeating: 1, count: starts.count)
    guard ends.count == starts.count, axisList.count == starts.count, stepList.count == starts.count, !stepList.contains(0) else {
      throw c.error("starts \(starts), ends \(ends), axes \(axes ?? []) and steps \(steps ?? []) do not match")
    }
    var shape = x.shape
    for (j, axis) in axisList.enumerated() {
      let size = x.shape[axis]
      func clamp(_ v: Int, _ low: Int, _ high: Int) -> Int {
        let w = v < 0 ? (v < Int.min / 2 ? low : v + size) : v
        return min(max(w, low), high)
      }
      let step = stepList[j]
      if step > 0 {
        let s = clamp(starts[j], 0, size), e = clamp(ends[j], 0, size)
        shape[axis] = e > s ? (e - s - 1) / step + 1 : 0
      } else {
        let s = clamp(starts[j], -1, size - 1), e = clamp(ends[j], -1, size - 1)
        let stride = step == Int.min ? Int.max : -step
        shape[axis] = s > e ? (s - e - 1) / stride + 1 : 0
      }
    }
    return shape
  }

  static func constant(_ c: NodeContext) throws -> ResolvedTensor {
    switch (c.node.attribute("value"), c.node.attribute("value_int"), c.node.attribute("value_ints"),
      c.node.attribute("value_float"), c.node.attribute("value_floats"))
    {
    case (.tensor(let t)?, _, _, _, _):
      guard t.dimensions.allSatisfy({ $0 >= 0 }) else { throw c.error("constant has a negative dimension") }
      return ResolvedTensor(element: t.element, shape: t.dimensions, integerValues: t.integerValues, floatValues: t.floatValues)
    case (_, .int(let v)?, _, _, _): return ResolvedTensor(element: .int64, shape: [], integerValues: [v])
    case (_, _, .ints(let v)?, _, _): return ResolvedTensor(element: .int64, shape: [v.count], integerValues: v)
    case (_, _, _, .float(let v)?, _): return ResolvedTensor(element: .float, shape: [], floatValues: [v])
    case (_, _, _, _, .floats(let v)?): return ResolvedTensor(element: .float, shape: [v.count], floatValues: v)
    default: throw c.error("Constant needs a value, value_int(s) or value_float(s) attribute")
    }
  }
}

extension NodeContext {
  /// `axis` clamped into `0...rank` after adding `rank` to negatives (Flatten, Shape).
  func axisBound(_ axis: Int, rank: Int) throws -> Int {
    let v = axis < 0 ? axis + rank : axis
    guard v >= 0, v <= rank else { throw error("axis \(axis) is out of range for rank \(rank)") }
    return v
  }
}

extension Array {
  /// The element at `index`, or `nil` when it is out of range.
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
