//===--- ShapeFolding+Values.swift -----------------------------------------===//
// The values the shape folder (ShapeFolding.swift) computes with: Int64 or
// Double lists in row-major order, with numpy broadcasting, overflow-checked
// integer arithmetic (ONNX integer Div truncates; Mod follows the divisor's
// sign unless fmod = 1), comparisons to booleans stored as 0/1, and
// conversion to an output element type. Reached through `tosim count` when
// shape inference folds a node.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

/// The known values of a small tensor: integers (and booleans as 0/1) or floating-point numbers.
enum FoldedValues: Equatable {
  /// Integer or boolean values.
  case ints([Int])
  /// Floating-point values.
  case reals([Double])

  /// The known values of `tensor`, or `nil` when they are unknown or do not cover every element.
  init?(_ tensor: ResolvedTensor) {
    guard let n = try? tensor.elementCount() else { return nil }
    if tensor.element.isFloatingPoint, let v = tensor.floatValues, v.count == n {
      self = .reals(v)
    } else if let v = tensor.integerValues, v.count == n {
      self = tensor.element.isFloatingPoint ? .reals(v.map(Double.init)) : .ints(v)
    } else if let v = tensor.floatValues, v.count == n {
      self = .reals(v)
    } else {
      return nil
    }
  }

  /// The number of values.
  var count: Int {
    switch self {
    case .ints(let v): return v.count
    case .reals(let v): return v.count
    }
  }

  /// Writes the values into `tensor`: floating-point tensors get `floatValues`, all others `integerValues`.
  func store(into tensor: inout ResolvedTensor) {
    switch self {
    case .ints(let v):
      if tensor.element.isFloatingPoint { tensor.floatValues = v.map(Double.init) } else { tensor.integerValues = v }
    case .reals(let v):
      if tensor.element.isFloatingPoint {
        tensor.floatValues = v
      } else if v.allSatisfy({ $0.isFinite && $0 == $0.rounded(.towardZero) && abs($0) < 9.2e18 }) {
        tensor.integerValues = v.map { Int($0) }
      }
    }
  }

  /// `count` copies of one value.
  static func filled(_ value: FoldedValues, count: Int) -> FoldedValues {
    switch value {
    case .ints(let v): return .ints(Array(repeating: v.first ?? 0, count: count))
    case .reals(let v): return .reals(Array(repeating: v.first ?? 0, count: count))
    }
  }

  /// The values at `indices`.
  func picking(_ indices: [Int]) -> FoldedValues {
    switch self {
    case .ints(let v): return .ints(indices.map { v[$0] })
    case .reals(let v): return .reals(indices.map { v[$0] })
    }
  }

  /// Element-wise `picks[i] != 0 ? a[i] : b[i]` (Where), in floating point when either side is.
  static func select(_ picks: [Int], _ a: FoldedValues, _ b: FoldedValues) -> FoldedValues {
    switch (a, b) {
    case (.ints(let x), .ints(let y)): return .ints(picks.indices.map { picks[$0] != 0 ? x[$0] : y[$0] })
    default:
      let x = a.reals, y = b.reals
      return .reals(picks.indices.map { picks[$0] != 0 ? x[$0] : y[$0] })
    }
  }

  /// The values as Doubles.
  var reals: [Double] {
    switch self {
    case .ints(let v): return v.map(Double.init)
    case .reals(let v): return v
    }
  }

  /// The values as integers (conditions, indices); non-integral reals are an error.
  func asInts(_ c: NodeContext) throws -> [Int] {
    switch self {
    case .ints(let v): return v
    case .reals(let v): return try v.map { try Self.integer($0, c) }
    }
  }

  /// `value` truncated toward zero as an Int64, or an InputError when it is NaN, infinite or out of range.
  static func integer(_ value: Double, _ c: NodeContext) throws -> Int {
    guard value.isFinite, value > -9.223372036854775e18, value < 9.223372036854775e18 else {
      throw c.error("shape arithmetic value \(value) does not fit in a 64-bit integer")
    }
    return Int(value.rounded(.towardZero))
  }

  /// The values converted to `element`: integers for integer types, 0/1 for bool, Doubles for floating point.
  func converted(to element: ElementType, _ c: NodeContext) throws -> FoldedValues {
    if element.isFloatingPoint { return .reals(reals) }
    if element.code == 9 {
      switch self {
      case .ints(let v): return .ints(v.map { $0 != 0 ? 1 : 0 })
      case .reals(let v): return .ints(v.map { $0 != 0 ? 1 : 0 })
      }
    }
    return .ints(try asInts(c))
  }

  /// The values of a tensor of `shape` broadcast (numpy rules) to `out`.
  func broadcast(from shape: [Int], to out: [Int], _ c: NodeContext) throws -> FoldedValues {
    if shape == out { return self }
    guard shape.count <= out.count else { throw c.error("cannot broadcast \(shape) to \(out)") }
    let padded = Array(repeating: 1, count: out.count - shape.count) + shape
    var strides = Array(repeating: 0, count: out.count)
    var stride = 1
    for axis in padded.indices.reversed() {
      guard padded[axis] == out[axis] || padded[axis] == 1 else { throw c.error("cannot broadcast \(shape) to \(out)") }
      strides[axis] = padded[axis] == 1 ? 0 : stride
      stride = try Checked.multiply(stride, padded[axis])
    }
    return picking(try Self.sourceIndices(out) { position in zip(position, strides).reduce(0) { $0 + $1.0 * $1.1 } })
  }

  /// `source(position)` for every position of a tensor of shape `out`, in row-major order.
  static func sourceIndices(_ out: [Int], _ source: ([Int]) -> Int) throws -> [Int] {
    let total = try Checked.product(out)
    var indices: [Int] = []
    indices.reserveCapacity(total)
    var position = Array(repeating: 0, count: out.count)
    for _ in 0..<total {
      indices.append(source(position))
      var axis = out.count - 1
      while axis >= 0 {
        position[axis] += 1
        if position[axis] < out[axis] { break }
        position[axis] = 0
        axis -= 1
      }
    }
    return indices
  }

  /// The values of a tensor of `shape` repeated (Tile) to `out`, whose sizes are multiples of `shape`.
  func tiled(from shape: [Int], to out: [Int]) throws -> FoldedValues? {
    guard shape.count == out.count, !shape.contains(0) else { return nil }
    return picking(try Self.sourceIndices(out) { position in
      shape.indices.reduce(0) { index, axis in index * shape[axis] + position[axis] % shape[axis] }
    })
  }

  /// Element-wise `self op other` on equally long lists.
  func combined(with other: FoldedValues, _ op: String, fmod: Bool, _ c: NodeContext) throws -> FoldedValues {
    switch (self, other) {
    case (.ints(let a), .ints(let b)):
      return .ints(try zip(a, b).map { try Self.integerOp(op, $0, $1, fmod: fmod, c) })
    default:
      return .reals(zip(reals, other.reals).map { Self.realOp(op, $0, $1, fmod: fmod) })
    }
  }

  static func integerOp(_ op: String, _ a: Int, _ b: Int, fmod: Bool, _ c: NodeContext) throws -> Int {
    func checked(_ r: (partialValue: Int, overflow: Bool), _ symbol: String) throws -> Int {
      if r.overflow { throw c.error("shape arithmetic overflows a 64-bit integer (\(a) \(symbol) \(b))") }
      return r.partialValue
    }
    switch op {
    case "Add": return try checked(a.addingReportingOverflow(b), "+")
    case "Sub": return try checked(a.subtractingReportingOverflow(b), "-")
    case "Mul": return try checked(a.multipliedReportingOverflow(by: b), "×")
    case "Div", "Mod":
      guard b != 0 else { throw c.error("shape arithmetic divides by zero (\(a) \(op == "Div" ? "/" : "mod") 0)") }
      if op == "Div" { return try checked(a.dividedReportingOverflow(by: b), "/") }
      let r = a.remainderReportingOverflow(dividingBy: b).partialValue  // Int.min % -1 is 0
      return !fmod && r != 0 && (r < 0) != (b < 0) ? r + b : r
    case "Pow":
      guard b >= 0 else { return a == 1 ? 1 : a == -1 ? (b % 2 == 0 ? 1 : -1) : 0 }
      if a == 0 || a == 1 { return b == 0 ? 1 : a }
      if a == -1 { return b % 2 == 0 ? 1 : -1 }
      var result = 1
      for _ in 0..<min(b, 64) { result = try checked(result.multipliedReportingOverflow(by: a), "^") }
      return result  // |a| ≥ 2: 64 factors already overflow
    case "Max": return max(a, b)
    case "Min": return min(a, b)
    default: return Self.logical(op, a == b, a < b, a != 0, b != 0) ? 1 : 0
    }
  }

  /// The result of a comparison or boolean operator, given a = b, a < b, a ≠ 0 and b ≠ 0.
  static func logical(_ op: String, _ equal: Bool, _ less: Bool, _ a: Bool, _ b: Bool) -> Bool {
    switch op {
    case "Equal": return equal
    case "Less": return less
    case "Greater": return !less && !equal
    case "LessOrEqual": return less || equal
    case "GreaterOrEqual": return !less
    case "And": return a && b
    case "Or": return a || b
    default: return a != b  // Xor
    }
  }

  static func realOp(_ op: String, _ a: Double, _ b: Double, fmod: Bool) -> Double {
    switch op {
    case "Add": return a + b
    case "Sub": return a - b
    case "Mul": return a * b
    case "Div": return a / b
    case "Mod": return fmod ? Foundation.fmod(a, b) : a - (a / b).rounded(.down) * b
    case "Pow": return Foundation.pow(a, b)
    case "Max": return Swift.max(a, b)
    case "Min": return Swift.min(a, b)
    default: return Self.logical(op, a == b, a < b, a != 0, b != 0) ? 1 : 0
    }
  }

  /// A unary element-wise operator applied to every value.
  func unary(_ op: String, _ c: NodeContext) throws -> FoldedValues {
    switch self {
    case .ints(let v):
      return .ints(try v.map { a in
        switch op {
        case "Neg", "Abs":
          if a == Int.min { throw c.error("shape arithmetic overflows a 64-bit integer (\(op) of \(a))") }
          return op == "Neg" ? -a : abs(a)
        case "Sign": return a.signum()
        case "Not": return a == 0 ? 1 : 0
        case "Relu": return max(a, 0)
        default: return a  // Floor, Ceil, Round of integers (Sqrt and Reciprocal are not folded on integers)
        }
      })
    case .reals(let v):
      return .reals(v.map { a in
        switch op {
        case "Neg": return -a
        case "Abs": return abs(a)
        case "Floor": return a.rounded(.down)
        case "Ceil": return a.rounded(.up)
        case "Round": return a.rounded(.toNearestOrEven)
        case "Sign": return a > 0 ? 1 : a < 0 ? -1 : 0
        case "Not": return a == 0 ? 1 : 0
        case "Relu": return max(a, 0)
        case "Sqrt": return a.squareRoot()
        default: return 1 / a
        }
      })
    }
  }
}
