//===--- NetworkCount.swift ------------------------------------------------===//
// The result of counting a network: one LayerCount per node, the optimizer
// update, the number of steps, and totals per precision and overall.
//===----------------------------------------------------------------------===//
import TosimFormats

/// Whether a count covers inference or training.
public enum CountMode: Equatable, Sendable {
  /// Forward passes only.
  case inference
  /// Forward, backward and an optimizer update per step.
  case training(Optimizer)
}

/// The counts of a whole network.
public struct NetworkCount: Sendable {
  /// The graph's name.
  public var name: String
  /// The batch size every symbolic dimension took.
  public var batchSize: Int
  /// Inference or training.
  public var mode: CountMode
  /// Batches processed: ceil(samples / batch) × epochs.
  public var stepCount: Int
  /// Per-layer counts for one batch, in graph order.
  public var layers: [LayerCount]
  /// Nodes skipped under `--allow-unknown`.
  public var skipped: [SkippedNode]
  /// The optimizer update of one step per precision of the parameters (empty for inference).
  public var optimizerByPrecision: [Precision: PassCount] = [:]
  /// The bytes of the optimizer's state tensors (moments, momentum buffers) kept between steps.
  public var optimizerStateBytes = 0

  /// Creates a network count.
  public init(name: String, batchSize: Int, mode: CountMode, stepCount: Int, layers: [LayerCount], skipped: [SkippedNode]) {
    self.name = name
    self.batchSize = batchSize
    self.mode = mode
    self.stepCount = stepCount
    self.layers = layers
    self.skipped = skipped
  }

  /// Whether backward passes and updates are included.
  public var isTraining: Bool { mode != .inference }

  /// All parameters (weights, biases, normalisation statistics).
  public func parameterCount() throws -> Int {
    try layers.reduce(0) { try Checked.add($0, $1.parameterCount, "parameter count") }
  }

  /// Initializer elements that are not trained (BatchNorm running statistics): PyTorch's buffers.
  public func bufferCount() throws -> Int {
    try layers.reduce(0) { try Checked.add($0, $1.bufferCount, "buffer count") }
  }

  /// The parameters an optimizer updates.
  public func trainableParameterCount() throws -> Int {
    try layers.reduce(0) { try Checked.add($0, $1.trainableParameterCount, "parameter count") }
  }

  /// One layer's work per step: forward, plus backward when training.
  public func perStep(_ layer: LayerCount) throws -> PassCount {
    isTraining ? try layer.combined() : layer.forward
  }

  /// The work of one step per precision (`nil` for layers without arithmetic precision), in Precision order.
  public func stepTotalsByPrecision() throws -> [(precision: Precision?, pass: PassCount)] {
    var totals: [Precision?: PassCount] = [:]
    for layer in layers { try totals[layer.precision, default: PassCount()].add(try perStep(layer)) }
    for (precision, pass) in optimizerByPrecision { try totals[precision, default: PassCount()].add(pass) }
    let order: [Precision?] = Precision.allCases.map { $0 } + [nil]
    return order.compactMap { p in totals[p].map { (p, $0) } }
  }

  /// The work of one step, all precisions together.
  public func stepTotal() throws -> PassCount {
    var total = PassCount()
    for (_, pass) in try stepTotalsByPrecision() { try total.add(pass) }
    return total
  }

  /// The work of all steps, all precisions together.
  public func total() throws -> PassCount { try stepTotal().scaled(by: stepCount) }
}
