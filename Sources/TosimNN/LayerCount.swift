//===--- LayerCount.swift --------------------------------------------------===//
// The counts of one layer (one graph node): ops, MACs, FLOPs, parameters and
// bytes for the forward pass and, when training, the backward pass.
//===----------------------------------------------------------------------===//
import TosimFormats

/// The arithmetic and memory traffic of one pass (forward or backward) through a layer.
public struct PassCount: Equatable, Sendable {
  /// Op counts at the layer's precision.
  public var ops = OpCounts()
  /// Multiply-accumulates of matrix products, convolutions and recurrent gates.
  public var macCount = 0
  /// FLOPs: 2 × MACs plus bias adds for MAC layers, one per counted op otherwise.
  public var flopCount = 0
  /// Bytes read (inputs and weights at their element widths).
  public var bytesRead = 0
  /// Bytes written (outputs at their element widths).
  public var bytesWritten = 0
  /// Of `bytesRead + bytesWritten`: the bytes of parameters (weights, biases, buffers) read or written.
  public var weightBytes = 0
  /// Of `bytesRead + bytesWritten`: the bytes of activations (layer inputs and outputs, saved tensors).
  public var activationBytes = 0
  /// Of `bytesRead + bytesWritten`: the bytes of gradients read or written (backward and update).
  public var gradientBytes = 0
  /// Of `bytesRead + bytesWritten`: the bytes of optimizer state (moments, buffers) read or written.
  public var stateBytes = 0

  /// Creates an empty pass count.
  public init() {}

  /// Adds `other` into this one (checked).
  public mutating func add(_ other: PassCount) throws {
    try ops.add(other.ops)
    macCount = try Checked.add(macCount, other.macCount, "MAC count")
    flopCount = try Checked.add(flopCount, other.flopCount, "FLOP count")
    bytesRead = try Checked.add(bytesRead, other.bytesRead, "byte count")
    bytesWritten = try Checked.add(bytesWritten, other.bytesWritten, "byte count")
    weightBytes = try Checked.add(weightBytes, other.weightBytes, "byte count")
    activationBytes = try Checked.add(activationBytes, other.activationBytes, "byte count")
    gradientBytes = try Checked.add(gradientBytes, other.gradientBytes, "byte count")
    stateBytes = try Checked.add(stateBytes, other.stateBytes, "byte count")
  }

  /// Every quantity multiplied by `factor` (checked).
  public func scaled(by factor: Int) throws -> PassCount {
    var result = PassCount()
    result.ops = try ops.scaled(by: factor)
    result.macCount = try Checked.multiply(macCount, factor, "MAC count")
    result.flopCount = try Checked.multiply(flopCount, factor, "FLOP count")
    result.bytesRead = try Checked.multiply(bytesRead, factor, "byte count")
    result.bytesWritten = try Checked.multiply(bytesWritten, factor, "byte count")
    result.weightBytes = try Checked.multiply(weightBytes, factor, "byte count")
    result.activationBytes = try Checked.multiply(activationBytes, factor, "byte count")
    result.gradientBytes = try Checked.multiply(gradientBytes, factor, "byte count")
    result.stateBytes = try Checked.multiply(stateBytes, factor, "byte count")
    return result
  }
}

/// The counts of one layer for one batch.
public struct LayerCount: Equatable, Sendable {
  /// The node's name (or `#index` when it has none).
  public var name: String
  /// The operator.
  public var opType: String
  /// The precision its arithmetic is counted at, or `nil` when it has none (bool data).
  public var precision: Precision?
  /// The shape of its first output.
  public var outputShape: [Int]
  /// The shape of its first input (empty when it has none).
  public var inputShape: [Int] = []
  /// Elements of the floating-point initializers it reads (weights, biases, running statistics).
  public var parameterCount = 0
  /// The parameters an optimizer updates (excludes BatchNorm running mean and variance).
  public var trainableParameterCount = 0
  /// The trainable initializers (weight, bias, scale, …) those parameters are stored in: the tensors an
  /// optimizer updates one by one.
  public var trainableTensorCount = 0
  /// Dependent steps a recurrent layer runs one after the other (time steps × directions); 0 otherwise.
  public var sequentialSteps = 0
  /// Initializer elements that are state, not trained (BatchNorm running mean and variance):
  /// `parameterCount − trainableParameterCount`, PyTorch's buffers.
  public var bufferCount: Int { parameterCount - trainableParameterCount }
  /// The forward pass.
  public var forward = PassCount()
  /// The backward pass (input and weight gradients), when training.
  public var backward = PassCount()
  /// The optimizer update of this layer's trainable parameters, when training (also summed per
  /// precision in `NetworkCount.optimizerByPrecision`; not part of `combined()`).
  public var optimizer = PassCount()

  /// Creates a layer count.
  public init(name: String, opType: String, precision: Precision?, outputShape: [Int]) {
    self.name = name
    self.opType = opType
    self.precision = precision
    self.outputShape = outputShape
  }

  /// Forward plus backward.
  public func combined() throws -> PassCount {
    var total = forward
    try total.add(backward)
    return total
  }
}
