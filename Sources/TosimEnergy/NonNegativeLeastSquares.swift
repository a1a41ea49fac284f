//===--- NonNegativeLeastSquares.swift -------------------------------------===//
// Lawson–Hanson active-set non-negative least squares (Lawson & Hanson,
// "Solving Least Squares Problems", 1974, ch. 23), run on the normal
// equations of a weighted design so that a fit of 10^4 rows and a few columns
// costs one pass over the rows. Columns are scaled to unit diagonal first.
// `tosim fit` solves every energy model with it; rows weighted by 1/E make
// it a fit of relative error.
//===----------------------------------------------------------------------===//
import TosimFormats

/// Non-negative least squares: min ‖W(Ax − b)‖² subject to x ≥ 0.
public enum NonNegativeLeastSquares {
  /// The normal equations of a weighted least-squares problem: G = AᵀW²A, c = AᵀW²b, and Σ (w b)².
  public struct NormalEquations: Sendable {
    /// The Gram matrix AᵀW²A.
    public var gram: [[Double]]
    /// The moment vector AᵀW²b.
    public var moment: [Double]
    /// Σ (w·b)², to turn a solution into its residual sum of squares.
    public var targetSquares: Double

    /// Empty normal equations for `columns` unknowns.
    public init(columns: Int) {
      gram = Array(repeating: Array(repeating: 0, count: columns), count: columns)
      moment = Array(repeating: 0, count: columns)
      targetSquares = 0
    }

    /// Adds one row `a` with target `b` and weight `w`.
    public mutating func add(row a: [Double], target b: Double, weight w: Double = 1) {
      let w2 = w * w
      for i in a.indices where a[i] != 0 {
        let ai = a[i] * w2
        moment[i] += ai * b
        for j in i..<a.count where a[j] != 0 { gram[i][j] += ai * a[j] }
      }
      targetSquares += w2 * b * b
    }

    /// The weighted residual sum of squares of `x`: Σw²b² − 2xᵀc + xᵀGx.
    public func residualSumOfSquares(_ x: [Double]) -> Double {
      var quadratic = 0.0
      for i in x.indices where x[i] != 0 {
        for j in x.indices where x[j] != 0 { quadratic += x[i] * x[j] * (i <= j ? gram[i][j] : gram[j][i]) }
      }
      let linear = zip(x, moment).reduce(0) { $0 + $1.0 * $1.1 }
      return max(0, targetSquares - 2 * linear + quadratic)
    }
  }

  /// Solves min ‖W(Ax − b)‖², x ≥ 0, for the rows of `design`.
  ///
  /// - Throws: `InputError` when there are no rows or every column is zero.
  public static func solve(design: [[Double]], targets: [Double], weights: [Double]? = nil) throws -> [Double] {
    guard let first = design.first, !first.isEmpty, design.count == targets.count else {
      throw InputError("empty fit: no rows to fit")
    }
    var equations = NormalEquations(columns: first.count)
    for (i, row) in design.enumerated() { equations.add(row: row, target: targets[i], weight: weights?[i] ?? 1) }
    return try solve(equations)
  }

  /// Solves the problem given by its normal equations (only the upper triangle of the Gram matrix is read).
  ///
  /// - Throws: `InputError` when every column is zero (a singular, empty fit).
  public static func solve(_ equations: NormalEquations) throws -> [Double] {
    let n = equations.moment.count
    var scale = [Double](repeating: 0, count: n)
    for i in 0..<n where equations.gram[i][i] > 0 && equations.gram[i][i].isFinite { scale[i] = 1 / equations.gram[i][i].squareRoot() }
    guard scale.contains(where: { $0 > 0 }) else { throw InputError("singular fit: every feature column is zero") }
    var g = Array(repeating: [Double](repeating: 0, count: n), count: n)
    var c = [Double](repeating: 0, count: n)
    for i in 0..<n {
      c[i] = equations.moment[i] * scale[i]
      for j in 0..<n { g[i][j] = (i <= j ? equations.gram[i][j] : equations.gram[j][i]) * scale[i] * scale[j] }
    }
    let usable = (0..<n).filter { scale[$0] > 0 }
    var x = [Double](repeating: 0, count: n)
    var passive: [Int] = []
    var excluded = Set<Int>()
    let tolerance = 1e-12
    func gradient() -> [Double] {
      (0..<n).map { i in c[i] - (0..<n).reduce(0) { $0 + g[i][$1] * x[$1] } }
    }
    var outer = 0
    while outer < 3 * n + 30 {
      outer += 1
      let w = gradient()
      let candidates = usable.filter { !passive.contains($0) && !excluded.contains($0) }
      guard let t = candidates.max(by: { w[$0] < w[$1] }), w[t] > tolerance else { break }
      passive.append(t)
      var inner = 0
      while inner < 3 * n + 30 {
        inner += 1
        guard let s = solveSubsystem(g, c, passive) else {
          passive.removeAll { $0 == t }
          excluded.insert(t)
          break
        }
        if passive.allSatisfy({ s[$0] > tolerance }) {
          x = s
          break
        }
        var alpha = 1.0
        for j in passive where s[j] <= tolerance {
          let denominator = x[j] - s[j]
          if denominator > 0 { alpha = min(alpha, x[j] / denominator) }
        }
        for j in 0..<n { x[j] += alpha * (s[j] - x[j]) }
        passive.removeAll { x[$0] <= tolerance }
        for j in 0..<n where !passive.contains(j) { x[j] = 0 }
        if passive.isEmpty { break }
      }
    }
    return (0..<n).map { x[$0] > 0 ? x[$0] * scale[$0] : 0 }
  }

  /// The unconstrained solution on the passive columns (zero elsewhere), or `nil` when singular.
  static func solveSubsystem(_ g: [[Double]], _ c: [Double], _ passive: [Int]) -> [Double]? {
    let m = passive.count
    var a = passive.map { i in passive.map { j in g[i][j] } + [c[i]] }
    for column in 0..<m {
      guard let pivot = (column..<m).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }), abs(a[pivot][column]) > 1e-10 else {
        return nil
      }
      a.swapAt(column, pivot)
      for row in (column + 1)..<max(m, column + 1) {
        let factor = a[row][column] / a[column][column]
        if factor == 0 { continue }
        for k in column...m { a[row][k] -= factor * a[column][k] }
      }
    }
    var z = [Double](repeating: 0, count: m)
    for row in stride(from: m - 1, through: 0, by: -1) {
      var sum = a[row][m]
      for k in (row + 1)..<max(m, row + 1) { sum -= a[row][k] * z[k] }
      z[row] = sum / a[row][row]
    }
    var s = [Double](repeating: 0, count: c.count)
    for (k, i) in passive.enumerated() { s[i] = z[k] }
    return s
  }
}
