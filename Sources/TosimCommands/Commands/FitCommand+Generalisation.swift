//===--- FitCommand+Generalisation.swift -----------------------------------===//
// The two extra reports of `tosim fit`: leave-one-model-out validation
// (`--leave-out model`: every distinct model column is predicted by fits on the
// others) and, when every row of a hardware label has power_limit_w, the
// power-cap model (PowerLimitModel) cross-validated per physical predictor
// against the same energy model ignoring the cap, with the share of
// configurations whose least-energy cap is predicted within one sweep step.
//===----------------------------------------------------------------------===//
import Foundation
import TosimEnergy
import TosimFormats
import TosimIO

extension FitCommand {
  /// Leave-one-model-out accuracy of one predictor and form, overall and per held-out model.
  struct LeaveOutResult {
    let result: Result
    let perModel: [(model: String, metrics: FitMetrics)]
  }

  /// Power-cap cross-validation of one physical predictor.
  struct PowerLimitResult {
    let predictor: EnergyPredictor
    let cv: PowerLimitCrossValidation
  }

  /// The extra reports of one hardware label.
  struct Generalisation {
    var leaveOut: [LeaveOutResult] = []
    var powerLimits: [PowerLimitResult] = []
  }

  func generalisation(_ data: FitData, rows: [EnergyMeasurement], csvDirectory: String) throws -> Generalisation {
    var g = Generalisation()
    if leaveOutModels {
      let names = rows.map { Self.modelName($0.model, relativeTo: csvDirectory) }
      let assignment = EnergyFitter.groupAssignment(names)
      var order: [String] = []
      for n in names where !order.contains(n) { order.append(n) }
      guard order.count >= 2 else { throw InputError("--leave-out model needs at least 2 distinct models, got \(order.count)") }
      for predictor in predictors {
        for form in forms {
          let cv = try EnergyFitter.crossValidate(data, source: .counts(predictor, form), terms: terms, assignment: assignment)
          let perModel = order.map { name -> (String, FitMetrics) in
            let idx = names.indices.filter { names[$0] == name }
            return (name, FitMetrics(measured: idx.map { rows[$0].energy }, predicted: idx.map { cv.predictions[$0] }))
          }
          g.leaveOut.append(
            LeaveOutResult(result: Result(name: "\(predictor.rawValue) \(form.rawValue)", predictor: predictor, form: form, cv: cv), perModel: perModel))
        }
      }
    }
    if forms.contains(.physical), rows.allSatisfy({ $0.powerLimit != nil }), Set(rows.map { $0.powerLimit! }).count >= 2 {
      let limits = rows.map { $0.powerLimit! }
      let groups = EnergyFitter.groupAssignment(rows.map(\.countKey))
      for predictor in predictors {
        let cv = try EnergyFitter.crossValidatePowerLimits(
          data, limits: limits, groups: groups, predictor: predictor, terms: terms, folds: folds, seed: seed)
        g.powerLimits.append(PowerLimitResult(predictor: predictor, cv: cv))
      }
    }
    return g
  }

  /// A model column as the report names it: a path relative to the CSV, or the layer spec.
  static func modelName(_ model: String, relativeTo directory: String) -> String {
    let prefix = directory.hasSuffix("/") ? directory : directory + "/"
    return model.hasPrefix(prefix) ? String(model.dropFirst(prefix.count)) : model
  }

  func generalisationText(_ g: Generalisation) -> [String] {
    var lines: [String] = []
    if !g.leaveOut.isEmpty {
      var t = TextTable(header: ["PREDICTOR", "FORM", "PRECISION", "MEDIAN_APE", "SPEARMAN", "MEAN_OVER_MODELS"])
      for r in g.leaveOut {
        let m = r.result.cv.metrics
        let mean = r.perModel.map(\.metrics.precision).reduce(0, +) / Double(max(r.perModel.count, 1))
        t.rows.append([r.result.predictor?.rawValue ?? "-", r.result.form?.rawValue ?? "-", Self.f1(m.precision), Self.f1(m.medianAPE), Self.f3(m.spearman), Self.f1(mean)])
      }
      lines += ["leave-one-model-out (each model predicted by a fit on the others); precision = 100 − MAPE (%):", t.rendered]
    }
    if !g.powerLimits.isEmpty {
      var t = TextTable(header: ["PREDICTOR", "PRECISION", "IGNORING_CAP", "MEDIAN_APE", "SPEARMAN", "BEST_CAP_WITHIN_1_STEP", "P_STATIC_W", "BETA", "KNEE"])
      for r in g.powerLimits {
        t.rows.append([
          r.predictor.rawValue, Self.f1(r.cv.metrics.precision), Self.f1(r.cv.uncappedMetrics.precision), Self.f1(r.cv.metrics.medianAPE),
          Self.f3(r.cv.metrics.spearman), "\(r.cv.bestLimitHits)/\(r.cv.bestLimitGroups) (\(Self.f1(r.cv.bestLimitPercent))%)",
          Self.f1(r.cv.model.staticPower), String(format: "%.2f", r.cv.model.clockExponent), String(format: "%.2f", r.cv.model.kneeClock),
        ])
      }
      lines += [
        "power limits (physical form fitted at the highest cap, cap model P_s + (P − P_s)·s^β = limit, β → 1 below the knee clock; \(folds)-fold CV):", t.rendered,
      ]
    }
    return lines
  }

  func generalisationJSON(_ g: Generalisation) -> [(String, JSONValue)] {
    func metrics(_ m: FitMetrics) -> JSONValue {
      .object([("precision", .double(m.precision)), ("mape", .double(m.mape)), ("median_ape", .double(m.medianAPE)), ("r2", .double(m.r2)), ("spearman", .double(m.spearman))])
    }
    var pairs: [(String, JSONValue)] = []
    if !g.leaveOut.isEmpty {
      pairs.append(("leave_one_model_out", .array(g.leaveOut.map { r in
        .object([
          ("predictor", .string(r.result.predictor?.rawValue ?? "-")), ("form", .string(r.result.form?.rawValue ?? "-")),
          ("metrics", metrics(r.result.cv.metrics)),
          ("per_model", .array(r.perModel.map { .object([("model", .string($0.model)), ("metrics", metrics($0.metrics))]) })),
        ])
      })))
    }
    if !g.powerLimits.isEmpty {
      pairs.append(("power_limits", .array(g.powerLimits.map { r in
        .object([
          ("predictor", .string(r.predictor.rawValue)), ("metrics", metrics(r.cv.metrics)), ("ignoring_cap", metrics(r.cv.uncappedMetrics)),
          ("best_cap_hits", .int(r.cv.bestLimitHits)), ("best_cap_groups", .int(r.cv.bestLimitGroups)),
          ("static_power_w", .double(r.cv.model.staticPower)), ("clock_exponent", .double(r.cv.model.clockExponent)),
          ("knee_clock", .double(r.cv.model.kneeClock)),
          ("predictions", .array(r.cv.predictions.map { .double($0) })),
        ])
      })))
    }
    return pairs
  }
}

extension FitCommand {
  /// One held-out hardware label: the accuracy of a fit on the other labels, scaled by one factor.
  struct HardwareOutResult {
    let hardware: String
    let predictor: EnergyPredictor
    let form: FitForm
    let scale: Double
    let metrics: FitMetrics
  }

  /// Leave-one-hardware-out over the pooled rows: per label and predictor × form, a fit on the other
  /// labels' rows and one scale factor k fitted on the held-out rows by relative least squares
  /// (k = Σ(p/y) / Σ(p/y)², p the prediction, y the measurement).
  func leaveOneHardwareOut(_ data: FitData, rows: [EnergyMeasurement]) throws -> [HardwareOutResult] {
    var labels: [String] = []
    for row in rows where !labels.contains(row.hardware) { labels.append(row.hardware) }
    guard labels.count >= 2 else { throw InputError("--leave-out hardware needs at least 2 hardware labels, got \(labels.count)") }
    var results: [HardwareOutResult] = []
    for label in labels {
      let held = rows.indices.filter { rows[$0].hardware == label }
      let training = rows.indices.filter { rows[$0].hardware != label }
      for predictor in predictors {
        for form in forms {
          let fitted = try EnergyFitter.fit(data, source: .counts(predictor, form), terms: terms, indices: training)
          let p = held.map { fitted.predict(data, $0) }
          let r = zip(p, held).map { $0 / rows[$1].energy }
          let square = r.reduce(0) { $0 + $1 * $1 }
          let scale = square > 0 ? r.reduce(0, +) / square : 1
          results.append(
            HardwareOutResult(
              hardware: label, predictor: predictor, form: form, scale: scale,
              metrics: FitMetrics(measured: held.map { rows[$0].energy }, predicted: p.map { $0 * scale })))
        }
      }
    }
    return results
  }

  func leaveOutText(_ results: [HardwareOutResult]) -> String {
    var t = TextTable(header: ["HELD_OUT", "PREDICTOR", "FORM", "SCALE", "PRECISION", "MEDIAN_APE", "SPEARMAN"])
    for r in results {
      t.rows.append([r.hardware, r.predictor.rawValue, r.form.rawValue, Self.f3(r.scale), Self.f1(r.metrics.precision), Self.f1(r.metrics.medianAPE), Self.f3(r.metrics.spearman)])
    }
    return "leave-one-hardware-out (fit on the other labels, one scale factor fitted on the held-out rows):\n" + t.rendered + "\n"
  }

  func leaveOutJSON(_ results: [HardwareOutResult]) -> JSONValue {
    .array(results.map { r in
      .object([
        ("held_out", .string(r.hardware)), ("predictor", .string(r.predictor.rawValue)), ("form", .string(r.form.rawValue)),
        ("scale", .double(r.scale)), ("precision", .double(r.metrics.precision)), ("median_ape", .double(r.metrics.medianAPE)),
        ("spearman", .double(r.metrics.spearman)),
      ])
    })
  }
}
