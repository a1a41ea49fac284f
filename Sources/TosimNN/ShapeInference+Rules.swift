//===--- ShapeInference+Rules.swift ----------------------------------------===//
// Output shapes per operator, following the ONNX operator specifications
// (onnx/docs/Operators.md): numpy broadcasting for elementwise ops, the
// convolution/pooling size formula with pads, strides, dilations and
// auto_pad, recurrent output layouts, and the data-movement ops (Reshape,
// Slice, …) including the small integer values that flow into them.
//===----------------------------------------------------------------------===//
import TosimFormats

extension ShapeInference {
  /// Operators whose output is the input's shape and type.
  static let unaryOps: Set<String> = [
    "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "Gelu", "Elu", "Selu", "Softplus",
    "HardSigmoid", "HardSwish", "Silu", "Sqrt", "Exp", "Log", "Reciprocal", "Erf", "Identity", "Neg", "Abs",
  ]
  /// Elementwise operators with numpy broadcasting.
  static let binaryOps: Set<String> = ["Add", "Sub", "Mul", "Div", "Pow", "PRelu"]
  /// Operators that move data without arithmetic.
  static let movementOps: Set<String> = [
    "Reshape", "Flatten", "Transpose", "Concat", "Slice", "Gather", "Pad", "Squeeze", "Unsqueeze", "Identity",
    "Dropout", "Cast", "Shape", "Constant",
  ]
  /// Every operator shape inference (and the counter) supports.
  public static let supportedOps: Set<String> = unaryOps.union(binaryOps).union(movementOps).union([
    "Gemm", "MatMul", "Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
    "BatchNormalization", "LayerNormalization", "ReduceMean", "ReduceSum", "RNN", "LSTM", "GRU",
  ])

  /// The outputs of one node.
  static func rules(_ c: NodeContext) throws -> [ResolvedTensor] {
    let op = c.node.opType
    if op == "Constant" { return [try constant(c)] }
    let x = try c.input(0)
    if unaryOps.contains(op) { return [ResolvedTensor(element: x.element, shape: x.shape)] }
    if binaryOps.contains(op) {
      return [ResolvedTensor(element: x.element, shape: try broadcast(x.shape, try c.input(1).shape, c))]
    }
    switch op {
    case "Gemm":
      let b = try c.input(1)
      guard x.shape.count == 2, b.shape.count == 2 else { throw c.error("Gemm needs 2-D A and B, got \(x.shape) and \(b.shape)") }
      let (m, k) = try c.int("transA", default: 0) != 0 ? (x.shape[1], x.shape[0]) : (x.shape[0], x.shape[1])
      let (k2, n) = try c.int("transB", default: 0) != 0 ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
      guard k == k2 else { throw c.error("inconsistent shapes: A is \(x.shape), B is \(b.shape) (reduction \(k) vs \(k2))") }
      if let bias = c.optionalInput(2) { _ = try broadcast([m, n], bias.shape, c) }
      return [ResolvedTensor(element: x.element, shape: [m, n])]
    case "MatMul":
      return [ResolvedTensor(element: x.element, shape: try matMulShape(x.shape, try c.input(1).shape, c).shape)]
    case "Conv", "ConvTranspose", "MaxPool", "AveragePool":
      return [ResolvedTensor(element: x.element, shape: try windowed(c).output)]
    case "GlobalAveragePool", "GlobalMaxPool":
      let x = try c.input(0, minimumRank: 3)
      return [ResolvedTensor(element: x.element, shape: Array(x.shape.prefix(2)) + Array(repeating: 1, count: x.shape.count - 2))]
    case "BatchNormalization":
      let x = try c.input(0, minimumRank: 2)
      for i in 1...4 where c.optionalInput(i) != nil {
        guard try c.input(i).shape == [x.shape[1]] else {
          throw c.error("inconsistent shapes: input \(i) is \(try c.input(i).shape), expected [\(x.shape[1])] for \(x.shape)")
        }
      }
      let stats = ResolvedTensor(element: x.element, shape: [x.shape[1]])
      return [ResolvedTensor(element: x.element, shape: x.shape)] + Array(repeating: stats, count: max(0, c.node.outputs.count - 1))
    case "LayerNormalization":
      let axis = try c.axis(try c.int("axis", default: -1), rank: x.shape.count)
      let stats = ResolvedTensor(element: x.element, shape: Array(x.shape.prefix(axis)) + Array(repeating: 1, count: x.shape.count - axis))
      return [ResolvedTensor(element: x.element, shape: x.shape)] + Array(repeating: stats, count: max(0, c.node.outputs.count - 1))
    case "ReduceMean", "ReduceSum":
      return [ResolvedTensor(element: x.element, shape: try reduced(c).output)]
    case "RNN", "LSTM", "GRU":
      let r = try recurrent(c)
      let layout = try c.int("layout", default: 0)
      let y = layout == 0 ? [r.sequence, r.directions, r.batch, r.hidden] : [r.batch, r.sequence, r.directions, r.hidden]
      let state = layout == 0 ? [r.directions, r.batch, r.hidden] : [r.batch, r.directions, r.hidden]
      return [ResolvedTensor(element: x.element, shape: y)]
        + Array(repeating: ResolvedTensor(element: x.element, shape: state), count: max(0, c.node.outputs.count - 1))
    default:
      return try movement(c, x)
    }
  }

  // MARK: - Elementwise and matrix products

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

  /// The output shape of a numpy-style matrix product and its reduction length.
  static func matMulShape(_ a: [Int], _ b: [Int], _ c: NodeContext) throws -> (shape: [Int], reduction: Int) {
    guard !a.isEmpty, !b.isEmpty else { throw c.error("MatMul inputs must have rank 1 or more, got \(a) and \(b)") }
    let a2 = a.count == 1 ? [1] + a : a
    let b2 = b.count == 1 ? b + [1] : b
    let k = a2[a2.count - 1]
    guard k == b2[b2.count - 2] else { throw c.error("inconsistent shapes: \(a) × \(b) (reduction \(k) vs \(b2[b2.count - 2]))") }
    let batch = try broadcast(Array(a2.dropLast(2)), Array(b2.dropLast(2)), c)
    var shape = batch + [a2[a2.count - 2], b2[b2.count - 1]]
    if b.count == 1 { shape.removeLast() }
    if a.count == 1 { shape.remove(at: shape.count - (b.count == 1 ? 1 : 2)) }
    return (shape, k)
  }

  // MARK: - Convolution and pooling

  /// The geometry of a Conv, ConvTranspose or pooling node.
  struct Window {
    /// The output shape.
    var output: [Int]
    /// The kernel's spatial size.
    var kernel: [Int]
    /// The group count (1 for pooling).
    var groups: Int
  }

  static func windowed(_ c: NodeContext) throws -> Window {
    let op = c.node.opType
    let x = try c.input(0, minimumRank: 3)
    let spatial = x.shape.count - 2
    let isConv = op == "Conv" || op == "ConvTranspose"
    var kernel: [Int]
    var channelsOut = x.shape[1]
    let groups = isConv ? try c.int("group", default: 1) : 1
    guard groups >= 1, x.shape[1] % groups == 0 else { throw c.error("group \(groups) does not divide \(x.shape[1]) input channels") }
    if isConv {
      let w = try c.input(1, minimumRank: 3)
      guard w.shape.count == x.shape.count else { throw c.error("inconsistent shapes: weight \(w.shape) for input \(x.shape)") }
      kernel = Array(w.shape.dropFirst(2))
      if op == "Conv" {
        guard w.shape[1] * groups == x.shape[1] else {
          throw c.error("inconsistent shapes: weight \(w.shape) with group \(groups) expects \(w.shape[1] * groups) input channels, input is \(x.shape)")
        }
        channelsOut = w.shape[0]
      } else {
        guard w.shape[0] == x.shape[1] else { throw c.error("inconsistent shapes: weight \(w.shape) for input \(x.shape)") }
        channelsOut = try Checked.multiply(w.shape[1], groups)
      }
      if let bias = c.optionalInput(2), bias.shape != [channelsOut] {
        throw c.error("inconsistent shapes: bias \(bias.shape), expected [\(channelsOut)]")
      }
      if let given = try c.ints("kernel_shape"), given != kernel { throw c.error("kernel_shape \(given) disagrees with weight \(w.shape)") }
    } else {
      guard let given = try c.ints("kernel_shape") else { throw c.error("missing attribute kernel_shape") }
      kernel = given
    }
    guard kernel.count == spatial, kernel.allSatisfy({ $0 >= 1 }) else {
      throw c.error("kernel \(kernel) does not fit a \(spatial)-D input \(x.shape)")
    }
    let strides = try c.ints("strides") ?? Array(repeating: 1, count: spatial)
    let dilations = try c.ints("dilations") ?? Array(repeating: 1, count: spatial)
    var pads = try c.ints("pads") ?? Array(repeating: 0, count: 2 * spatial)
    guard strides.count == spatial, dilations.count == spatial, pads.count == 2 * spatial,
      strides.allSatisfy({ $0 >= 1 }), dilations.allSatisfy({ $0 >= 1 }), pads.allSatisfy({ $0 >= 0 && $0 < 1 << 40 }),
      x.shape.allSatisfy({ $0 < 1 << 40 }), kernel.allSatisfy({ $0 < 1 << 40 }), strides.allSatisfy({ $0 < 1 << 40 }),
      dilations.allSatisfy({ $0 < 1 << 20 })
    else {
      throw c.error("strides \(strides), dilations \(dilations) and pads \(pads) must have \(spatial), \(spatial) and \(2 * spatial) sensible entries")
    }
    let autoPad = try c.string("auto_pad", default: "NOTSET")
    let ceilMode = try c.int("ceil_mode", default: 0) != 0
    var output = [x.shape[0], op == "MaxPool" || op == "AveragePool" ? x.shape[1] : channelsOut]
    for i in 0..<spatial {
      let input = x.shape[2 + i]
      let extent = dilations[i] * (kernel[i] - 1) + 1
      let size: Int
      if op == "ConvTranspose" {
        let outputPadding = try c.ints("output_padding")?[safe: i] ?? 0
        if let shape = try c.ints("output_shape"), shape.count == spatial {
          size = shape[i]
        } else if autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER" {
          size = input * strides[i]
        } else {
          if autoPad == "VALID" { pads[i] = 0; pads[i + spatial] = 0 }
          size = strides[i] * (input - 1) + outputPadding + extent - pads[i] - pads[i + spatial]
        }
      } else {
        switch autoPad {
        case "SAME_UPPER", "SAME_LOWER":
          size = (input + strides[i] - 1) / strides[i]
        case "VALID":
          size = input >= extent ? (input - extent) / strides[i] + 1 : 0
        case "NOTSET", "":
          let span = input + pads[i] + pads[i + spatial] - extent
          guard span >= 0 else { throw c.error("kernel extent \(extent) exceeds padded input \(input + pads[i] + pads[i + spatial])") }
          size = (ceilMode ? (span + strides[i] - 1) / strides[i] : span / strides[i]) + 1
        default:
          throw c.error("unknown auto_pad '\(autoPad)'")
        }
      }
      guard size >= 1 else { throw c.error("output size \(size) along spatial axis \(i) is not positive") }
      output.append(size)
    }
    return Window(output: output, kernel: kernel, groups: groups)
  }

  // MARK: - Reductions and recurrent cells

  /// The reduced axes and output shape of ReduceMean/ReduceSum.
  static func reduced(_ c: NodeContext) throws -> (axes: [Int], output: [Int]) {
    let x = try c.input(0)
    let axesFromInput = c.node.opType == "ReduceSum" ? c.opsetVersion >= 13 : c.opsetVersion >= 18
    var axes: [Int]
    if axesFromInput, c.optionalInput(1) != nil {
      axes = try c.integerValues(ofInput: 1, what: "axes")
    } else {
      axes = try c.ints("axes") ?? []
    }
    if axes.isEmpty {
      if try c.int("noop_with_empty_axes", default: 0) != 0 { return ([], x.shape) }
      axes = Array(x.shape.indices)
    }
    axes = try axes.map { try c.axis($0, rank: x.shape.count) }
    let keep = try c.int("keepdims", default: 1) != 0
    var output: [Int] = []
    for (i, size) in x.shape.enumerated() {
      if !axes.contains(i) { output.append(size) } else if keep { output.append(1) }
    }
    return (axes, output)
  }

  /// The sizes of a recurrent node.
  struct Recurrence {
    var sequence: Int, batch: Int, input: Int, hidden: Int, directions: Int, gates: Int
  }

  static func recurrent(_ c: NodeContext) throws -> Recurrence {
    let x = try c.input(0, minimumRank: 3)
    let w = try c.input(1, minimumRank: 3)
    let gates = ["RNN": 1, "LSTM": 4, "GRU": 3][c.node.opType] ?? 1
    let layout = try c.int("layout", default: 0)
    let (sequence, batch) = layout == 0 ? (x.shape[0], x.shape[1]) : (x.shape[1], x.shape[0])
    let direction = try c.string("direction", default: "forward")
    let directions = direction == "bidirectional" ? 2 : 1
    let hidden = try c.int("hidden_size", default: w.shape[1] / gates)
    guard x.shape.count == 3, w.shape.count == 3, w.shape[0] == directions, hidden >= 1, hidden <= w.shape[1],
      w.shape[1] == gates * hidden, w.shape[2] == x.shape[2]
    else {
      throw c.error("inconsistent shapes: X \(x.shape), W \(w.shape), hidden_size \(hidden), \(directions) direction(s)")
    }
    return Recurrence(sequence: sequence, batch: batch, input: x.shape[2], hidden: hidden, directions: directions, gates: gates)
  }

  // MARK: - Data movement

  static func movement(_ c: NodeContext, _ x: ResolvedTensor) throws -> [ResolvedTensor] {
    let rank = x.shape.count
    switch c.node.opType {
    case "Identity", "Dropout":
      let mask = ResolvedTensor(element: ElementType(onnxCode: 9)!, shape: x.shape)
      return [x] + (c.node.outputs.count > 1 ? [mask] : [])
    case "Cast":
      guard let element = ElementType(onnxCode: try c.int("to", default: -1)) else { throw c.error("attribute 'to' is not a known type") }
      return [ResolvedTensor(element: element, shape: x.shape, integerValues: x.integerValues)]
    case "Shape":
      let start = try c.axisBound(try c.int("start", default: 0), rank: rank)
      let end = try c.axisBound(try c.int("end", default: rank), rank: rank)
      let dims = start < end ? Array(x.shape[start..<end]) : []
      return [ResolvedTensor(element: .int64, shape: [dims.count], integerValues: dims)]
    case "Flatten":
      let axis = try c.axisBound(try c.int("axis", default: 1), rank: rank)
      return [ResolvedTensor(element: x.element, shape: [try Checked.product(Array(x.shape[..<axis])), try Checked.product(Array(x.shape[axis...]))])]
    case "Reshape":
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
      return [ResolvedTensor(element: x.element, shape: shape, integerValues: x.integerValues)]
    case "Transpose":
      let perm = try c.ints("perm") ?? Array((0..<rank).reversed())
      guard perm.sorted() == Array(0..<rank) else { throw c.error("perm \(perm) is not a permutation of 0..<\(rank)") }
      return [ResolvedTensor(element: x.element, shape: perm.map { x.shape[$0] })]
    case "Concat":
      let axis = try c.axis(try c.int("axis", default: 0), rank: rank)
      var shape = x.shape
      var values: [Int]? = x.integerValues
      for i in 1..<c.inputs.count {
        guard let other = c.inputs[i] else { continue }
        guard other.shape.count == rank,
          other.shape.indices.allSatisfy({ $0 == axis || other.shape[$0] == x.shape[$0] })
        else { throw c.error("inconsistent shapes: cannot concatenate \(x.shape) and \(other.shape) on axis \(axis)") }
        shape[axis] = try Checked.add(shape[axis], other.shape[axis])
        values = values.flatMap { v in other.integerValues.map { v + $0 } }
      }
      return [ResolvedTensor(element: x.element, shape: shape, integerValues: rank == 1 ? values : nil)]
    case "Squeeze":
      var axes = c.opsetVersion >= 13 && c.optionalInput(1) != nil ? try c.integerValues(ofInput: 1, what: "axes") : try c.ints("axes")
      axes = try axes.map { try $0.map { try c.axis($0, rank: rank) } }
      let squeezed = axes ?? x.shape.indices.filter { x.shape[$0] == 1 }
      if let bad = squeezed.first(where: { x.shape[$0] != 1 }) { throw c.error("cannot squeeze axis \(bad) of size \(x.shape[bad])") }
      return [ResolvedTensor(element: x.element, shape: x.shape.indices.filter { !squeezed.contains($0) }.map { x.shape[$0] },
        integerValues: x.integerValues)]
    case "Unsqueeze":
      let given = c.opsetVersion >= 13 ? try c.integerValues(ofInput: 1, what: "axes") : try c.ints("axes") ?? []
      let outRank = rank + given.count
      let axes = Set(try given.map { try c.axis($0, rank: outRank) })
      guard axes.count == given.count else { throw c.error("repeated axes \(given)") }
      var rest = x.shape.makeIterator()
      let shape = (0..<outRank).map { axes.contains($0) ? 1 : rest.next() ?? 1 }
      return [ResolvedTensor(element: x.element, shape: shape, integerValues: x.integerValues)]
    case "Gather":
      let indices = try c.input(1)
      let axis = try c.axis(try c.int("axis", default: 0), rank: rank)
      let shape = Array(x.shape[..<axis]) + indices.shape + Array(x.shape[(axis + 1)...])
      var values: [Int]?
      if rank == 1, let data = x.integerValues, let picks = indices.integerValues {
        values = picks.compactMap { $0 >= 0 ? data[safe: $0] : data[safe: data.count + $0] }
        if values?.count != picks.count { throw c.error("index out of range in \(picks) for \(data.count) values") }
      }
      return [ResolvedTensor(element: x.element, shape: shape, integerValues: values)]
    case "Slice":
      return [ResolvedTensor(element: x.element, shape: try sliced(c, x))]
    case "Pad":
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
      return [ResolvedTensor(element: x.element, shape: shape)]
    default:
      throw c.error("no shape rule")  // unreachable: supportedOps lists only ops handled above
    }
  }

  static func sliced(_ c: NodeContext, _ x: ResolvedTensor) throws -> [Int] {
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
    guard ends.count == starts.count, axisList.count == starts.count, stepList.count == starts.count,
      !stepList.contains(0)
    else { throw c.error("starts \(starts), ends \(ends), axes \(axes ?? []) and steps \(steps ?? []) do not match") }
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
