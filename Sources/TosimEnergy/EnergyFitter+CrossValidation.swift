//===--- EnergyFitter+CrossValidation.swift --------------------------------===//
// k-fold cross-validation of an energy fit: out-of-fold predictions for every
// row, their metrics, and the 90% prediction interval taken from the
// out-of-fold log ratios measured / predicted. `tosim fit` reports these and
// writes the interval into the profile that `tosim estimate` applies.
//===----------------------------------------------------------------------===//
import Foundation

/// Out-of-fold predictions of one fit and their accuracy.
public struct CrossValidationResult: Sendable {
  /// The prediction for each row from the model fitted without its fold.
  public var predictions: [Double]
  /// Accuracy of those predictions.
  public var metrics: FitMetrics
  /// The 5% quantile of ln(measured / predicted).
  public var logRatioLow: Double
  /// The 95% quantile of ln(measured / predicted).
  public var logRatioHigh: Double
}

extension EnergyFitter {
  /// Cross-validates `source` over `folds` seeded folds.
  ///
  /// - Throws: `InputError` for too few rows or a singular fold.
  public static func crossValidate(
    _ data: FitData, source: FitSource, terms: Set<PhysicalTerm> = Set(PhysicalTerm.allCases), folds: Int, seed: UInt64
  ) throws -> CrossValidationResult {
    let assignment = try KFold.assignments(count: data.rows.count, folds: folds, seed: seed)
    var predictions = [Double](repeating: 0, count: data.rows.count)
    for fold in 0..<folds {
      let training = data.rows.indices.filter { assignment[$0] != fold }
      let fitted = try fit(data, source: source, terms: terms, indices: training)
      for i in data.rows.indices where assignment[i] == fold { predictions[i] = fitted.predict(data, i) }
    }
    let measured = data.rows.map(\.energy)
    let ratios = zip(measured, predictions).map { $1 > 0 ? log($0 / $1) : 0 }
    return CrossValidationResult(
      predictions: predictions, metrics: FitMetrics(measured: measured, predicted: predictions),
      logRatioLow: FitMetrics.quantile(ratios, 0.05), logRatioHigh: FitMetrics.quantile(ratios, 0.95))
  }
}
