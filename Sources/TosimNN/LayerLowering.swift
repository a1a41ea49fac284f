//===--- LayerLowering.swift -----------------------------------------------===//
// Turns a list of LayerSpecs into a Graph of ONNX operators (dense → Gemm,
// conv2d → Conv, lstm → LSTM, relu → Relu, …) with weight initializers of
// the right sizes, so layer specs and ONNX files share one counting path.
// The input shape follows from the first layer (or an explicit `input(…)`);
// each emitted node's output shape comes from its OperatorRule, the same
// checked arithmetic ONNX files go through. One lowering per layer kind lives
// in LayerLowering+Layers.swift, argument access in LayerLowering+Arguments.
// Errors name the layer and where it was written. Reference of every layer
// and argument: docs/network-counter.md, §Layer spec. Reached from
// `tosim count` through TosimIO.ModelLoader.
//===----------------------------------------------------------------------===//
import TosimFormats

/// Lowers layer specs to graphs.
public enum LayerLowering {
  /// How one layer kind is lowered: its argument names and the builder step.
  struct LayerKind: Sendable {
    /// The argument names, in positional order.
    let arguments: [String]
    /// Whether the layer can come first (it fixes the input shape).
    let canStart: Bool
    /// Appends the layer's nodes.
    let lower: @Sendable (inout Builder, Arguments, _ name: String) throws -> Void
  }

  /// Every layer kind by name (`linear` is an alias of `dense`).
  static let kinds: [String: LayerKind] = {
    var kinds: [String: LayerKind] = [
      "input": LayerKind(arguments: ["shape"], canStart: true) { builder, a, _ in try builder.lowerInput(a) },
      "dense": LayerKind(arguments: ["in", "out", "bias"], canStart: true) { try $0.lowerDense($1, $2) },
      "conv1d": LayerKind(arguments: convolutionArguments, canStart: true) { try $0.lowerConvolution($1, $2, spatial: 1) },
      "conv2d": LayerKind(arguments: convolutionArguments, canStart: true) { try $0.lowerConvolution($1, $2, spatial: 2) },
      "maxpool": LayerKind(arguments: ["k", "stride", "pad"], canStart: false) { try $0.lowerPooling($1, $2, op: "MaxPool") },
      "avgpool": LayerKind(arguments: ["k", "stride", "pad"], canStart: false) { try $0.lowerPooling($1, $2, op: "AveragePool") },
      "globalavgpool": LayerKind(arguments: [], canStart: false) { try $0.lowerGlobalPooling($1, $2) },
      "adaptiveavgpool": LayerKind(arguments: ["out"], canStart: false) { try $0.lowerAdaptivePooling($1, $2) },
      "dwconv1d": LayerKind(arguments: depthwiseArguments, canStart: true) { try $0.lowerDepthwise($1, $2, spatial: 1) },
      "dwconv2d": LayerKind(arguments: depthwiseArguments, canStart: true) { try $0.lowerDepthwise($1, $2, spatial: 2) },
      "add": LayerKind(arguments: ["from"], canStart: false) { try $0.lowerResidual($1, $2, op: "Add") },
      "concat": LayerKind(arguments: ["from"], canStart: false) { try $0.lowerResidual($1, $2, op: "Concat") },
      "take": LayerKind(arguments: ["from"], canStart: false) { try $0.lowerTake($1, $2) },
      "channelslast": LayerKind(arguments: [], canStart: false) { try $0.lowerPermute($1, $2, toChannelsLast: true) },
      "channelsfirst": LayerKind(arguments: [], canStart: false) { try $0.lowerPermute($1, $2, toChannelsLast: false) },
      "mse": LayerKind(arguments: [], canStart: false) { try $0.lowerLoss($1, $2, .mse) },
      "crossentropy": LayerKind(arguments: ["fused"], canStart: false) { try $0.lowerLoss($1, $2, .crossEntropy) },
      "batchnorm": LayerKind(arguments: ["c"], canStart: false) { try $0.lowerBatchNorm($1, $2) },
      "layernorm": LayerKind(arguments: ["d"], canStart: false) { try $0.lowerLayerNorm($1, $2) },
      "dropout": LayerKind(arguments: ["p"], canStart: false) { try $0.lowerDropout($1, $2) },
      "flatten": LayerKind(arguments: [], canStart: false) { try $0.lowerFlatten($1, $2) },
      "lstm": LayerKind(arguments: recurrentArguments, canStart: true) { try $0.lowerRecurrent($1, $2, op: "LSTM", gates: 4) },
      "gru": LayerKind(arguments: recurrentArguments, canStart: true) { try $0.lowerRecurrent($1, $2, op: "GRU", gates: 3) },
      "rnn": LayerKind(arguments: recurrentArguments, canStart: true) { try $0.lowerRecurrent($1, $2, op: "RNN", gates: 1) },
    ]
    kinds["linear"] = kinds["dense"]
    for (name, op) in activations {
      let arguments = name == "leakyrelu" || name == "elu" ? ["alpha"] : []
      kinds[name] = LayerKind(arguments: arguments, canStart: false) { try $0.lowerActivation($1, $2, kind: name, op: op) }
    }
    return kinds
  }()

  static let convolutionArguments = ["c_in", "c_out", "k", "stride", "pad", "dilation", "groups", "bias", "in", "depthwise"]
  static let depthwiseArguments = ["c", "k", "stride", "pad", "dilation", "multiplier", "bias", "in"]
  static let recurrentArguments = ["in", "hidden", "seq", "sequences"]

  /// Every layer name the lowering accepts.
  public static let layerNames: [String] = [
    "input", "dense", "linear", "conv1d", "conv2d", "dwconv1d", "dwconv2d", "maxpool", "avgpool", "globalavgpool",
    "adaptiveavgpool", "batchnorm", "layernorm", "dropout", "flatten", "add", "concat", "take", "channelslast", "channelsfirst",
    "lstm", "gru", "rnn", "mse",
    "crossentropy",
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
  ///   layers, bad, repeated or missing arguments and shape mismatches.
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

  /// Builds the graph layer by layer, resolving each node's outputs (batch as 1) with its operator rule.
  struct Builder {
    let element: ElementType
    var graph: Graph
    /// Every tensor so far, resolved.
    var tensors: [String: ResolvedTensor] = [:]
    var current = ""
    var batchAxis = 0
    /// The output tensor and batch axis of each layer lowered so far (layer k at index k − 1).
    var layerOutputs: [(tensor: String, batchAxis: Int)] = []
    /// Whether a loss layer has been lowered (it must be the last layer).
    var hasLoss = false

    init(precision: Precision, name: String) {
      element = ElementType(precision)
      graph = Graph(name: name)
    }

    /// The shape of the current tensor.
    var shape: [Int] { tensors[current]?.shape ?? [] }

    mutating func finish() -> Graph {
      var dims = shape.map { Dimension.value($0) }
      if !dims.isEmpty { dims[batchAxis] = .symbol("N") }
      graph.outputs = [ValueInfo(name: current, type: TensorType(element: element, dimensions: dims))]
      return graph
    }

    mutating func lower(_ layer: LayerSpec, index: Int) throws {
      let name = "\(index + 1):\(layer.name)"
      guard let kind = LayerLowering.kinds[layer.name] else {
        throw InputError("unknown layer '\(layer.name)'; known layers: \(LayerLowering.layerNames.joined(separator: ", "))")
      }
      let isFirst = index == 0
      if !isFirst && layer.name == "input" { throw InputError("'input' can only be the first layer") }
      if isFirst && !kind.canStart {
        throw InputError("the first layer must fix the input shape: start with input(…), dense, conv1d, conv2d, lstm, gru or rnn")
      }
      if hasLoss { throw InputError("a loss (mse, crossentropy) must be the last layer") }
      try kind.lower(&self, try Arguments(layer, names: kind.arguments, isFirst: isFirst), name)
      layerOutputs.append((current, batchAxis))
    }

    mutating func setInput(_ shape: [Int], batchAxis: Int) throws {
      self.batchAxis = batchAxis
      current = "input"
      let tensor = ResolvedTensor(element: element, shape: shape)
      _ = try tensor.elementCount()
      tensors[current] = tensor
      var dims = shape.map { Dimension.value($0) }
      dims[batchAxis] = .symbol("N")
      graph.inputs = [ValueInfo(name: "input", type: TensorType(element: element, dimensions: dims))]
    }

    mutating func weight(_ prefix: String, _ dims: [Int]) throws -> String {
      let name = "\(prefix).w\(graph.initializers.count)"
      let tensor = ResolvedTensor(element: element, shape: dims)
      _ = try tensor.elementCount()
      tensors[name] = tensor
      graph.initializers.append(Initializer(name: name, element: element, dimensions: dims))
      return name
    }

    mutating func intConstant(_ prefix: String, _ values: [Int]) -> String {
      let name = "\(prefix).c\(graph.initializers.count)"
      tensors[name] = ResolvedTensor(element: .int64, shape: [values.count], integerValues: values)
      graph.initializers.append(Initializer(name: name, element: .int64, dimensions: [values.count], integerValues: values))
      return name
    }

    /// Appends a node and resolves its outputs with its operator rule; its first named output becomes current.
    mutating func node(
      _ name: String, _ op: String, _ inputs: [String], _ attributes: [Attribute] = [], outputs: [String]? = nil, domain: String = ""
    ) throws {
      let node = Node(name: name, opType: op, domain: domain, inputs: inputs, outputs: outputs ?? ["\(name).out"], attributes: attributes)
      let context = NodeContext(
        node: node, index: graph.nodes.count, opsetVersion: graph.opsetVersion, inputs: inputs.map { tensors[$0] },
        isInitializer: inputs.map { name in graph.initializers.contains { $0.name == name } })
      guard let rule = OperatorRule.rule(for: op, domain: domain) else { throw context.error("no operator rule") }
      let resolved = try context.labelling { try rule.outputs(context) }
      for (output, tensor) in zip(node.outputs, resolved) where !output.isEmpty {
        _ = try context.labelling { try tensor.elementCount() }
        tensors[output] = tensor
      }
      graph.nodes.append(node)
      current = node.outputs.first { !$0.isEmpty } ?? current
    }

    var shapeText: String {
      shape.enumerated().map { $0.offset == batchAxis ? "N" : String($0.element) }.joined(separator: "x")
    }
  }
}
