//===--- EnergyFitter+PowerLimit.swift -------------------------------------===//
// Fits and cross-validates the power-cap model (PowerLimitModel.swift) on rows
// that have `power_limit_w`: per fold, the energy model is fitted on the
// training rows at the highest cap, the cap model (static power, clock
// exponent, knee) on all training rows by a grid search on relative error; a
// modelled run draws at most the highest cap (its time is at least its energy
// over that cap, PowerLimitModel.apply(energy:time:limit:measuredAt:)). Folds
// hold out whole configurations (same model, batch, precision, mode,
// optimizer: every cap of one), whose rows are predicted with and without the
// cap, and per configuration the cap that the model predicts to need the
// least energy is compared with the measured one. `tosim fit` reports it when
// every row has a power limit.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

/// Out-of-fold accuracy of an energy model with and without the power-cap model.
public struct PowerLimitCrossValidation: Sendable {
  /// Out-of-fold predictions with the cap applied.
  public var predictions: [Double]
  /// Out-of-fold predictions of the same energy model ignoring the cap.
  public var uncappedPredictions: [Double]
  /// Each row's fold (all rows of one configuration share it).
  public var folds: [Int]
  /// Accuracy with the cap.
  public var metrics: FitMetrics
  /// Accuracy ignoring the cap.
  public var uncappedMetrics: FitMetrics
  /// Configurations whose predicted least-energy cap is within one sweep step of the measured one.
  public var bestLimitHits: Int
  /// Configurations measured at two or more caps.
  public var bestLimitGroups: Int
  /// The cap model fitted on all rows (with the energy model fitted on all rows at the highest cap).
  public var model: PowerLimitModel

  /// bestLimitHits / bestLimitGroups in percent (0 with no groups).
  public var bestLimitPercent: Double { bestLimitGroups > 0 ? 100 * Double(bestLimitHits) / Double(bestLimitGroups) : 0 }
}

extension EnergyFitter {
  /// The cap model that best maps uncapped (energy, time) to the measured energy under each limit.
  ///
  /// Grid search on mean relative error: static power from 0 to 95% of the lowest limit in 2.5% steps
  /// of it, clock exponent 1…4 in steps of 0.25.
  public static func fitPowerLimit(
    energies: [Double], times: [Double], limits: [Double], measured: [Double], kneeGrid: [Double] = [0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
  ) -> PowerLimitModel {
    let lowest = limits.min() ?? 0
    var best = (error: Double.infinity, model: PowerLimitModel(staticPower: 0, clockExponent: 3))
    for step in 0...38 {
      let staticPower = lowest * Double(step) * 0.025
      for b in 0...12 {
        for knee in kneeGrid {
          let model = PowerLimitModel(staticPower: staticPower, clockExponent: 1 + Double(b) * 0.25, kneeClock: knee)
          var error = 0.0
          for i in measured.indices {
            error += abs(model.apply(energy: energies[i], time: times[i], limit: limits[i]).energy - measured[i]) / measured[i]
          }
          if error < best.error { best = (error, model) }
        }
      }
    }
    return best.model
  }

  /// Cross-validates the physical model of `predictor` with the cap model over `folds` seeded folds of
  /// configurations (every row of one group is in the same fold).
  ///
  /// - Parameters:
  ///   - limits: each row's power limit in watts.
  ///   - groups: each row's configuration id; rows of one id differ only in their limit.
  /// - Throws: `InputError` for fewer configurations than folds, a fold without rows at the highest cap, or a
  ///   singular fit.
  public static func crossValidatePowerLimits(
    _ data: FitData, limits: [Double], groups: [Int], predictor: EnergyPredictor,
    terms: Set<PhysicalTerm> = Set(PhysicalTerm.allCases), folds: Int, seed: UInt64
  ) throws -> PowerLimitCrossValidation {
    guard limits.count == data.rows.count, groups.count == data.rows.count else {
      throw InputError("power-limit validation needs one limit and one group per row")
    }
    guard let top = limits.max() else { throw InputError("empty fit: no rows") }
    // Folds are drawn over configurations, not rows: all caps of one configuration are held out
    // together, so its predicted energy-against-cap curve comes from one fitted model (and no run of
    // it, at the top cap or any other, is in the training rows).
    let configuration = groupAssignment(groups.map(String.init))
    let configurations = (configuration.max() ?? -1) + 1
    guard configurations >= folds else {
      throw InputError("power-limit validation with \(folds) folds needs at least \(folds) configurations, got \(configurations)")
    }
    let configurationFold = try KFold.assignments(count: configurations, folds: folds, seed: seed)
    let assignment = configuration.map { configurationFold[$0] }
    var predictions = [Double](repeating: 0, count: data.rows.count)
    var uncapped = predictions

    func stage(_ training: [Int]) throws -> (EnergyModel, PowerLimitModel) {
      let uncappedRows = training.filter { limits[$0] == top }
      guard !uncappedRows.isEmpty else { throw InputError("no training rows at the highest power limit (\(top) W)") }
      guard case .model(let model) = try fit(data, source: .counts(predictor, .physical), terms: terms, indices: uncappedRows) else {
        throw InputError("empty fit: no model")
      }
      let e = training.map { model.predict(data.rows[$0].features) }
      // The modelled runs are runs at the highest cap: they draw at most `top` watts.
      let t = training.indices.map {
        PowerLimitModel.runTime(energy: e[$0], modelledTime: model.modelledTime(data.rows[training[$0]].features), measuredAt: top)
      }
      let cap = fitPowerLimit(energies: e, times: t, limits: training.map { limits[$0] }, measured: training.map { data.rows[$0].energy })
      return (model, cap)
    }

    for fold in 0..<folds {
      let (model, cap) = try stage(data.rows.indices.filter { assignment[$0] != fold })
      for i in data.rows.indices where assignment[i] == fold {
        let e = model.predict(data.rows[i].features)
        uncapped[i] = e
        predictions[i] = cap.apply(energy: e, time: model.modelledTime(data.rows[i].features), limit: limits[i], measuredAt: top).energy
      }
    }
    let (_, all) = try stage(Array(data.rows.indices))
    let measured = data.rows.map(\.energy)
    let sweep = Array(Set(limits)).sorted()
    var byGroup: [Int: [Int]] = [:]
    for i in data.rows.indices { byGroup[groups[i], default: []].append(i) }
    var hits = 0, counted = 0
    for rows in byGroup.values where Set(rows.map { limits[$0] }).count >= 2 {
      guard let measuredBest = rows.min(by: { measured[$0] < measured[$1] }),
        let predictedBest = rows.min(by: { predictions[$0] < predictions[$1] }),
        let a = sweep.firstIndex(of: limits[measuredBest]), let b = sweep.firstIndex(of: limits[predictedBest])
      else { continue }
      counted += 1
      if abs(a - b) <= 1 { hits += 1 }
    }
    return PowerLimitCrossValidation(
      predictions: predictions, uncappedPredictions: uncapped, folds: assignment, metrics: FitMetrics(measured: measured, predicted: predictions),
      uncappedMetrics: FitMetrics(measured: measured, predicted: uncapped), bestLimitHits: hits, bestLimitGroups: counted,
      model: all)
  }
}
