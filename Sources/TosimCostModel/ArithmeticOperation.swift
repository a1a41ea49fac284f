//===--- ArithmeticOperation.swift -----------------------------------------===//
// The arithmetic operations tosim costs: the primitives a unit is built and
// measured for (add, sub, mul, div, sqrt, compare, max, min) and the
// composites priced by recipe (exp … erf, CompositeRecipes.swift). One enum
// names them for the forward and backward counters (OpCounts), the rows of
// cost tables and the recipes; the raw values are the names written in
// cost-table files and `tosim count` reports (docs/cost-tables.md).
// CLI: the `op` column of `tosim derive` tables, the OPS column of `tosim count`.
//===----------------------------------------------------------------------===//
import TosimFormats

/// An arithmetic operation as named in cost tables and op counts.
public enum ArithmeticOperation: String, CaseIterable, Hashable, Sendable {
  case add, sub, mul, div, sqrt, compare, max, min
  case exp, log, sigmoid, tanh, gelu, silu, softplus, elu, softmax, rsqrt, erf

  /// The primitives of integer cost tables, in table order (floating-point
  /// tables have one per `FloatOperation`).
  public static let integerPrimitives: [ArithmeticOperation] = [.add, .sub, .mul, .div, .sqrt, .compare]

  /// The composites, priced by recipe, in table order.
  public static let composites: [ArithmeticOperation] = allCases.filter(\.isComposite)

  /// Whether the operation is priced by a recipe of primitives rather than by a measured unit.
  public var isComposite: Bool {
    switch self {
    case .add, .sub, .mul, .div, .sqrt, .compare, .max, .min: return false
    case .exp, .log, .sigmoid, .tanh, .gelu, .silu, .softplus, .elu, .softmax, .rsqrt, .erf: return true
    }
  }
}

extension FloatOperation {
  /// The cost-table operation this floating-point unit operation is measured as.
  public var arithmeticOperation: ArithmeticOperation {
    switch self {
    case .add: return .add
    case .sub: return .sub
    case .mul: return .mul
    case .div: return .div
    case .sqrt: return .sqrt
    case .compare: return .compare
    case .max: return .max
    case .min: return .min
    }
  }
}
