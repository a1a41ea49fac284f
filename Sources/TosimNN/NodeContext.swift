//===--- NodeContext.swift -------------------------------------------------===//
// A node together with its resolved input and output tensors, plus checked
// accessors for attributes and inputs that turn every missing or malformed
// piece into an InputError naming the node. Shared by shape inference and the
// operator counter.
//===----------------------------------------------------------------------===//
import TosimFormats

/// A node with its resolved tensors and error-reporting accessors.
public struct NodeContext: Sendable {
  /// The node.
  public let node: Node
  /// Its position in the graph (0-based), used when it has no name.
  public let index: Int
  /// The opset version of the default domain.
  public let opsetVersion: Int
  /// The resolved input tensors; `nil` for an omitted optional input.
  public let inputs: [ResolvedTensor?]
  /// Which inputs are initializers (weights) rather than computed values.
  public let isInitializer: [Bool]
  /// The resolved outputs (filled in after shape inference).
  public var outputs: [ResolvedTensor]

  /// Creates a context.
  public init(
    node: Node, index: Int, opsetVersion: Int, inputs: [ResolvedTensor?], isInitializer: [Bool],
    outputs: [ResolvedTensor] = []
  ) {
    self.node = node
    self.index = index
    self.opsetVersion = opsetVersion
    self.inputs = inputs
    self.isInitializer = isInitializer
    self.outputs = outputs
  }

  /// `node 'name' (Op)`, or `node #i (Op)` for an unnamed node.
  public var label: String {
    node.name.isEmpty ? "node #\(index) (\(node.opType))" : "node '\(node.name)' (\(node.opType))"
  }

  /// An InputError about this node.
  public func error(_ message: String) -> InputError { InputError("\(label): \(message)") }

  /// Input `i`, which must be present.
  public func input(_ i: Int) throws -> ResolvedTensor {
    guard i < inputs.count, let tensor = inputs[i] else { throw error("missing input \(i)") }
    return tensor
  }

  /// Input `i` when given, else `nil`.
  public func optionalInput(_ i: Int) -> ResolvedTensor? { i < inputs.count ? inputs[i] : nil }

  /// Input `i` with at least `rank` dimensions.
  public func input(_ i: Int, minimumRank rank: Int) throws -> ResolvedTensor {
    let tensor = try input(i)
    if tensor.shape.count < rank {
      throw error("input \(i) has shape \(tensor.shape), expected at least \(rank) dimensions")
    }
    return tensor
  }

  /// Integer attribute `name`, or `defaultValue`.
  public func int(_ name: String, default defaultValue: Int) throws -> Int {
    switch node.attribute(name) {
    case nil: return defaultValue
    case .int(let v)?: return v
    default: throw error("attribute '\(name)' should be an integer")
    }
  }

  /// Float attribute `name`, or `defaultValue`.
  public func float(_ name: String, default defaultValue: Double) throws -> Double {
    switch node.attribute(name) {
    case nil: return defaultValue
    case .float(let v)?: return v
    case .int(let v)?: return Double(v)
    default: throw error("attribute '\(name)' should be a number")
    }
  }

  /// Integer-list attribute `name`, or `nil` when absent.
  public func ints(_ name: String) throws -> [Int]? {
    switch node.attribute(name) {
    case nil: return nil
    case .ints(let v)?: return v
    case .int(let v)?: return [v]
    default: throw error("attribute '\(name)' should be a list of integers")
    }
  }

  /// String attribute `name`, or `defaultValue`.
  public func string(_ name: String, default defaultValue: String) throws -> String {
    switch node.attribute(name) {
    case nil: return defaultValue
    case .string(let v)?: return v
    default: throw error("attribute '\(name)' should be a string")
    }
  }

  /// The statically known integer values of input `i` (shape, axes, pads).
  public func integerValues(ofInput i: Int, what: String) throws -> [Int] {
    let tensor = try input(i)
    guard let values = tensor.integerValues else {
      throw error("\(what) (input \(i)) must be a constant known before running the model")
    }
    return values
  }

  /// `axis` normalised into `0..<rank` (negative axes count from the back), or an error.
  ///
  /// A rank-0 tensor has no axes, so every axis is out of range for it.
  public func axis(_ axis: Int, rank: Int) throws -> Int {
    let normalised = axis < 0 ? axis + rank : axis
    guard normalised >= 0, normalised < rank else {
      throw error(rank == 0 ? "axis \(axis) given for a rank-0 tensor, which has no axes" : "axis \(axis) is out of range for rank \(rank)")
    }
    return normalised
  }
}
