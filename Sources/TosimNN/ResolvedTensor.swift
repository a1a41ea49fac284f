//===--- ResolvedTensor.swift ----------------------------------------------===//
// A tensor after shape inference: a concrete element type and shape, and for
// small integer tensors (shapes, axes) their values, which Reshape, Slice and
// friends need to infer what follows them.
//===----------------------------------------------------------------------===//

/// A tensor whose shape is fully known.
public struct ResolvedTensor: Equatable, Sendable {
  /// The element type.
  public var element: ElementType
  /// The dimensions, outermost first (empty for a scalar).
  public var shape: [Int]
  /// The values of a small integer tensor, when they are known statically.
  public var integerValues: [Int]?
  /// The values of a small floating-point constant, when known (Pow exponents).
  public var floatValues: [Double]?

  /// Creates a resolved tensor.
  public init(element: ElementType, shape: [Int], integerValues: [Int]? = nil, floatValues: [Double]? = nil) {
    self.element = element
    self.shape = shape
    self.integerValues = integerValues
    self.floatValues = floatValues
  }

  /// The number of elements (checked).
  public func elementCount() throws -> Int { try Checked.product(shape) }

  /// The number of bytes at the element type's width, rounded up (checked).
  public func byteCount() throws -> Int {
    let bits = try Checked.multiply(try elementCount(), element.bitWidth, "tensor size in bits")
    return bits / 8 + (bits % 8 == 0 ? 0 : 1)
  }
}
