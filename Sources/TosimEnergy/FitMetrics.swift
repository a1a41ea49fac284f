//===--- FitMetrics.swift --------------------------------------------------===//
// Accuracy of predicted against measured energies: MAPE, precision = 100 − MAPE
// (Li, Tsourdos & Guo 2024), median APE, R² on the joules, Spearman's ρ, and
// the prediction interval from log residuals. `tosim fit` reports them for
// out-of-fold predictions.
//===----------------------------------------------------------------------===//

/// Accuracy of a set of predictions.
public struct FitMetrics: Equatable, Sendable {
  /// Rows compared.
  public var count: Int
  /// Mean absolute percentage error, in percent.
  public var mape: Double
  /// 100 − MAPE, in percent (negative when MAPE exceeds 100%).
  public var precision: Double { 100 - mape }
  /// Median absolute percentage error, in percent.
  public var medianAPE: Double
  /// Coefficient of determination on the energies: 1 − SS_res / SS_tot.
  public var r2: Double
  /// Spearman's rank correlation (average ranks for ties).
  public var spearman: Double

  /// The metrics of `predicted` against `measured` (same length, measured > 0).
  public init(measured: [Double], predicted: [Double]) {
    count = measured.count
    let ape = zip(measured, predicted).map { abs($1 - $0) / $0 * 100 }
    mape = ape.isEmpty ? 0 : ape.reduce(0, +) / Double(ape.count)
    medianAPE = Self.median(ape)
    let mean = measured.isEmpty ? 0 : measured.reduce(0, +) / Double(measured.count)
    let total = measured.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    let residual = zip(measured, predicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    r2 = total > 0 ? 1 - residual / total : 0
    spearman = Self.pearson(Self.ranks(measured), Self.ranks(predicted))
  }

  /// The median of `values` (0 when empty).
  public static func median(_ values: [Double]) -> Double { quantile(values, 0.5) }

  /// The `q` quantile of `values` with linear interpolation between order statistics (0 when empty).
  public static func quantile(_ values: [Double], _ q: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let position = q * Double(sorted.count - 1)
    let low = Int(position.rounded(.down))
    let high = min(low + 1, sorted.count - 1)
    return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
  }

  /// 1-based ranks, ties sharing their average rank.
  public static func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] }
    var result = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
      let rank = Double(start + end) / 2 + 1
      for k in start...end { result[order[k]] = rank }
      start = end + 1
    }
    return result
  }

  /// Pearson's correlation (0 when either side is constant).
  static func pearson(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count, a.count > 1 else { return 0 }
    let n = Double(a.count)
    let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for i in a.indices {
      sab += (a[i] - ma) * (b[i] - mb)
      saa += (a[i] - ma) * (a[i] - ma)
      sbb += (b[i] - mb) * (b[i] - mb)
    }
    return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : 0
  }
}
