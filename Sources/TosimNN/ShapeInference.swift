//===--- ShapeInference.swift ----------------------------------------------===//
// Static shape inference: walks the nodes in order, resolves every symbolic
// dimension to the batch size (`tosim count --batch N`; fixed inputs as
// BatchDimension.swift says), and computes each
// node's output shapes and element types from its inputs and attributes with
// the operator's OperatorRule (Operators/*Rules.swift, following the ONNX
// operator specs), then folds small shape computations (ShapeFolding.swift).
// Unknown operators are an error, or with `allowUnknown` a recorded zero-cost
// node whose output shapes come from UnknownOperator.swift; a value produced
// twice is an error.
//===----------------------------------------------------------------------===//
import TosimFormats

/// Knobs of shape inference.
public struct InferenceOptions: Sendable {
  /// The batch (`--batch`): the size every symbolic or unknown dimension takes; `nil` runs a model whose
  /// inputs are all fixed at its own batch (their common first dimension) and gives symbolic ones 1.
  /// A model with fixed inputs and a different batch is an error unless `rebatch` (BatchDimension.swift).
  public var batchSize: Int?
  /// Whether a model whose inputs are all fixed gets the batch as every input's first dimension (`--rebatch`).
  public var rebatch = false
  /// When set, every floating-point tensor is counted at this precision instead of its declared type.
  public var precisionOverride: Precision?
  /// Whether unknown operators are counted as zero-cost (when their output shapes are known) instead of failing.
  public var allowUnknown = false

  /// Creates options with the documented defaults.
  public init(batchSize: Int? = nil, precisionOverride: Precision? = nil, allowUnknown: Bool = false, rebatch: Bool = false) {
    self.batchSize = batchSize
    self.rebatch = rebatch
    self.precisionOverride = precisionOverride
    self.allowUnknown = allowUnknown
  }
}

/// A node that was not counted, and why.
public struct SkippedNode: Equatable, Sendable {
  /// The node's label (`node 'x' (Op)`).
  public var label: String
  /// Why it was skipped.
  public var reason: String
}

/// A graph whose nodes all have resolved input and output tensors.
public struct InferredGraph: Sendable {
  /// The resolved nodes, in graph order (skipped and constant-folded nodes are absent).
  public var nodes: [NodeContext]
  /// Unknown-operator nodes counted as zero-cost under `allowUnknown` (absent from `nodes`).
  public var skipped: [SkippedNode]
  /// Every resolved tensor by name.
  public var tensors: [String: ResolvedTensor]
  /// Nodes left out of `nodes` because the shape folder computed all their outputs from constants.
  public var foldedCount = 0
  /// The batch the graph was resolved at (BatchDimension.swift).
  public var batchSize = 1
}

/// Static shape inference over a `Graph`.
public enum ShapeInference {
  /// Resolves every tensor of `graph`.
  ///
  /// - Throws: `InputError` naming the node for inconsistent shapes, missing
  ///   inputs or unknown operators (unless `options.allowUnknown`).
  /// - Complexity: O(nodes + tensor ranks).
  public static func infer(_ graph: Graph, options: InferenceOptions = .init()) throws -> InferredGraph {
    if let batch = options.batchSize, batch < 1 { throw InputError("batch size must be at least 1") }
    guard graph.opsetVersion >= 1 else { throw InputError("opset version \(graph.opsetVersion) of the default ONNX domain is not positive") }
    var tensors: [String: ResolvedTensor] = [:]
    var initializerNames = Set<String>()
    func counted(_ element: ElementType) -> ElementType { countedElement(element, options) }
    for initializer in graph.initializers {
      if let bad = initializer.dimensions.first(where: { $0 < 0 }) {
        throw InputError("initializer '\(initializer.name)' has a negative dimension \(bad)")
      }
      tensors[initializer.name] = ResolvedTensor(
        element: counted(initializer.element), shape: initializer.dimensions,
        integerValues: initializer.integerValues, floatValues: initializer.floatValues)
      _ = try tensors[initializer.name]?.elementCount()
      initializerNames.insert(initializer.name)
    }
    let inputs = graph.inputs.filter { tensors[$0.name] == nil }
    let batch = try BatchDimension(inputs: inputs, requested: options.batchSize, rebatch: options.rebatch)
    for (input, shape) in zip(inputs, batch.shapes) {
      tensors[input.name] = ResolvedTensor(element: counted(input.type?.element ?? .float), shape: shape)
      _ = try tensors[input.name]?.elementCount()
    }

    do {
      return try inferNodes(graph, options: options, batch: batch, tensors: &tensors, initializerNames: initializerNames)
    } catch let error as InputError {
      throw InputError(batch.explainingRebatch(error.message), file: error.file, line: error.line)
    }
  }

  /// The element type a tensor of `element` is counted at under `options` (--precision overrides floating point).
  private static func countedElement(_ element: ElementType, _ options: InferenceOptions) -> ElementType {
    if let precision = options.precisionOverride, element.isFloatingPoint { return ElementType(precision) }
    return element
  }

  /// Resolves the nodes of `graph` in order from its resolved initializers and inputs.
  private static func inferNodes(
    _ graph: Graph, options: InferenceOptions, batch: BatchDimension, tensors: inout [String: ResolvedTensor], initializerNames: Set<String>
  ) throws -> InferredGraph {
    func counted(_ element: ElementType) -> ElementType { countedElement(element, options) }
    var declared: [String: TensorType] = [:]
    for info in graph.valueInfos + graph.outputs { if let type = info.type { declared[info.name] = type } }
    var nodes: [NodeContext] = []
    var skipped: [SkippedNode] = []
    var foldedCount = 0
    for (index, node) in graph.nodes.enumerated() {
      var missing: String?
      let inputs = node.inputs.map { name -> ResolvedTensor? in
        if name.isEmpty { return nil }
        if let tensor = tensors[name] { return tensor }
        if missing == nil { missing = name }
        return nil
      }
      var context = NodeContext(
        node: node, index: index, opsetVersion: graph.opsetVersion, inputs: inputs,
        isInitializer: node.inputs.map { initializerNames.contains($0) })
      if let missing {
        throw context.error("input '\(missing)' is not produced by an earlier node, an initializer or a graph input")
      }
      var seen = Set<String>()
      for name in node.outputs where !name.isEmpty {
        guard tensors[name] == nil, seen.insert(name).inserted else {
          throw context.error("output '\(name)' is already produced by an earlier node, an initializer, a graph input or this node")
        }
      }
      guard let rule = OperatorRule.rule(for: node.opType, domain: node.domain) else {
        let what = node.domain.isEmpty ? node.opType : "\(node.domain).\(node.opType)"
        guard options.allowUnknown else {
          throw context.error("unknown operator \(what) (pass --allow-unknown to count it as zero-cost when its output shape is known)")
        }
        // Counted as zero-cost: its outputs take a declared or assumed shape and the walk goes on.
        let (outputs, how) = try UnknownOperator.outputs(context, declared: declared, batchSize: batch.batchSize, what: what)
        for (name, tensor) in zip(node.outputs, outputs) where !name.isEmpty {
          tensors[name] = ResolvedTensor(element: counted(tensor.element), shape: tensor.shape)
        }
        skipped.append(.init(label: context.label, reason: "unknown operator \(what) counted as zero-cost; \(how)"))
        continue
      }
      let outputs = try context.labelling { try ShapeFolding.fold(context, try rule.outputs(context)) }
      context.outputs = outputs.map { tensor in
        var tensor = tensor
        tensor.element = counted(tensor.element)
        return tensor
      }
      for (name, tensor) in zip(node.outputs, context.outputs) where !name.isEmpty {
        _ = try context.labelling { try tensor.elementCount() }
        tensors[name] = tensor
      }
      // A node computing only known values from known values is shape arithmetic a simplifier folds away.
      if ShapeFolding.isConstant(context) {
        foldedCount += 1
        continue
      }
      nodes.append(context)
    }
    return InferredGraph(nodes: nodes, skipped: skipped, tensors: tensors, foldedCount: foldedCount, batchSize: batch.batchSize)
  }
}

extension NodeContext {
  /// Runs `body`, prefixing this node's label to InputErrors that do not name it yet.
  public func labelling<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as InputError where !error.message.hasPrefix(label) {
      throw self.error(error.message)
    }
  }
}
