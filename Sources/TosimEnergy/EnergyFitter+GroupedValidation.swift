//===--- EnergyFitter+GroupedValidation.swift ------------------------------===//
// Cross-validation over given folds rather than seeded ones: leave-one-group-
// out, where every distinct group (a workload, i.e. the CSV's model column)
// is predicted by a model fitted on the others. `tosim fit --leave-out model`
// reports it: does the model generalise to a network it never saw?
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

extension EnergyFitter {
  /// Cross-validates `source` with each row's fold given by `assignment` (fold ids 0..<k, every fold non-empty).
  ///
  /// - Throws: `InputError` for fewer than two folds, a mismatched assignment or a singular fit.
  public static func crossValidate(
    _ data: FitData, source: FitSource, terms: Set<PhysicalTerm> = Set(PhysicalTerm.allCases), assignment: [Int]
  ) throws -> CrossValidationResult {
    guard assignment.count == data.rows.count else { throw InputError("one fold per row is needed, got \(assignment.count) for \(data.rows.count) rows") }
    let folds = Set(assignment).sorted()
    guard folds.count >= 2 else { throw InputError("cross-validation needs at least 2 groups, got \(folds.count)") }
    var predictions = [Double](repeating: 0, count: data.rows.count)
    for fold in folds {
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

  /// The fold of each row when every distinct key is one fold (in order of first appearance).
  public static func groupAssignment(_ keys: [String]) -> [Int] {
    var ids: [String: Int] = [:]
    return keys.map { key in
      if let id = ids[key] { return id }
      ids[key] = ids.count
      return ids.count - 1
    }
  }
}
