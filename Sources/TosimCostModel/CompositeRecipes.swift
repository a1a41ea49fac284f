//===--- CompositeRecipes.swift --------------------------------------------===//
// Composite operations as counts of primitives, for floating-point tables.
// Each recipe is the textbook evaluation a math library or an accelerator's
// special-function path performs; polynomial degrees follow the precision
// p (significand bits, hidden bit included) so the truncation error of the
// Taylor series on the reduced range stays below 2^−(p+1):
//
// - exp(x): k = round(x·log2 e) (1 mul, 1 add with a rounding constant),
//   r = x − k·ln 2 (1 mul, 1 sub; Cody–Waite), Horner polynomial of degree
//   d_exp on |r| ≤ ln2/2 (d mul, d add), scale by 2^k (1 integer add on the
//   exponent, counted as add), overflow/underflow clamp (1 compare).
// - log(x): x = m·2^e; s = (m−1)/(m+1) (2 add, 1 div), atanh series
//   2(s + s³/3 + …) in s² with n terms on |s| ≤ 0.1716 (1 mul for s²,
//   n mul + n add by Horner, 1 mul by s), plus e·ln 2 (1 mul, 1 add).
// - sigmoid = 1/(1 + exp(−x)): exp, 1 add, 1 div.
// - tanh = (e^{2x} − 1)/(e^{2x} + 1): 1 mul, exp, 2 add, 1 div.
// - gelu (tanh form, Hendrycks & Gimpel 2016): 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))):
//   5 mul, 2 add, tanh.
// - silu = x·sigmoid(x): sigmoid, 1 mul.
// - softplus = log(1 + exp(x)): exp, 1 add, log.
// - elu = x > 0 ? x : exp(x) − 1: 1 compare, exp, 1 add.
// - softmax, per element: running max (1 compare), x − max (1 sub), exp,
//   running sum (1 add), normalise (1 div).
// - rsqrt = 1/√x: 1 sqrt, 1 div.
// - erf (Abramowitz & Stegun 7.1.26, |error| ≤ 1.5·10⁻⁷): t = 1/(1 + p|x|)
//   (1 mul, 1 add, 1 div), degree-5 Horner in t (5 mul, 4 add), times
//   exp(−x²) (1 mul for x², exp, 1 mul), 1 − … (1 add), sign (1 compare).
//
// A recipe row's TOs are Σ count × the primitive row (see docs/cost-tables.md).
// Model only (TosimCostModel); CLI: rows of every floating-point table
// written by `tosim derive`.
//===----------------------------------------------------------------------===//
import Foundation

/// Composite operations as counts of primitive operations.
public enum CompositeRecipes {
  /// The composite operations, in table order.
  public static var operations: [ArithmeticOperation] { ArithmeticOperation.composites }

  /// The Horner degree of exp for p significand bits: the least d with
  /// (ln2/2)^(d+1)/(d+1)! < 2^−(p+1).
  public static func exponentialDegree(precision p: Int) -> Int {
    var degree = 1
    while pow(log(2) / 2, Double(degree + 1)) / factorial(degree + 1) >= pow(2, -Double(p + 1)) { degree += 1 }
    return degree
  }

  /// The number of atanh-series terms of log for p bits: the least n with
  /// s^(2n+1)/(2n+1) < 2^−(p+1) at s = (√2 − 1)/(√2 + 1).
  public static func logarithmTermCount(precision p: Int) -> Int {
    let s = (2.0.squareRoot() - 1) / (2.0.squareRoot() + 1)
    var terms = 1
    while pow(s, Double(2 * terms + 1)) / Double(2 * terms + 1) >= pow(2, -Double(p + 1)) { terms += 1 }
    return terms
  }

  private static func factorial(_ n: Int) -> Double { (1...max(1, n)).reduce(1.0) { $0 * Double($1) } }

  /// The recipe of composite `operation` in primitives and other
  /// composites, for a format of `precision` significand bits; empty for a
  /// primitive.
  static func definition(_ operation: ArithmeticOperation, precision p: Int) -> [(ArithmeticOperation, Int)] {
    let d = exponentialDegree(precision: p), n = logarithmTermCount(precision: p)
    switch operation {
    case .exp: return [(.mul, d + 2), (.add, d + 3), (.compare, 1)]
    case .log: return [(.div, 1), (.mul, n + 3), (.add, n + 3)]
    case .sigmoid: return [(.exp, 1), (.add, 1), (.div, 1)]
    case .tanh: return [(.mul, 1), (.exp, 1), (.add, 2), (.div, 1)]
    case .gelu: return [(.mul, 5), (.add, 2), (.tanh, 1)]
    case .silu: return [(.sigmoid, 1), (.mul, 1)]
    case .softplus: return [(.exp, 1), (.add, 1), (.log, 1)]
    case .elu: return [(.compare, 1), (.exp, 1), (.add, 1)]
    case .softmax: return [(.compare, 1), (.sub, 1), (.exp, 1), (.add, 1), (.div, 1)]
    case .rsqrt: return [(.sqrt, 1), (.div, 1)]
    case .erf: return [(.mul, 8), (.add, 6), (.div, 1), (.exp, 1), (.compare, 1)]
    case .add, .sub, .mul, .div, .sqrt, .compare, .max, .min: return []
    }
  }

  /// The recipe of `operation` expanded into primitive counts, in the order
  /// add, sub, mul, div, sqrt, compare (zero counts left out); a primitive
  /// is one of itself.
  public static func primitiveCounts(
    _ operation: ArithmeticOperation, precision p: Int
  ) -> [(operation: ArithmeticOperation, count: Int)] {
    var counts: [ArithmeticOperation: Int] = [:]
    func expand(_ name: ArithmeticOperation, _ times: Int) {
      if name.isComposite {
        for (part, count) in definition(name, precision: p) { expand(part, times * count) }
      } else {
        counts[name, default: 0] += times
      }
    }
    expand(operation, 1)
    return ArithmeticOperation.allCases.filter { !$0.isComposite }.compactMap { name in counts[name].map { (name, $0) } }
  }

  /// The recipe rows of a table whose primitive rows are `primitives`: TOs
  /// are Σ count × primitive; the standard deviation assumes independent
  /// primitives (square root of Σ count × variance).
  public static func rows(primitives: [CostRow], precision p: Int) -> [CostRow] {
    operations.map { operation in
      let counts = primitiveCounts(operation, precision: p)
      var row = CostRow(
        operation: operation, unit: nil, recipe: counts, transistorCount: 0, depth: 0, staticTOs: 0, dynamicTOs: 0,
        dynamicTOsStandardDeviation: 0, glitchTOs: 0,
        inertialTOs: primitives.allSatisfy { $0.inertialTOs != nil } ? 0 : nil)
      var variance = 0.0
      for (name, count) in counts {
        guard let primitive = primitives.first(where: { $0.operation == name }) else { continue }
        row.staticTOs += count * primitive.staticTOs
        row.dynamicTOs += Double(count) * primitive.dynamicTOs
        row.glitchTOs += Double(count) * primitive.glitchTOs
        if let inertial = primitive.inertialTOs, let sum = row.inertialTOs { row.inertialTOs = sum + Double(count) * inertial }
        variance += Double(count) * primitive.dynamicTOsStandardDeviation * primitive.dynamicTOsStandardDeviation
      }
      row.dynamicTOsStandardDeviation = variance.squareRoot()
      return row
    }
  }
}
