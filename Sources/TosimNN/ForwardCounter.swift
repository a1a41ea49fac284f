//===--- ForwardCounter.swift ----------------------------------------------===//
// Per-operator forward counting rules: which arithmetic ops a node performs,
// its MACs and FLOPs, parameters and bytes moved. The rules and every
// convention (and how they differ from onnx-tool and ptflops) are written out
// in docs/network-counter.md, §Counting rules; E below is the number of output
// elements.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

/// Forward-pass counting rules per operator.
public enum ForwardCounter {
  /// Operators that only relabel a buffer: no arithmetic and no bytes moved.
  public static let viewOps: Set<String> = ["Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Dropout", "Shape", "Constant"]
  /// Operators that copy data: no arithmetic, inputs read and outputs written.
  public static let copyOps: Set<String> = ["Transpose", "Concat", "Slice", "Gather", "Pad", "Cast"]

  /// The precision a node's arithmetic is counted at: that of its first
  /// floating-point output, else its first output with a precision.
  public static func precision(of c: NodeContext) -> Precision? {
    let candidates = c.outputs + c.inputs.compactMap { $0 }
    return candidates.first { $0.element.isFloatingPoint }?.element.precision
      ?? candidates.first { $0.element.precision != nil }?.element.precision
  }

  /// Counts one resolved node.
  ///
  /// - Throws: `InputError` naming the node when a count overflows 64 bits.
  public static func count(_ c: NodeContext) throws -> LayerCount {
    let op = c.node.opType
    var layer = LayerCount(
      name: c.node.name.isEmpty ? "#\(c.index)" : c.node.name, opType: op, precision: precision(of: c),
      outputShape: c.outputs.first?.shape ?? [])
    do {
      try countParameters(c, into: &layer)
      if viewOps.contains(op) { return layer }
      try countBytes(c, into: &layer.forward)
      if copyOps.contains(op) { return layer }
      try countArithmetic(c, into: &layer.forward)
      return layer
    } catch let error as InputError where !error.message.hasPrefix(c.label) {
      throw c.error(error.message)
    }
  }

  static func countParameters(_ c: NodeContext, into layer: inout LayerCount) throws {
    for (i, tensor) in c.inputs.enumerated() {
      guard let tensor, c.isInitializer[safe: i] == true, tensor.element.isFloatingPoint else { continue }
      let n = try tensor.elementCount()
      layer.parameterCount = try Checked.add(layer.parameterCount, n, "parameter count")
      let isRunningStatistic = c.node.opType == "BatchNormalization" && i >= 3
      if !isRunningStatistic {
        layer.trainableParameterCount = try Checked.add(layer.trainableParameterCount, n, "parameter count")
      }
    }
  }

  static func countBytes(_ c: NodeContext, into pass: inout PassCount) throws {
    for tensor in c.inputs.compactMap({ $0 }) { pass.bytesRead = try Checked.add(pass.bytesRead, try tensor.byteCount(), "byte count") }
    for (name, tensor) in zip(c.node.outputs, c.outputs) where !name.isEmpty {
      pass.bytesWritten = try Checked.add(pass.bytesWritten, try tensor.byteCount(), "byte count")
    }
  }

  /// Fills `pass.ops`, `macCount` and `flopCount`.
  static func countArithmetic(_ c: NodeContext, into pass: inout PassCount) throws {
    let op = c.node.opType
    let y = c.outputs.first ?? ResolvedTensor(element: .float, shape: [0])
    let e = try y.elementCount()
    var ops = OpCounts()
    var macs = 0
    var biasAdds = 0
    var extra = OpCounts()  // non-MAC arithmetic of MAC layers (gate functions, alpha/beta scaling)
    func mul(_ a: Int, _ b: Int) throws -> Int { try Checked.multiply(a, b) }

    switch op {
    case "Gemm", "MatMul", "Conv":
      let reduction: Int
      if op == "Gemm" {
        let a = try c.input(0).shape
        reduction = try c.int("transA", default: 0) != 0 ? a[0] : a[1]
      } else if op == "MatMul" {
        reduction = try ShapeInference.matMulShape(try c.input(0).shape, try c.input(1).shape, c).reduction
      } else {
        let w = try c.input(1).shape
        reduction = try Checked.product(Array(w.dropFirst()))
      }
      macs = try mul(e, reduction)
      biasAdds = c.optionalInput(2) != nil && op != "MatMul" ? e : 0
      try ops.add(.mul, macs)
      try ops.add(.add, try Checked.add(try mul(e, max(reduction - 1, 0)), biasAdds))
      if op == "Gemm" {
        if try c.float("alpha", default: 1) != 1 { try extra.add(.mul, e) }
        if biasAdds > 0, try c.float("beta", default: 1) != 1 { try extra.add(.mul, e) }
      }
    case "ConvTranspose":
      // Every input element is multiplied by a (C_out / group) × kernel slice and scattered into the output.
      let x = try c.input(0)
      let w = try c.input(1).shape
      macs = try mul(try x.elementCount(), try Checked.product(Array(w.dropFirst())))
      biasAdds = c.optionalInput(2) != nil ? e : 0
      try ops.add(.mul, macs)
      try ops.add(.add, try Checked.add(macs, biasAdds))
    case "MaxPool", "AveragePool":
      let window = try Checked.product(try ShapeInference.windowed(c).kernel)
      if op == "MaxPool" {
        try ops.add(.compare, try mul(e, max(window - 1, 0)))
      } else {
        try ops.add(.add, try mul(e, max(window - 1, 0)))
        try ops.add(.div, e)
      }
    case "GlobalAveragePool", "GlobalMaxPool":
      let x = try c.input(0)
      let window = try Checked.product(Array(x.shape.dropFirst(2)))
      try ops.add(op == "GlobalMaxPool" ? .compare : .add, try mul(e, max(window - 1, 0)))
      if op == "GlobalAveragePool" { try ops.add(.div, e) }
    case "BatchNormalization":
      // y = (x − mean) × s + beta with s = gamma × rsqrt(var + eps) once per channel.
      let channels = try c.input(0).shape[1]
      try ops.add(try OpCounts([(.sub, e), (.mul, e), (.add, e)]))
      try ops.add(try OpCounts([(.add, channels), (.rsqrt, channels), (.mul, channels)]))
    case "LayerNormalization":
      let x = try c.input(0)
      let axis = try c.axis(try c.int("axis", default: -1), rank: x.shape.count)
      let d = try Checked.product(Array(x.shape[axis...]))
      let groups = d == 0 ? 0 : e / d
      // Per group of D: mean (D−1 adds, 1 div), centre (D subs), variance (D muls, D−1 adds, 1 div),
      // + eps (1 add), rsqrt, normalise (D muls), scale (D muls), bias (D adds).
      try ops.add(.add, try mul(groups, try Checked.multiply(2, max(d - 1, 0)) + 1))
      try ops.add(.div, try mul(groups, 2))
      try ops.add(.rsqrt, groups)
      try ops.add(.sub, e)
      try ops.add(.mul, try mul(e, c.optionalInput(1) != nil ? 3 : 2))
      if c.optionalInput(2) != nil { try ops.add(.add, e) }
    case "ReduceMean", "ReduceSum":
      let inputCount = try c.input(0).elementCount()
      try ops.add(.add, inputCount - e)
      if op == "ReduceMean" { try ops.add(.div, e) }
    case "RNN", "LSTM", "GRU":
      let r = try ShapeInference.recurrent(c)
      let steps = try Checked.product(r.sequence, r.batch, r.directions)
      let gateRows = try mul(r.gates, r.hidden)
      let h = r.hidden
      // Per step and direction: [W R] · [x; h] for every gate row, then the gate arithmetic.
      let step = try OpCounts([(.mul, try mul(gateRows, try Checked.add(r.input, h))), (.add, try mul(gateRows, try Checked.add(r.input, h - 1)))])
      var gate: OpCounts
      switch op {
      case "RNN": gate = try OpCounts([(.tanh, h)])
      case "LSTM": gate = try OpCounts([(.sigmoid, try mul(3, h)), (.tanh, try mul(2, h)), (.mul, try mul(3, h)), (.add, h)])
      default: gate = try OpCounts([(.sigmoid, try mul(2, h)), (.tanh, h), (.mul, try mul(3, h)), (.sub, h), (.add, h)])
      }
      macs = try mul(steps, try mul(gateRows, try Checked.add(r.input, h)))
      biasAdds = c.optionalInput(3) != nil ? try mul(steps, try mul(2, gateRows)) : 0
      extra = try gate.scaled(by: steps)
      ops = try step.scaled(by: steps)
      try ops.add(.add, biasAdds)
    default:
      ops = try elementwise(c, op: op, e: e)
    }
    try ops.add(extra)
    pass.ops = ops
    pass.macCount = macs
    if macs > 0 {
      // MAC layers: 2 FLOPs per MAC plus bias adds, plus their other arithmetic one FLOP per op.
      pass.flopCount = try Checked.add(try Checked.add(try mul(2, macs), biasAdds), try extra.total())
    } else {
      pass.flopCount = try ops.total()
    }
  }

  /// Activations and elementwise arithmetic: per-element op counts.
  static func elementwise(_ c: NodeContext, op: String, e: Int) throws -> OpCounts {
    func times(_ k: Int) throws -> Int { try Checked.multiply(e, k) }
    switch op {
    case "Relu": return try OpCounts([(.compare, e)])
    case "LeakyRelu", "PRelu": return try OpCounts([(.compare, e), (.mul, e)])
    case "Sigmoid": return try OpCounts([(.sigmoid, e)])
    case "Tanh": return try OpCounts([(.tanh, e)])
    case "Gelu": return try OpCounts([(.gelu, e)])
    case "Silu": return try OpCounts([(.silu, e)])
    case "Elu": return try OpCounts([(.elu, e)])
    case "Selu": return try OpCounts([(.elu, e), (.mul, e)])
    case "Softplus": return try OpCounts([(.softplus, e)])
    case "HardSigmoid": return try OpCounts([(.mul, e), (.add, e), (.compare, try times(2))])
    case "HardSwish": return try OpCounts([(.mul, try times(2)), (.add, e), (.compare, try times(2))])
    case "Softmax": return try OpCounts([(.softmax, e)])
    case "LogSoftmax": return try OpCounts([(.softmax, e), (.log, e)])
    case "Add": return try OpCounts([(.add, e)])
    case "Sub", "Neg": return try OpCounts([(.sub, e)])
    case "Mul": return try OpCounts([(.mul, e)])
    case "Div": return try OpCounts([(.div, e)])
    case "Abs": return try OpCounts([(.compare, e)])
    case "Pow":
      let exponent = c.optionalInput(1)?.floatValues ?? c.optionalInput(1)?.integerValues?.map(Double.init)
      if let exponent, exponent.count == 1 {
        if exponent[0] == 2 { return try OpCounts([(.mul, e)]) }
        if exponent[0] == 0.5 { return try OpCounts([(.sqrt, e)]) }
        if exponent[0] == 1 { return OpCounts() }
      }
      // x^y = exp(y × log x)
      return try OpCounts([(.log, e), (.mul, e), (.exp, e)])
    case "Sqrt": return try OpCounts([(.sqrt, e)])
    case "Exp": return try OpCounts([(.exp, e)])
    case "Log": return try OpCounts([(.log, e)])
    case "Reciprocal": return try OpCounts([(.div, e)])
    case "Erf": return try OpCounts([(.erf, e)])
    default: throw c.error("no counting rule")  // unreachable: every supported op is handled
    }
  }
}
