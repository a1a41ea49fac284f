//===--- TensorType.swift --------------------------------------------------===//
// Element types and shapes of tensors as a model declares them: the ONNX
// TensorProto.DataType codes (onnx/onnx.proto) with their widths and the tosim
// precision they are counted at, and dimensions that are numbers or symbols.
//===----------------------------------------------------------------------===//
import TosimFormats

/// The element type of a tensor, identified by its ONNX `TensorProto.DataType` code.
public struct ElementType: Hashable, Sendable, CustomStringConvertible {
  /// The ONNX data type code (1 = FLOAT, 10 = FLOAT16, …).
  public let code: Int

  /// Creates an element type from an ONNX code; `nil` for codes tosim does not know.
  public init?(onnxCode code: Int) {
    guard Self.table[code] != nil else { return nil }
    self.code = code
  }

  /// The element type of a tosim precision (fp32 → FLOAT, int8 → INT8, …).
  public init(_ precision: Precision) {
    switch precision {
    case .int8: code = 3
    case .int16: code = 5
    case .int32: code = 6
    case .int64: code = 7
    case .fp8e4m3: code = 17
    case .fp8e5m2: code = 19
    case .fp16: code = 10
    case .bf16: code = 16
    case .fp32: code = 1
    case .fp64: code = 11
    }
  }

  /// 64-bit integers, the type of shapes and indices.
  public static let int64 = ElementType(.int64)
  /// 32-bit floats.
  public static let float = ElementType(.fp32)

  // code: (ONNX name, bits per element, precision counted at)
  private static let table: [Int: (name: String, bitWidth: Int, precision: Precision?)] = [
    1: ("float", 32, .fp32), 2: ("uint8", 8, .int8), 3: ("int8", 8, .int8), 4: ("uint16", 16, .int16),
    5: ("int16", 16, .int16), 6: ("int32", 32, .int32), 7: ("int64", 64, .int64), 8: ("string", 64, nil),
    9: ("bool", 8, nil), 10: ("float16", 16, .fp16), 11: ("double", 64, .fp64), 12: ("uint32", 32, .int32),
    13: ("uint64", 64, .int64), 14: ("complex64", 64, nil), 15: ("complex128", 128, nil), 16: ("bfloat16", 16, .bf16),
    17: ("float8e4m3fn", 8, .fp8e4m3), 18: ("float8e4m3fnuz", 8, .fp8e4m3), 19: ("float8e5m2", 8, .fp8e5m2),
    20: ("float8e5m2fnuz", 8, .fp8e5m2), 21: ("uint4", 4, .int8), 22: ("int4", 4, .int8),
  ]

  /// The ONNX name in lower case (`float16`).
  public var description: String { Self.table[code]?.name ?? "type\(code)" }
  /// Bits per element (strings are counted as 64-bit references).
  public var bitWidth: Int { Self.table[code]?.bitWidth ?? 8 }
  /// The precision arithmetic on this type is counted at, or `nil` for bool, string and complex.
  public var precision: Precision? { Self.table[code]?.precision }
  /// Whether the type is a floating-point format.
  public var isFloatingPoint: Bool { precision.map { !$0.isInteger } ?? false }
}

/// One dimension of a declared tensor shape.
public enum Dimension: Hashable, Sendable, CustomStringConvertible {
  /// A fixed size.
  case value(Int)
  /// A named symbolic size (`batch`, `N`); every symbol is set to the batch size.
  case symbol(String)
  /// A dimension the model leaves unspecified.
  case unknown

  public var description: String {
    switch self {
    case .value(let v): return String(v)
    case .symbol(let s): return s
    case .unknown: return "?"
    }
  }
}

/// The declared type of a graph input, output or intermediate value.
public struct TensorType: Hashable, Sendable {
  /// The element type.
  public var element: ElementType
  /// The dimensions, outermost first; `nil` when the rank is unknown.
  public var dimensions: [Dimension]?

  /// Creates a tensor type.
  public init(element: ElementType, dimensions: [Dimension]?) {
    self.element = element
    self.dimensions = dimensions
  }
}
