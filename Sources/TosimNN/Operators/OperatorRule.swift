//===--- OperatorRule.swift ------------------------------------------------===//
// One value per ONNX operator: its shape rule, its forward and backward
// arithmetic and its data-movement class, so that shape inference
// (ShapeInference.swift), the forward counter and the backward counter all
// read the same rule. The rules live in one file per operator family
// (Operators/*Rules.swift) and are collected by OperatorRule+Registry.swift;
// `tosim count` reaches them through NetworkCounter.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

/// How an operator moves data, which decides what the counters charge for it.
public enum DataMovement: Sendable, Equatable {
  /// Arithmetic: inputs are read, outputs written, and the rule's ops are counted.
  case compute
  /// A copy (Transpose, Concat, …): inputs read and outputs written, no arithmetic.
  case copy
  /// A relabelling of a buffer (Reshape, Squeeze, …): no arithmetic and no bytes moved.
  case view
}

/// Everything tosim knows about one ONNX operator.
///
/// The forward and backward closures fill only the arithmetic of a
/// `PassCount` (ops, MACs, FLOPs); the counters add bytes from the data
/// movement class. `E` is the number of elements of the node's first output.
public struct OperatorRule: Sendable {
  /// The output tensors of a node.
  public typealias ShapeRule = @Sendable (NodeContext) throws -> [ResolvedTensor]
  /// The forward arithmetic of a node with `E` output elements.
  public typealias ForwardRule = @Sendable (_ node: NodeContext, _ e: Int) throws -> PassCount
  /// The backward arithmetic of a node with `E` output elements, given its forward pass.
  public typealias BackwardRule = @Sendable (_ node: NodeContext, _ e: Int, _ forward: PassCount) throws -> PassCount

  /// The ONNX operator name (`Conv`).
  public let opType: String
  /// Compute, copy or view.
  public let movement: DataMovement
  /// Input positions that hold static metadata (axes, shapes, Clip bounds, Resize scales) rather than operands or weights.
  public let metadataInputs: Set<Int>
  /// Input positions whose initializers are parameters but not trained (BatchNorm running statistics).
  public let untrainedInputs: Set<Int>
  let shapeRule: ShapeRule
  let forwardRule: ForwardRule
  let backwardRule: BackwardRule
  /// The backward arithmetic when only the parameters need gradients (no input gradient, as for a
  /// network's first layer); `nil` means the full backward rule applies.
  public var weightGradientRule: BackwardRule? = nil
  /// The forward arithmetic in training mode, where it differs (BatchNorm's batch statistics); `nil`
  /// means the forward rule applies in both modes.
  public var trainingForwardRule: ForwardRule? = nil
  /// The extra passes its kernels make over memory beyond one read of every input and one write of
  /// every output (docs/network-counter.md, §Memory traffic).
  public var passes = KernelPasses()
  /// The elements of the column matrix an im2col convolution materialises (`--im2col`); `nil` for
  /// operators without one.
  public var im2colElements: (@Sendable (NodeContext) throws -> Int)? = nil
  /// The dependent steps of a recurrent node (nil for every other operator).
  public var sequence: (@Sendable (NodeContext) throws -> SequentialSteps)? = nil

  /// Creates a rule.
  public init(
    _ opType: String, movement: DataMovement = .compute, metadataInputs: Set<Int> = [], untrainedInputs: Set<Int> = [],
    shape: @escaping ShapeRule, forward: @escaping ForwardRule = { _, _ in PassCount() },
    backward: @escaping BackwardRule = { _, _, _ in PassCount() }
  ) {
    self.opType = opType
    self.movement = movement
    self.metadataInputs = metadataInputs
    self.untrainedInputs = untrainedInputs
    self.shapeRule = shape
    self.forwardRule = forward
    self.backwardRule = backward
  }

  /// The node's outputs from its resolved inputs and attributes.
  public func outputs(_ c: NodeContext) throws -> [ResolvedTensor] { try shapeRule(c) }

  /// The forward arithmetic (ops, MACs, FLOPs) of a resolved node.
  public func forward(_ c: NodeContext) throws -> PassCount {
    guard movement == .compute else { return PassCount() }
    return try forwardRule(c, try c.outputElementCount())
  }

  /// The backward arithmetic of a resolved node whose forward pass is `forward`.
  public func backward(_ c: NodeContext, forward: PassCount) throws -> PassCount {
    guard movement == .compute else { return PassCount() }
    return try backwardRule(c, try c.outputElementCount(), forward)
  }

  /// The backward arithmetic when no data input needs a gradient, only the parameters.
  public func weightGradient(_ c: NodeContext, forward: PassCount) throws -> PassCount {
    guard movement == .compute else { return PassCount() }
    guard let weightGradientRule else { return try backward(c, forward: forward) }
    return try weightGradientRule(c, try c.outputElementCount(), forward)
  }

  /// This rule with `weightGradientRule` set.
  public func withWeightGradient(_ rule: @escaping BackwardRule) -> OperatorRule {
    var copy = self
    copy.weightGradientRule = rule
    return copy
  }

  /// This rule with `trainingForwardRule` set.
  public func withTrainingForward(_ rule: @escaping ForwardRule) -> OperatorRule {
    var copy = self
    copy.trainingForwardRule = rule
    return copy
  }

  /// This rule with `passes` set.
  public func withPasses(_ passes: KernelPasses) -> OperatorRule {
    var copy = self
    copy.passes = passes
    return copy
  }

  /// This rule with `sequence` set.
  public func withSequence(_ sequence: @escaping @Sendable (NodeContext) throws -> SequentialSteps) -> OperatorRule {
    var copy = self
    copy.sequence = sequence
    return copy
  }

  /// This rule with `im2colElements` set.
  public func withIm2col(_ elements: @escaping @Sendable (NodeContext) throws -> Int) -> OperatorRule {
    var copy = self
    copy.im2colElements = elements
    return copy
  }

  /// The forward arithmetic in training mode: `trainingForwardRule` where given, else the forward rule.
  public func trainingForward(_ c: NodeContext) throws -> PassCount {
    guard movement == .compute, let trainingForwardRule else { return try forward(c) }
    return try trainingForwardRule(c, try c.outputElementCount())
  }
}

/// The dependent steps a recurrent layer runs one after the other (each time step of each direction):
/// every step is its own kernel launch and reads the recurrent weight again (it does not stay in cache
/// between steps), in the forward pass and again in backpropagation through time.
public struct SequentialSteps: Sendable, Equatable {
  /// Time steps × directions.
  public var steps: Int
  /// Bytes of recurrent weight read beyond the one compulsory read: (sequence − 1) × its bytes.
  public var rereadBytes: Int

  /// Creates sequential steps.
  public init(steps: Int, rereadBytes: Int) {
    self.steps = steps
    self.rereadBytes = rereadBytes
  }
}

/// Extra passes a kernel makes over memory, each a re-read of a whole tensor.
public struct KernelPasses: Sendable, Equatable {
  /// Re-reads of the first input in the forward pass at inference (softmax: 2, for max then exp-sum before normalising).
  public var forwardInference = 0
  /// Re-reads of the first input in the forward pass when training (BatchNorm: 1, statistics then normalise).
  public var forwardTraining = 0
  /// Re-reads of the output gradient in the backward pass (a reduction over it, then the input gradient).
  public var backward = 0

  /// Creates pass counts; `forwardTraining` defaults to `forwardInference`.
  public init(forwardInference: Int = 0, forwardTraining: Int? = nil, backward: Int = 0) {
    self.forwardInference = forwardInference
    self.forwardTraining = forwardTraining ?? forwardInference
    self.backward = backward
  }
}

// MARK: - Rule shorthands

extension OperatorRule {
  /// Per-element op counts: `[(.mul, 2)]` is 2 multiplies per output element.
  public typealias PerElement = [(op: ArithmeticOperation, count: Int)]

  /// An operator whose forward and backward passes are fixed op counts per output element.
  public static func perElement(
    _ opType: String, shape: @escaping ShapeRule = sameAsInput, forward: PerElement, backward: PerElement
  ) -> OperatorRule {
    OperatorRule(
      opType, shape: shape, forward: { _, e in try .arithmetic(.perElement(forward, e)) },
      backward: { _, e, _ in try .arithmetic(.perElement(backward, e)) })
  }

  /// A data-movement operator: a `.view` or a `.copy`, with its shape rule.
  public static func movement(
    _ opType: String, _ movement: DataMovement, metadataInputs: Set<Int> = [], shape: @escaping ShapeRule
  ) -> OperatorRule {
    OperatorRule(opType, movement: movement, metadataInputs: metadataInputs, shape: shape)
  }

  /// The shape rule of operators whose single output has the first input's shape and type.
  public static let sameAsInput: ShapeRule = { c in
    let x = try c.input(0)
    return [ResolvedTensor(element: x.element, shape: x.shape)]
  }
}

extension OpCounts {
  /// `counts` per element times `e` elements (checked).
  public static func perElement(_ counts: OperatorRule.PerElement, _ e: Int) throws -> OpCounts {
    var result = OpCounts()
    for (op, k) in counts { try result.add(op, try Checked.multiply(e, k, "\(op) count")) }
    return result
  }
}

extension PassCount {
  /// Arithmetic without multiply-accumulates: one FLOP per counted op.
  public static func arithmetic(_ ops: OpCounts) throws -> PassCount {
    var pass = PassCount()
    pass.ops = ops
    pass.flopCount = try ops.total()
    return pass
  }

  /// The arithmetic of a matrix product, convolution or recurrent layer.
  ///
  /// `ops` are the products' multiplies and adds (bias adds included),
  /// `extra` the layer's other arithmetic (gate functions, alpha/beta
  /// scaling). FLOPs are 2 per MAC plus bias adds plus one per extra op.
  public static func products(ops: OpCounts, macs: Int, biasAdds: Int, extra: OpCounts = OpCounts()) throws -> PassCount {
    var pass = PassCount()
    pass.ops = ops
    try pass.ops.add(extra)
    pass.macCount = macs
    if macs == 0 { pass.flopCount = try pass.ops.total(); return pass }
    pass.flopCount = try Checked.add(
      try Checked.add(try Checked.multiply(2, macs, "FLOP count"), biasAdds, "FLOP count"), try extra.total(), "FLOP count")
    return pass
  }
}

extension NodeContext {
  /// The number of elements of the first output (0 when the node has none).
  public func outputElementCount() throws -> Int { try outputs.first?.elementCount() ?? 0 }
}
