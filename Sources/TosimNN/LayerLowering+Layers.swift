//===--- LayerLowering+Layers.swift ----------------------------------------===//
// One lowering per layer kind of the layer spec: the nodes and weights each
// kind becomes and the checks of its arguments against the shape it receives.
// Output shapes are not computed here: LayerLowering.Builder.node resolves
// them with the operators' rules (docs/network-counter.md, §Layer spec).
//===----------------------------------------------------------------------===//
import TosimFormats

extension LayerLowering.Builder {
  typealias Arguments = LayerLowering.Arguments

  /// `input(3x32x32)`: the input shape, batch first.
  mutating func lowerInput(_ a: Arguments) throws {
    guard let sizes = try a.sizes("shape") else { throw InputError("missing argument 'shape' (e.g. input(3x32x32))") }
    try setInput([1] + sizes, batchAxis: 0)
  }

  /// `dense(in, out, bias)`: Gemm on [N, in], else MatMul (+ Add) on the last axis.
  mutating func lowerDense(_ a: Arguments, _ name: String) throws {
    let inputs = try a.int("in"), outputs = try a.int("out"), bias = try a.bool("bias", default: true)
    if a.isFirst { try setInput([1, inputs], batchAxis: 0) }
    guard shape.last == inputs else { throw InputError("expects \(inputs) input features but receives shape \(shapeText)") }
    if shape.count == 2 {
      let w = try weight(name, [outputs, inputs])
      let b = bias ? [try weight(name, [outputs])] : []
      try node(name, "Gemm", [current, w] + b, [Attribute("transB", .int(1))])
    } else {
      try node(name, "MatMul", [current, try weight(name, [inputs, outputs])])
      if bias { try node(name + ".bias", "Add", [current, try weight(name, [outputs])]) }
    }
  }

  /// `conv1d` / `conv2d(c_in, c_out, k, stride, pad, dilation, groups, bias, in)`: Conv.
  mutating func lowerConvolution(_ a: Arguments, _ name: String, spatial: Int) throws {
    let kind = a.layer.name
    let cIn = try a.int("c_in"), cOut = try a.int("c_out"), k = try a.int("k")
    let stride = try a.int("stride", default: 1), pad = try a.int("pad", default: 0, minimum: 0)
    let dilation = try a.int("dilation", default: 1), groups = try a.int("groups", default: 1)
    if a.isFirst {
      guard let size = try a.sizes("in") else { throw InputError("the first \(kind) needs its input size, e.g. in=\(spatial == 2 ? "32x32" : "128")") }
      let full = size.count == 1 && spatial == 2 ? [size[0], size[0]] : size
      guard full.count == spatial else { throw InputError("in= needs \(spatial) size(s)") }
      try setInput([1, cIn] + full, batchAxis: 0)
    }
    guard shape.count == 2 + spatial, shape[1] == cIn else {
      throw InputError("expects \(cIn) channels in \(spatial)-D but receives shape \(shapeText)")
    }
    guard cIn % groups == 0, cOut % groups == 0 else { throw InputError("groups=\(groups) must divide c_in=\(cIn) and c_out=\(cOut)") }
    let w = try weight(name, [cOut, cIn / groups] + Array(repeating: k, count: spatial))
    let b = try a.bool("bias", default: true) ? [try weight(name, [cOut])] : []
    try node(name, "Conv", [current, w] + b, [
      Attribute("kernel_shape", .ints(Array(repeating: k, count: spatial))),
      Attribute("strides", .ints(Array(repeating: stride, count: spatial))),
      Attribute("pads", .ints(Array(repeating: pad, count: 2 * spatial))),
      Attribute("dilations", .ints(Array(repeating: dilation, count: spatial))), Attribute("group", .int(groups)),
    ])
  }

  /// `maxpool` / `avgpool(k, stride = k, pad)` over every spatial axis.
  mutating func lowerPooling(_ a: Arguments, _ name: String, op: String) throws {
    let k = try a.int("k"), stride = try a.int("stride", default: k), pad = try a.int("pad", default: 0, minimum: 0)
    let spatial = shape.count - 2
    guard spatial >= 1, batchAxis == 0 else { throw InputError("pooling needs an [N, C, …] input, receives \(shapeText)") }
    try node(name, op, [current], [
      Attribute("kernel_shape", .ints(Array(repeating: k, count: spatial))),
      Attribute("strides", .ints(Array(repeating: stride, count: spatial))),
      Attribute("pads", .ints(Array(repeating: pad, count: 2 * spatial))),
    ])
  }

  /// `globalavgpool`: GlobalAveragePool.
  mutating func lowerGlobalPooling(_ a: Arguments, _ name: String) throws {
    guard shape.count >= 3, batchAxis == 0 else { throw InputError("needs an [N, C, …] input, receives \(shapeText)") }
    try node(name, "GlobalAveragePool", [current])
  }

  /// `batchnorm(c)`: BatchNormalization with γ, β, mean and variance.
  mutating func lowerBatchNorm(_ a: Arguments, _ name: String) throws {
    guard shape.count >= 2, batchAxis == 0 else { throw InputError("needs an [N, C, …] input, receives \(shapeText)") }
    let c = try a.int("c", default: shape[1])
    guard c == shape[1] else { throw InputError("expects \(c) channels but receives shape \(shapeText)") }
    var inputs = [current]
    for _ in 0..<4 { inputs.append(try weight(name, [c])) }
    try node(name, "BatchNormalization", inputs)
  }

  /// `layernorm(d)`: LayerNormalization over the last axis with γ and β.
  mutating func lowerLayerNorm(_ a: Arguments, _ name: String) throws {
    let d = try a.int("d", default: shape.last ?? 1)
    guard d == shape.last else { throw InputError("normalises \(d) features but receives shape \(shapeText)") }
    try node(name, "LayerNormalization", [current, try weight(name, [d]), try weight(name, [d])], [Attribute("axis", .int(-1))])
  }

  /// `dropout(p)`: Dropout, a view.
  mutating func lowerDropout(_ a: Arguments, _ name: String) throws {
    let p = try a.double("p", default: 0.5)
    guard p >= 0, p < 1 else { throw InputError("argument 'p' should be in [0, 1)") }
    try node(name, "Dropout", [current], [Attribute("ratio", .float(p))])
  }

  /// `flatten`: Flatten at axis 1.
  mutating func lowerFlatten(_ a: Arguments, _ name: String) throws {
    guard batchAxis == 0 else { throw InputError("flatten needs the batch first, receives \(shapeText)") }
    try node(name, "Flatten", [current], [Attribute("axis", .int(1))])
  }

  /// `lstm` / `gru` / `rnn(in, hidden, seq, sequences)`: the recurrent node, then a Reshape dropping the direction axis.
  mutating func lowerRecurrent(_ a: Arguments, _ name: String, op: String, gates: Int) throws {
    let inputs = try a.int("in"), hidden = try a.int("hidden")
    if a.isFirst { try setInput([try a.int("seq", default: 1), 1, inputs], batchAxis: 1) }
    guard shape.count == 3, batchAxis == 1, shape[2] == inputs else {
      throw InputError("expects a [seq, N, \(inputs)] input but receives shape \(shapeText)")
    }
    let gateRows = try Checked.multiply(gates, hidden, "gate rows")
    let w = try weight(name, [1, gateRows, inputs]), r = try weight(name, [1, gateRows, hidden])
    let b = try weight(name, [1, try Checked.multiply(2, gateRows, "gate rows")])
    let sequences = try a.bool("sequences", default: false)
    try node(name, op, [current, w, r, b], [Attribute("hidden_size", .int(hidden))],
      outputs: sequences ? ["\(name).y", ""] : ["", "\(name).h"])
    try node(name + ".reshape", "Reshape", [current, intConstant(name, sequences ? [0, -1, hidden] : [-1, hidden])])
    if !sequences { batchAxis = 0 }
  }

  /// An activation (`relu`, `leakyrelu(alpha)`, `softmax`, …): its ONNX operator.
  mutating func lowerActivation(_ a: Arguments, _ name: String, kind: String, op: String) throws {
    var attributes: [Attribute] = []
    if kind == "leakyrelu" { attributes.append(Attribute("alpha", .float(try a.double("alpha", default: 0.01)))) }
    if kind == "elu" { attributes.append(Attribute("alpha", .float(try a.double("alpha", default: 1)))) }
    if kind == "softmax" { attributes.append(Attribute("axis", .int(-1))) }
    try node(name, op, [current], attributes)
  }
}
