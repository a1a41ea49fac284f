//===--- NetworkCounter.swift ----------------------------------------------===//
// The counting pipeline behind `tosim count`: shape inference, then the
// forward (and, for training, backward and optimizer) rules per node, giving a
// NetworkCount. Steps = ceil(samples / batch) × epochs.
//===----------------------------------------------------------------------===//
import TosimFormats

/// Knobs of a network count.
public struct CountOptions: Sendable {
  /// Batch size, precision override and unknown-operator handling.
  public var inference = InferenceOptions()
  /// Inference, or training with an optimizer.
  public var mode: CountMode = .inference
  /// Samples per epoch (`--samples`); `nil` means one batch.
  public var sampleCount: Int?
  /// Epochs (`--epochs`, default 1).
  public var epochCount = 1
  /// Whether training computes the gradient of the network's inputs (`--input-gradient`); off by
  /// default, as PyTorch and JAX skip it for inputs that do not require a gradient.
  public var inputGradient = false
  /// Whether convolutions are counted as im2col kernels that write and read a column matrix (`--im2col`).
  public var im2col = false

  /// Creates options with the documented defaults.
  public init(inference: InferenceOptions = .init(), mode: CountMode = .inference, sampleCount: Int? = nil, epochCount: Int = 1) {
    self.inference = inference
    self.mode = mode
    self.sampleCount = sampleCount
    self.epochCount = epochCount
  }
}

/// Counts the arithmetic and memory traffic of a graph.
public enum NetworkCounter {
  /// Counts `graph` under `options`.
  ///
  /// - Throws: `InputError` for inconsistent shapes, unknown operators (unless
  ///   allowed), non-positive sample or epoch counts, and counts beyond 64 bits.
  public static func count(_ graph: Graph, options: CountOptions = .init()) throws -> NetworkCount {
    if let samples = options.sampleCount, samples < 1 { throw InputError("samples and epochs must be at least 1") }
    guard options.epochCount >= 1 else { throw InputError("samples and epochs must be at least 1") }
    let inferred = try ShapeInference.infer(graph, options: options.inference)
    let batch = inferred.batchSize
    let samples = options.sampleCount ?? batch
    let stepCount = try Checked.multiply(samples / batch + (samples % batch == 0 ? 0 : 1), options.epochCount, "step count")
    var layers: [LayerCount] = []
    // Tensors a gradient reaches: the inputs when asked, then every output of a node that a gradient reaches or
    // that has trainable parameters.
    var gradientTensors = Set(options.inputGradient ? graph.inputs.map(\.name) : [])
    var countedParameters = Set<String>()
    for context in inferred.nodes {
      var layer = try ForwardCounter.count(
        context, training: options.mode != .inference, im2col: options.im2col, countedParameters: &countedParameters)
      if options.mode != .inference {
        let needs = try inputsNeedingGradient(context, gradientTensors)
        layer.backward = try BackwardCounter.count(context, forward: layer.forward, needsGradient: needs, im2col: options.im2col)
        if !needs.isEmpty { gradientTensors.formUnion(context.node.outputs.filter { !$0.isEmpty }) }
      }
      layers.append(layer)
    }
    var result = NetworkCount(
      name: graph.name, batchSize: batch, mode: options.mode, stepCount: stepCount, layers: layers, skipped: inferred.skipped)
    if case .training(let optimizer) = options.mode {
      for (index, layer) in layers.enumerated() where layer.trainableParameterCount > 0 {
        let precision = layer.precision ?? .fp32
        let n = layer.trainableParameterCount
        var update = PassCount()
        for (op, k) in optimizer.opsPerParameter { try update.ops.add(op, try Checked.multiply(n, k)) }
        update.flopCount = try update.ops.total()
        let bytes = try Checked.multiply(n, precision.bitWidth / 8 == 0 ? 1 : precision.bitWidth / 8, "byte count")
        update.bytesRead = try Checked.multiply(bytes, optimizer.tensorsRead, "byte count")
        update.bytesWritten = try Checked.multiply(bytes, optimizer.tensorsWritten, "byte count")
        update.weightBytes = try Checked.multiply(bytes, 2, "byte count")
        update.gradientBytes = bytes
        update.stateBytes = try Checked.multiply(bytes, 2 * optimizer.stateTensors, "byte count")
        try result.optimizerStateBytes = Checked.add(
          result.optimizerStateBytes, try Checked.multiply(bytes, optimizer.stateTensors, "byte count"), "byte count")
        result.layers[index].optimizer = update
        try result.optimizerByPrecision[precision, default: PassCount()].add(update)
      }
    }
    return result
  }

  /// The input positions of a node that get a gradient: data inputs a gradient reaches and trainable parameters.
  static func inputsNeedingGradient(_ c: NodeContext, _ gradientTensors: Set<String>) throws -> Set<Int> {
    let rule = try c.labelling { try ForwardCounter.rule(of: c) }
    var needs = Set<Int>()
    for (i, name) in c.node.inputs.enumerated() where !name.isEmpty {
      guard let tensor = c.optionalInput(i), !rule.metadataInputs.contains(i) else { continue }
      if ForwardCounter.isParameter(c, rule, input: i, tensor) {
        if !rule.untrainedInputs.contains(i) { needs.insert(i) }
      } else if gradientTensors.contains(name) {
        needs.insert(i)
      }
    }
    return needs
  }
}
