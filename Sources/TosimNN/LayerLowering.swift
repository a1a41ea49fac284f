//===--- LayerLowering.swift -----------------------------------------------===//
// Turns a list of LayerSpecs into a Graph of ONNX operators (dense → Gemm,
// conv2d → Conv, lstm → LSTM, relu → Relu, …) with weight initializers of
// the right sizes, so layer specs and ONNX files share one counting path.
// The input shape follows from the first layer (or an explicit `input(…)`);
// each layer's arguments are checked against the shape it receives, and
// errors name the layer and where it was written. Reference of every layer
// and argument: docs/network-counter.md, §Layer spec.
//===----------------------------------------------------------------------===//
import TosimFormats

/// Lowers layer specs to graphs.
public enum LayerLowering {
  /// Every layer name the lowering accepts.
  public static let layerNames: [String] = [
    "input", "dense", "linear", "conv1d", "conv2d", "maxpool", "avgpool", "globalavgpool", "batchnorm", "layernorm",
    "dropout", "flatten", "lstm", "gru", "rnn",
  ] + activations.keys.sorted()

  /// Activation names and the ONNX operator each becomes.
  static let activations: [String: String] = [
    "relu": "Relu", "leakyrelu": "LeakyRelu", "sigmoid": "Sigmoid", "tanh": "Tanh", "gelu": "Gelu", "silu": "Silu",
    "softmax": "Softmax", "elu": "Elu", "selu": "Selu", "softplus": "Softplus", "hardsigmoid": "HardSigmoid",
    "hardswish": "HardSwish",
  ]

  /// The graph of `layers` with all tensors at `precision`.
  ///
  /// - Throws: `InputError` naming the layer and its location for unknown
  ///   layers, bad or missing arguments and shape mismatches.
  public static func graph(_ layers: [LayerSpec], precision: Precision, name: String = "layers") throws -> Graph {
    var builder = Builder(precision: precision, name: name)
    guard !layers.isEmpty else { throw InputError("the layer spec has no layers") }
    for (index, layer) in layers.enumerated() {
      do {
        try builder.lower(layer, index: index)
      } catch let error as InputError {
        let location = layer.location.isEmpty ? "" : " at \(layer.location)"
        throw InputError("layer \(index + 1) '\(layer.text)'\(location): \(error.message)", file: error.file)
      }
    }
    return builder.finish()
  }

  /// Checked access to one layer's arguments.
  struct Arguments {
    let layer: LayerSpec
    let names: [String]
    var used = Set<String>()

    init(_ layer: LayerSpec, names: [String]) throws {
      self.layer = layer
      self.names = names
      guard layer.positional.count <= names.count else {
        throw InputError("takes at most \(names.count) positional arguments (\(names.joined(separator: ", ")))")
      }
      for keyword in layer.keywords where !names.contains(keyword.key) {
        throw InputError("unknown argument '\(keyword.key)'; expected \(names.isEmpty ? "none" : names.joined(separator: ", "))")
      }
      for (i, name) in names.enumerated() where i < layer.positional.count {
        if layer.keywords.contains(where: { $0.key == name }) { throw InputError("argument '\(name)' given twice") }
      }
    }

    func text(_ name: String) -> String? {
      if let i = names.firstIndex(of: name), i < layer.positional.count { return layer.positional[i] }
      return layer.keywords.last { $0.key == name }?.value
    }

    func int(_ name: String, default defaultValue: Int? = nil, minimum: Int = 1) throws -> Int {
      guard let text = text(name) else {
        if let defaultValue { return defaultValue }
        throw InputError("missing argument '\(name)'")
      }
      guard let value = Int(text), value >= minimum, value <= 1 << 40 else {
        throw InputError("argument '\(name)' should be a whole number from \(minimum) to 2^40, got '\(text)'")
      }
      return value
    }

    func bool(_ name: String, default defaultValue: Bool) throws -> Bool {
      guard let text = text(name) else { return defaultValue }
      switch text.lowercased() {
      case "true", "1", "yes": return true
      case "false", "0", "no": return false
      default: throw InputError("argument '\(name)' should be true or false, got '\(text)'")
      }
    }

    func double(_ name: String, default defaultValue: Double) throws -> Double {
      guard let text = text(name) else { return defaultValue }
      guard let value = Double(text), value.isFinite else { throw InputError("argument '\(name)' should be a number, got '\(text)'") }
      return value
    }

    /// `32x32` or `32` → [32, 32] / [32].
    func sizes(_ name: String) throws -> [Int]? {
      guard let text = text(name) else { return nil }
      let parts = text.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
      guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= 1 << 40 }) else {
        throw InputError("argument '\(name)' should be sizes like 32x32, got '\(text)'")
      }
      return parts.compactMap { $0 }
    }
  }

  /// Builds the graph layer by layer, tracking the current tensor's shape (batch as 1).
  struct Builder {
    let element: ElementType
    var graph: Graph
    var current = ""
    var shape: [Int] = []
    var batchAxis = 0
    var counter = 0

    init(precision: Precision, name: String) {
      element = ElementType(precision)
      graph = Graph(name: name)
    }

    mutating func finish() -> Graph {
      var dims = shape.map { Dimension.value($0) }
      if !dims.isEmpty { dims[batchAxis] = .symbol("N") }
      graph.outputs = [ValueInfo(name: current, type: TensorType(element: element, dimensions: dims))]
      return graph
    }

    mutating func setInput(_ shape: [Int], batchAxis: Int) {
      self.shape = shape
      self.batchAxis = batchAxis
      current = "input"
      var dims = shape.map { Dimension.value($0) }
      dims[batchAxis] = .symbol("N")
      graph.inputs = [ValueInfo(name: "input", type: TensorType(element: element, dimensions: dims))]
    }

    mutating func weight(_ prefix: String, _ dims: [Int]) -> String {
      let name = "\(prefix).w\(graph.initializers.count)"
      graph.initializers.append(Initializer(name: name, element: element, dimensions: dims))
      return name
    }

    mutating func intConstant(_ prefix: String, _ values: [Int]) -> String {
      let name = "\(prefix).c\(graph.initializers.count)"
      graph.initializers.append(Initializer(name: name, element: .int64, dimensions: [values.count], integerValues: values))
      return name
    }

    mutating func node(_ name: String, _ op: String, _ inputs: [String], _ attributes: [Attribute] = [], outputs: [String]? = nil) {
      counter += 1
      let output = "\(name).out"
      graph.nodes.append(Node(name: name, opType: op, inputs: inputs, outputs: outputs ?? [output], attributes: attributes))
      current = outputs?.first(where: { !$0.isEmpty }) ?? output
    }

    mutating func lower(_ layer: LayerSpec, index: Int) throws {
      let name = "\(index + 1):\(layer.name)"
      let kind = layer.name == "linear" ? "dense" : layer.name
      let isFirst = index == 0
      if !isFirst && kind == "input" { throw InputError("'input' can only be the first layer") }
      if isFirst && !["input", "dense", "conv1d", "conv2d", "lstm", "gru", "rnn"].contains(kind) {
        throw InputError("the first layer must fix the input shape: start with input(…), dense, conv1d, conv2d, lstm, gru or rnn")
      }
      if let op = activations[kind] {
        let a = try Arguments(layer, names: kind == "leakyrelu" || kind == "elu" ? ["alpha"] : [])
        var attributes: [Attribute] = []
        if kind == "leakyrelu" { attributes.append(Attribute("alpha", .float(try a.double("alpha", default: 0.01)))) }
        if kind == "elu" { attributes.append(Attribute("alpha", .float(try a.double("alpha", default: 1)))) }
        if kind == "softmax" { attributes.append(Attribute("axis", .int(-1))) }
        node(name, op, [current], attributes)
        return
      }
      switch kind {
      case "input":
        let a = try Arguments(layer, names: ["shape"])
        guard let sizes = try a.sizes("shape") else { throw InputError("missing argument 'shape' (e.g. input(3x32x32))") }
        setInput([1] + sizes, batchAxis: 0)
      case "dense":
        let a = try Arguments(layer, names: ["in", "out", "bias"])
        let inputs = try a.int("in"), outputs = try a.int("out"), bias = try a.bool("bias", default: true)
        if isFirst { setInput([1, inputs], batchAxis: 0) }
        guard shape.last == inputs else { throw InputError("expects \(inputs) input features but receives shape \(shapeText)") }
        if shape.count == 2 {
          let w = weight(name, [outputs, inputs])
          let b = bias ? [weight(name, [outputs])] : []
          node(name, "Gemm", [current, w] + b, [Attribute("transB", .int(1))])
        } else {
          node(name, "MatMul", [current, weight(name, [inputs, outputs])])
          if bias { node(name + ".bias", "Add", [current, weight(name, [outputs])]) }
        }
        shape[shape.count - 1] = outputs
      case "conv1d", "conv2d":
        let spatial = kind == "conv1d" ? 1 : 2
        let a = try Arguments(layer, names: ["c_in", "c_out", "k", "stride", "pad", "dilation", "groups", "bias", "in"])
        let cIn = try a.int("c_in"), cOut = try a.int("c_out"), k = try a.int("k")
        let stride = try a.int("stride", default: 1), pad = try a.int("pad", default: 0, minimum: 0)
        let dilation = try a.int("dilation", default: 1), groups = try a.int("groups", default: 1)
        if isFirst {
          guard let size = try a.sizes("in") else { throw InputError("the first \(kind) needs its input size, e.g. in=\(spatial == 2 ? "32x32" : "128")") }
          let full = size.count == 1 && spatial == 2 ? [size[0], size[0]] : size
          guard full.count == spatial else { throw InputError("in= needs \(spatial) size(s)") }
          setInput([1, cIn] + full, batchAxis: 0)
        }
        guard shape.count == 2 + spatial, shape[1] == cIn else {
          throw InputError("expects \(cIn) channels in \(spatial)-D but receives shape \(shapeText)")
        }
        guard cIn % groups == 0, cOut % groups == 0 else { throw InputError("groups=\(groups) must divide c_in=\(cIn) and c_out=\(cOut)") }
        let w = weight(name, [cOut, cIn / groups] + Array(repeating: k, count: spatial))
        let b = try a.bool("bias", default: true) ? [weight(name, [cOut])] : []
        node(name, "Conv", [current, w] + b, [
          Attribute("kernel_shape", .ints(Array(repeating: k, count: spatial))),
          Attribute("strides", .ints(Array(repeating: stride, count: spatial))),
          Attribute("pads", .ints(Array(repeating: pad, count: 2 * spatial))),
          Attribute("dilations", .ints(Array(repeating: dilation, count: spatial))), Attribute("group", .int(groups)),
        ])
        for i in 0..<spatial {
          let extent = dilation * (k - 1) + 1
          guard shape[2 + i] + 2 * pad >= extent else { throw InputError("kernel extent \(extent) exceeds the padded input \(shapeText)") }
          shape[2 + i] = (shape[2 + i] + 2 * pad - extent) / stride + 1
        }
        shape[1] = cOut
      case "maxpool", "avgpool":
        let a = try Arguments(layer, names: ["k", "stride", "pad"])
        let k = try a.int("k"), stride = try a.int("stride", default: k), pad = try a.int("pad", default: 0, minimum: 0)
        let spatial = shape.count - 2
        guard spatial >= 1, batchAxis == 0 else { throw InputError("pooling needs an [N, C, …] input, receives \(shapeText)") }
        node(name, kind == "maxpool" ? "MaxPool" : "AveragePool", [current], [
          Attribute("kernel_shape", .ints(Array(repeating: k, count: spatial))),
          Attribute("strides", .ints(Array(repeating: stride, count: spatial))),
          Attribute("pads", .ints(Array(repeating: pad, count: 2 * spatial))),
        ])
        for i in 0..<spatial {
          guard shape[2 + i] + 2 * pad >= k else { throw InputError("window \(k) exceeds the padded input \(shapeText)") }
          shape[2 + i] = (shape[2 + i] + 2 * pad - k) / stride + 1
        }
      case "globalavgpool":
        _ = try Arguments(layer, names: [])
        guard shape.count >= 3, batchAxis == 0 else { throw InputError("needs an [N, C, …] input, receives \(shapeText)") }
        node(name, "GlobalAveragePool", [current])
        shape = Array(shape.prefix(2)) + Array(repeating: 1, count: shape.count - 2)
      case "batchnorm":
        let a = try Arguments(layer, names: ["c"])
        guard shape.count >= 2, batchAxis == 0 else { throw InputError("needs an [N, C, …] input, receives \(shapeText)") }
        let c = try a.int("c", default: shape[1])
        guard c == shape[1] else { throw InputError("expects \(c) channels but receives shape \(shapeText)") }
        node(name, "BatchNormalization", [current] + (0..<4).map { _ in weight(name, [c]) })
      case "layernorm":
        let a = try Arguments(layer, names: ["d"])
        let d = try a.int("d", default: shape.last ?? 1)
        guard d == shape.last else { throw InputError("normalises \(d) features but receives shape \(shapeText)") }
        node(name, "LayerNormalization", [current, weight(name, [d]), weight(name, [d])], [Attribute("axis", .int(-1))])
      case "dropout":
        let a = try Arguments(layer, names: ["p"])
        let p = try a.double("p", default: 0.5)
        guard p >= 0, p < 1 else { throw InputError("argument 'p' should be in [0, 1)") }
        node(name, "Dropout", [current], [Attribute("ratio", .float(p))])
      case "flatten":
        _ = try Arguments(layer, names: [])
        guard batchAxis == 0 else { throw InputError("flatten needs the batch first, receives \(shapeText)") }
        node(name, "Flatten", [current], [Attribute("axis", .int(1))])
        shape = [1, try Checked.product(Array(shape.dropFirst()))]
      case "lstm", "gru", "rnn":
        let a = try Arguments(layer, names: ["in", "hidden", "seq", "sequences"])
        let inputs = try a.int("in"), hidden = try a.int("hidden")
        let gates = ["lstm": 4, "gru": 3, "rnn": 1][kind] ?? 1
        if isFirst { setInput([try a.int("seq", default: 1), 1, inputs], batchAxis: 1) }
        guard shape.count == 3, batchAxis == 1, shape[2] == inputs else {
          throw InputError("expects a [seq, N, \(inputs)] input but receives shape \(shapeText)")
        }
        let w = weight(name, [1, gates * hidden, inputs]), r = weight(name, [1, gates * hidden, hidden])
        let b = weight(name, [1, 2 * gates * hidden])
        let sequences = try a.bool("sequences", default: false)
        let op = kind == "lstm" ? "LSTM" : kind == "gru" ? "GRU" : "RNN"
        node(name, op, [current, w, r, b], [Attribute("hidden_size", .int(hidden))],
          outputs: sequences ? ["\(name).y", ""] : ["", "\(name).h"])
        let target = sequences ? [0, -1, hidden] : [-1, hidden]
        node(name + ".reshape", "Reshape", [current, intConstant(name, target)])
        if sequences {
          shape = [shape[0], 1, hidden]
        } else {
          shape = [1, hidden]
          batchAxis = 0
        }
      default:
        throw InputError("unknown layer '\(layer.name)'; known layers: \(LayerLowering.layerNames.joined(separator: ", "))")
      }
    }

    var shapeText: String {
      shape.enumerated().map { $0.offset == batchAxis ? "N" : String($0.element) }.joined(separator: "x")
    }
  }
}
