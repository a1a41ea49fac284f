//===--- Graph.swift -------------------------------------------------------===//
// The computation graph the counter works on, shaped after ONNX's GraphProto
// (onnx/onnx.proto): nodes in topological order reading and writing named
// values, declared inputs and outputs, and initializers (weights) whose sizes
// are known but whose payloads are never loaded. ONNX files are read into it by
// TosimIO.ONNXReader; layer specs are lowered into it by `LayerLowering`.
//===----------------------------------------------------------------------===//

/// A computation graph: nodes in execution order over named tensors.
public struct Graph: Sendable {
  /// The graph's name.
  public var name: String
  /// The nodes, in topological order.
  public var nodes: [Node]
  /// The declared inputs (older ONNX files list initializers here too).
  public var inputs: [ValueInfo]
  /// The declared outputs.
  public var outputs: [ValueInfo]
  /// Declared types of intermediate values, when the file has them.
  public var valueInfos: [ValueInfo]
  /// Constant tensors: weights, biases and shape vectors.
  public var initializers: [Initializer]
  /// The opset version of the default ONNX domain (decides attribute vs input forms).
  public var opsetVersion: Int

  /// Creates a graph.
  public init(
    name: String, nodes: [Node] = [], inputs: [ValueInfo] = [], outputs: [ValueInfo] = [],
    valueInfos: [ValueInfo] = [], initializers: [Initializer] = [], opsetVersion: Int = 17
  ) {
    self.name = name
    self.nodes = nodes
    self.inputs = inputs
    self.outputs = outputs
    self.valueInfos = valueInfos
    self.initializers = initializers
    self.opsetVersion = opsetVersion
  }
}

/// A named value with its declared type.
public struct ValueInfo: Sendable {
  /// The value's name.
  public var name: String
  /// Its declared type, when given.
  public var type: TensorType?

  /// Creates a value info.
  public init(name: String, type: TensorType?) {
    self.name = name
    self.type = type
  }
}

/// A constant tensor of known size whose payload is not loaded.
public struct Initializer: Sendable {
  /// The tensor's name.
  public var name: String
  /// The element type.
  public var element: ElementType
  /// The dimensions, outermost first.
  public var dimensions: [Int]
  /// The values of a small integer tensor (shapes, axes, indices), when read.
  public var integerValues: [Int]?
  /// The values of a small floating-point tensor (a Pow exponent), when read.
  public var floatValues: [Double]?

  /// Creates an initializer.
  public init(
    name: String, element: ElementType, dimensions: [Int], integerValues: [Int]? = nil, floatValues: [Double]? = nil
  ) {
    self.name = name
    self.element = element
    self.dimensions = dimensions
    self.integerValues = integerValues
    self.floatValues = floatValues
  }
}

/// One operator application.
public struct Node: Sendable {
  /// The node's name (may be empty in ONNX files).
  public var name: String
  /// The operator (`Conv`, `Gemm`, …).
  public var opType: String
  /// The operator's domain (empty for the default ONNX domain).
  public var domain: String
  /// The input value names; an empty name is an omitted optional input.
  public var inputs: [String]
  /// The output value names.
  public var outputs: [String]
  /// The attributes, in file order.
  public var attributes: [Attribute]

  /// Creates a node.
  public init(
    name: String, opType: String, domain: String = "", inputs: [String], outputs: [String],
    attributes: [Attribute] = []
  ) {
    self.name = name
    self.opType = opType
    self.domain = domain
    self.inputs = inputs
    self.outputs = outputs
    self.attributes = attributes
  }

  /// The attribute called `name`, if present.
  public func attribute(_ name: String) -> Attribute.Value? {
    attributes.last { $0.name == name }?.value
  }
}

/// A named node attribute.
public struct Attribute: Sendable {
  /// An attribute's value.
  public enum Value: Sendable {
    /// A 64-bit integer.
    case int(Int)
    /// A floating-point number.
    case float(Double)
    /// A string (UTF-8 decoded).
    case string(String)
    /// A list of integers.
    case ints([Int])
    /// A list of floating-point numbers.
    case floats([Double])
    /// A list of strings.
    case strings([String])
    /// A constant tensor (Constant's `value`).
    case tensor(Initializer)
    /// A kind the counter does not use (graphs, sparse tensors, type protos).
    case unsupported
  }

  /// The attribute's name.
  public var name: String
  /// Its value.
  public var value: Value

  /// Creates an attribute.
  public init(_ name: String, _ value: Value) {
    self.name = name
    self.value = value
  }
}
