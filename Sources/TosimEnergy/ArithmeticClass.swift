//===--- ArithmeticClass.swift ---------------------------------------------===//
// The four op classes the energy model keeps apart (multiply-accumulate,
// other element-wise arithmetic, transcendental / division / square root,
// compare / select) and a fixed-size vector of one number per class.
// `tosim fit` and `tosim estimate` fit and report one coefficient per class.
//===----------------------------------------------------------------------===//

/// A class of arithmetic ops with one energy coefficient in the model.
public enum ArithmeticClass: String, CaseIterable, Sendable {
  /// The multiplies and adds of matrix products, convolutions and recurrent gates.
  case multiplyAccumulate = "mac"
  /// Other adds, subtracts and multiplies (bias, residual, normalisation, optimizer updates).
  case elementwise
  /// Division, square root and the composite transcendental functions (exp, sigmoid, …).
  case transcendental
  /// Comparisons and selections (ReLU, max pooling, min/max).
  case compareSelect = "compare"

  /// The position of the class in a `PerClass` vector.
  public var index: Int {
    switch self {
    case .multiplyAccumulate: return 0
    case .elementwise: return 1
    case .transcendental: return 2
    case .compareSelect: return 3
    }
  }
}

/// One number per arithmetic class.
public struct PerClass: Equatable, Sendable {
  /// The values in `ArithmeticClass.allCases` order.
  public var values: [Double] = [0, 0, 0, 0]

  /// Creates a vector of zeros.
  public init() {}

  /// Creates a vector from values in class order.
  public init(_ values: [Double]) {
    self.values = values.count == 4 ? values : [0, 0, 0, 0]
  }

  /// The value of `arithmeticClass`.
  public subscript(arithmeticClass: ArithmeticClass) -> Double {
    get { values[arithmeticClass.index] }
    set { values[arithmeticClass.index] = newValue }
  }

  /// The sum over all classes.
  public var total: Double { values.reduce(0, +) }

  /// The element-wise sum.
  public static func + (a: PerClass, b: PerClass) -> PerClass {
    PerClass([a.values[0] + b.values[0], a.values[1] + b.values[1], a.values[2] + b.values[2], a.values[3] + b.values[3]])
  }

  /// Every value multiplied by `factor`.
  public func scaled(by factor: Double) -> PerClass { PerClass(values.map { $0 * factor }) }
}
