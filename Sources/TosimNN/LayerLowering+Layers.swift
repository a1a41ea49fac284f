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

  /// `conv1d` / `conv2d(c_in, c_out, k, stride, pad, dilation, groups, bias, in, depthwise)`: Conv;
  /// `depthwise=true` means groups = c_in.
  mutating func lowerConvolution(_ a: Arguments, _ name: String, spatial: Int) throws {
    let cIn = try a.int("c_in")
    var groups = try a.int("groups", default: 1)
    if try a.bool("depthwise", default: false) {
      guard a.text("groups") == nil || groups == cIn else { throw InputError("depthwise=true means groups=\(cIn) (c_in), not groups=\(groups)") }
      groups = cIn
    }
    try convolution(a, name, spatial: spatial, cIn: cIn, cOut: try a.int("c_out"), groups: groups)
  }

  /// `dwconv1d` / `dwconv2d(c, k, stride, pad, dilation, multiplier, bias, in)`: a depthwise Conv, groups = c,
  /// c × multiplier outputs.
  mutating func lowerDepthwise(_ a: Arguments, _ name: String, spatial: Int) throws {
    let c = try a.int("c")
    try convolution(a, name, spatial: spatial, cIn: c, cOut: try Checked.multiply(c, try a.int("multiplier", default: 1), "channels"), groups: c)
  }

  /// A Conv node from the arguments k, stride, pad, dilation, bias and (first layer) in.
  mutating func convolution(_ a: Arguments, _ name: String, spatial: Int, cIn: Int, cOut: Int, groups: Int) throws {
    let kind = a.layer.name
    let k = try a.int("k")
    let stride = try a.int("stride", default: 1), pad = try a.int("pad", default: 0, minimum: 0)
    let dilation = try a.int("dilation", default: 1)
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

  /// `adaptiveavgpool(out)`: average pooling to `out` (`7x7`, or `1` for every spatial axis), PyTorch's windows.
  mutating func lowerAdaptivePooling(_ a: Arguments, _ name: String) throws {
    guard shape.count >= 3, batchAxis == 0 else { throw InputError("needs an [N, C, …] input, receives \(shapeText)") }
    guard let sizes = try a.sizes("out") else { throw InputError("missing argument 'out' (e.g. adaptiveavgpool(7x7))") }
    let spatial = shape.count - 2
    let out = sizes.count == 1 ? Array(repeating: sizes[0], count: spatial) : sizes
    guard out.count == spatial else { throw InputError("out= needs \(spatial) size(s) for \(shapeText)") }
    try node(name, "AdaptiveAveragePool", [current], [Attribute("output_size", .ints(out))], domain: OperatorRule.tosimDomain)
  }

  /// `channelslast` / `channelsfirst`: a Transpose (a copy) of [N, C, …] to [N, …, C] and back, so that
  /// `dense` and `layernorm` act on channels (ConvNeXt's blocks).
  mutating func lowerPermute(_ a: Arguments, _ name: String, toChannelsLast: Bool) throws {
    guard shape.count >= 3, batchAxis == 0 else { throw InputError("needs an [N, C, …] input, receives \(shapeText)") }
    let rank = shape.count
    let perm = toChannelsLast ? [0] + Array(2..<rank) + [1] : [0, rank - 1] + Array(1..<(rank - 1))
    try node(name, "Transpose", [current], [Attribute("perm", .ints(perm))])
  }

  /// `take(from)`: continues from layer `from`'s output (a branch, such as ResNet's downsampling path); no node.
  mutating func lowerTake(_ a: Arguments, _ name: String) throws {
    let from = try a.int("from")
    guard from <= layerOutputs.count else { throw InputError("from=\(from) names no earlier layer (there are \(layerOutputs.count))") }
    (current, batchAxis) = layerOutputs[from - 1]
  }

  /// `add(from)` / `concat(from)`: the residual sum, or the channel concatenation, of the current tensor and
  /// layer `from`'s output (layers count from 1).
  mutating func lowerResidual(_ a: Arguments, _ name: String, op: String) throws {
    let from = try a.int("from")
    guard from <= layerOutputs.count else { throw InputError("from=\(from) names no earlier layer (there are \(layerOutputs.count))") }
    let other = layerOutputs[from - 1]
    let otherShape = tensors[other.tensor]?.shape ?? []
    guard other.batchAxis == batchAxis else { throw InputError("layer \(from) has its batch on another axis") }
    if op == "Add" {
      guard otherShape == shape else {
        throw InputError("adds layer \(from)'s output \(otherShape) to a \(shape) input; the shapes must be equal")
      }
      try node(name, "Add", [current, other.tensor])
    } else {
      guard shape.count >= 2, batchAxis == 0 else { throw InputError("concat needs an [N, C, …] input, receives \(shapeText)") }
      try node(name, "Concat", [other.tensor, current], [Attribute("axis", .int(1))])
    }
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
