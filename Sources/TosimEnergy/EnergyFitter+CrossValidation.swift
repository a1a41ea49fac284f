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
    try crossValidate(data, source: source, terms: terms, assignment: try KFold.assignments(count: data.rows.count, folds: folds, seed: seed))
  }
}
