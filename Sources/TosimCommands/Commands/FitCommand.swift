//===--- FitCommand.swift --------------------------------------------------===//
// `tosim fit DATA.csv`: fits energy models to measured runs per hardware
// label and reports k-fold cross-validated precision (100 − MAPE), MAPE,
// median APE, R² and Spearman ρ for every predictor and form side by side,
// with a constant floor and the measured-time ceiling; residuals by layer
// type; optionally a calibration profile (--out) and a predicted-vs-measured
// plot (--svg). Model: docs/energy-model.md.
//===----------------------------------------------------------------------===//
import Foundation
import TosimEnergy
import TosimFormats
import TosimIO
import TosimNN

struct FitCommand: TosimCommand {
  static let name = "fit"
  static let abstract = "Fit energy models to measurements; compare TO, FLOP and MAC predictors by cross-validation."
  static let usage = """
    fit DATA.csv [--features LIST] [--time-exponent auto|G] [--lane-width auto|W] [--predictor to|to-dynamic|to-glitch|to-inertial|flops|macs|all] \
    [--form linear|loglog|physical|all] [--folds K] [--seed S] [--table FILE]... [--out PROFILE.json] [--svg FILE] \
    [--leave-out model|hardware] [--rebatch] [--json] [--quiet]
    """
  static let discussion = """
    DATA.csv has a header and the columns model, batch, precision, mode (forward, backward,
    training), hardware, energy_j; optional time_s, steps, optimizer, idle_w, power_limit_w.
    Model paths (.onnx, .json) are relative to the CSV; anything else is a layer spec. Each
    distinct (model, batch, precision, mode, optimizer) is counted once.
    Forms: linear E = β·x + α (absolute error, the paper's form); loglog ln E = ln a + b ln x;
    physical E = Σ_class e_c·x_c + e_B·bytes + e_call·calls + e_step·steps + P·t̂ + α, all ≥ 0,
    fitted on relative error, t̂ a roofline time; the static term is P·t̂·(t̂/1 s)^(γ−1) with γ
    chosen per fold from a grid (--time-exponent auto) or given; products and convolutions execute
    their MACs in vectors of W lanes along the channel axis, W chosen per fold from 1, 4, …, 128
    (--lane-width auto) or given (1 = no lane padding). --features picks the physical terms from
    bytes,calls,steps,time,intercept (default all). Every predictor gets the same terms, so the MAC
    and FLOP baselines are as strong as the TO model. Precision = 100 − MAPE of out-of-fold
    predictions (--folds, default 5; --seed, default 1). --out writes, per hardware, the best
    TO-based model (the best model when no TO predictor is chosen). --leave-out model adds
    leave-one-model-out validation; --leave-out hardware pools every label and predicts each one
    from a fit on the others with one fitted scale factor; rows that all have power_limit_w add the power-cap model
    (fitted at the highest cap, then the cap's clock reduction). See docs/energy-model.md.
    """
  static let options: [OptionSpec] = [
    .option("--features", "LIST", "Physical terms: comma list of bytes, calls, steps, time, intercept (default all)."),
    .option("--predictor", "P", "to, to-dynamic, to-glitch, to-inertial, flops, macs or all (default all)."),
    .option("--form", "F", "linear, loglog, physical or all (default all)."),
    .option("--time-exponent", "G", "γ of the static term P·t̂^γ: auto (grid 0.7–1.6, chosen per fold) or a number (default auto)."),
    .option("--lane-width", "W", "SIMD lanes per vector of MAC kernels: auto (1, 4, 8, 16, 32, 64 or 128, chosen per fold) or a whole number (1 = off; default auto)."),
    .option("--folds", "K", "Cross-validation folds (default 5)."),
    .option("--seed", "S", "Seed of the fold split (default 1)."),
    .option("--table", "FILE", "A cost table to use for its precision (repeatable).", repeatable: true),
    .option("--out", "FILE", "Write the calibration profile (JSON) to FILE."),
    .option("--svg", "FILE", "Write a predicted-vs-measured plot (log–log) to FILE."),
    .option("--leave-out", "WHAT", "model: also validate leaving out each model in turn; hardware: each label, one scale factor."),
    .flag("--rebatch", "Give a model with fixed inputs each row's batch as their first dimension (see `tosim count --help`)."),
    .flag("--json", "Write JSON instead of tables."),
    .flag("--quiet", "Do not write progress notes to standard error."),
  ]

  let rebatch: Bool
  let data: String
  let predictors: [EnergyPredictor]
  let forms: [FitForm]
  let terms: Set<PhysicalTerm>
  let folds: Int
  let seed: UInt64
  let timeExponents: [Double]
  let laneWidths: [Int]
  let tablePaths: [String]
  let out: String?
  let svg: String?
  let json: Bool
  let quiet: Bool
  let leaveOutModels: Bool
  let leaveOutHardware: Bool

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(1...1, "DATA.csv (a measurement CSV)")
    data = arguments.positionals[0]
    let predictorName = arguments.string("--predictor") ?? "all"
    if predictorName == "all" {
      predictors = EnergyPredictor.allCases
    } else {
      guard let p = EnergyPredictor(rawValue: predictorName) else {
        throw UsageError("--predictor expects to, to-dynamic, to-glitch, to-inertial, flops, macs or all, got '\(predictorName)'")
      }
      predictors = [p]
    }
    let formName = arguments.string("--form") ?? "all"
    if formName == "all" {
      forms = FitForm.allCases
    } else {
      guard let f = FitForm(rawValue: formName) else { throw UsageError("--form expects linear, loglog, physical or all, got '\(formName)'") }
      forms = [f]
    }
    if let list = arguments.string("--features") {
      var chosen = Set<PhysicalTerm>()
      for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
        guard let term = PhysicalTerm(rawValue: name) else {
          throw UsageError("--features expects a comma list of bytes, calls, steps, time, intercept, got '\(name)'")
        }
        chosen.insert(term)
      }
      terms = chosen
    } else {
      terms = Set(PhysicalTerm.allCases)
    }
    let exponentText = arguments.string("--time-exponent") ?? "auto"
    if exponentText == "auto" {
      timeExponents = (7...16).map { Double($0) / 10 }
    } else {
      guard let gamma = Double(exponentText), gamma > 0, gamma <= 4 else {
        throw UsageError("--time-exponent expects auto or a number in (0, 4], got '\(exponentText)'")
      }
      timeExponents = [gamma]
    }
    let laneText = arguments.string("--lane-width") ?? "auto"
    if laneText == "auto" {
      laneWidths = [1, 4, 8, 16, 32, 64, 128]
    } else {
      guard let width = Int(laneText), (1...4096).contains(width) else {
        throw UsageError("--lane-width expects auto or a whole number from 1 to 4096, got '\(laneText)'")
      }
      laneWidths = [width]
    }
    folds = try arguments.integer("--folds", default: 5, in: 2...100)
    seed = try arguments.seed("--seed", default: 1)
    tablePaths = arguments.strings("--table")
    out = arguments.string("--out")
    svg = arguments.string("--svg")
    json = arguments.flag("--json")
    quiet = arguments.flag("--quiet")
    rebatch = arguments.flag("--rebatch")
    if let leaveOut = arguments.string("--leave-out") {
      guard leaveOut == "model" || leaveOut == "hardware" else {
        throw UsageError("--leave-out expects model or hardware, got '\(leaveOut)'")
      }
      leaveOutModels = leaveOut == "model"
      leaveOutHardware = leaveOut == "hardware"
    } else {
      leaveOutModels = false
      leaveOutHardware = false
    }
  }

  /// One line of results.
  struct Result {
    let name: String
    let predictor: EnergyPredictor?
    let form: FitForm?
    let cv: CrossValidationResult
  }

  /// The results of one hardware label.
  struct HardwareReport {
    let hardware: String
    let rows: [EnergyMeasurement]
    let labels: [String]
    let results: [Result]
    let constant: Result
    let ceiling: Result?
    let profile: EnergyProfile
    let best: Result
    let generalisation: Generalisation
  }

  func run(_ context: CommandContext) throws {
    let path = context.resolve(data)
    let measurements = try MeasurementCSVReader.read(path: path)
    let fingerprint = EnergyProfile.fingerprint(FileManager.default.contents(atPath: path) ?? Data())
    let counting = try EnergyCounting(context: context, tablePaths: tablePaths, rebatch: rebatch)
    var featuresByRow: [EnergyFeatures] = []
    for row in measurements { featuresByRow.append(try counting.features(row, file: path)) }
    // to_inertial is a column of the cost tables since tosim derive gained it; an older --table lacks it.
    let lacksInertial = featuresByRow.contains(where: \.lacksInertialTOs)
    if lacksInertial && self.predictors == [.toInertial] {
      throw InputError("--predictor to-inertial: a cost table in use has no to_inertial column (rederive it with `tosim derive`)", file: path)
    }
    let predictors = lacksInertial ? self.predictors.filter { $0 != .toInertial } : self.predictors
    if lacksInertial && predictors.count < self.predictors.count && !quiet {
      context.note("a cost table in use has no to_inertial column: predictor to-inertial skipped")
    }
    var hardwareOrder: [String] = []
    for row in measurements where !hardwareOrder.contains(row.hardware) { hardwareOrder.append(row.hardware) }
    var reports: [HardwareReport] = []
    for hardware in hardwareOrder {
      let indices = measurements.indices.filter { measurements[$0].hardware == hardware }
      guard indices.count >= folds else {
        throw InputError("hardware '\(hardware)' has \(indices.count) rows; \(folds)-fold cross-validation needs at least \(folds)", file: path)
      }
      let rows = indices.map { FitRow(features: featuresByRow[$0], energy: measurements[$0].energy, time: measurements[$0].time) }
      let fitData = FitData(rows: rows, timeExponentGrid: timeExponents, laneWidthGrid: laneWidths)
      var results: [Result] = []
      for predictor in predictors {
        for form in forms {
          let cv = try EnergyFitter.crossValidate(fitData, source: .counts(predictor, form), terms: terms, folds: folds, seed: seed)
          results.append(Result(name: "\(predictor.rawValue) \(form.rawValue)", predictor: predictor, form: form, cv: cv))
        }
      }
      let constant = Result(
        name: "constant", predictor: nil, form: nil,
        cv: try EnergyFitter.crossValidate(fitData, source: .constant, folds: folds, seed: seed))
      var ceiling: Result?
      if fitData.allTimed {
        let linear = try EnergyFitter.crossValidate(fitData, source: .measuredTime, folds: folds, seed: seed)
        let power = try EnergyFitter.crossValidate(fitData, source: .measuredTimeLogLog, folds: folds, seed: seed)
        ceiling = linear.metrics.precision >= power.metrics.precision
          ? Result(name: "measured time", predictor: nil, form: .linear, cv: linear)
          : Result(name: "measured time", predictor: nil, form: .loglog, cv: power)
      }
      let candidates = results.contains { $0.predictor?.isTransistorBased == true }
        ? results.filter { $0.predictor?.isTransistorBased == true } : results
      guard let best = candidates.max(by: { $0.cv.metrics.precision < $1.cv.metrics.precision }),
        let predictor = best.predictor, let form = best.form
      else { throw InputError("empty fit: no predictor chosen") }
      guard case .model(let model) = try EnergyFitter.fit(fitData, source: .counts(predictor, form), terms: terms) else {
        throw InputError("empty fit for hardware '\(hardware)'")
      }
      let profile = EnergyProfile(
        hardware: hardware, model: model, logRatioLow: best.cv.logRatioLow, logRatioHigh: best.cv.logRatioHigh,
        metrics: best.cv.metrics, folds: folds, seed: seed, rowCount: rows.count, dataFingerprint: fingerprint,
        toolVersion: Tosim.version, source: "fitted by tosim fit on \(data) (\(rows.count) rows, hardware '\(hardware)')")
      let extra = try generalisation(fitData, rows: indices.map { measurements[$0] }, csvDirectory: (path as NSString).deletingLastPathComponent)
      reports.append(
        HardwareReport(
          hardware: hardware, rows: indices.map { measurements[$0] }, labels: rows.map { EnergyCounting.layerType($0.features) },
          results: results, constant: constant, ceiling: ceiling, profile: profile, best: best, generalisation: extra))
    }
    let pooled = leaveOutHardware
      ? try leaveOneHardwareOut(
        FitData(rows: measurements.indices.map { FitRow(features: featuresByRow[$0], energy: measurements[$0].energy, time: measurements[$0].time) },
          timeExponentGrid: timeExponents, laneWidthGrid: laneWidths), rows: measurements)
      : []
    if let out {
      try AtomicFile.write(try EnergyProfileCodec.encode(reports.map(\.profile)), to: context.resolve(out))
      if !quiet { context.note("wrote profile \(out)") }
    }
    if let svg {
      for (k, report) in reports.enumerated() {
        var file = context.resolve(svg)
        if reports.count > 1 {
          let safe = String(report.hardware.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
          file = ((file as NSString).deletingPathExtension) + "-\(k + 1)-\(safe).svg"
        }
        try AtomicFile.write(plot(report), to: file)
        if !quiet { context.note("wrote plot \(file)") }
      }
    }
    if json {
      var report = jsonReport(reports)
      if case .object(let pairs) = report, leaveOutHardware { report = .object(pairs + [("leave_one_hardware_out", leaveOutJSON(pooled))]) }
      context.print(report.rendered())
    } else {
      context.standardOutput((reports.map(text) + (leaveOutHardware ? [leaveOutText(pooled)] : [])).joined(separator: "\n"))
    }
  }

  /// Out-of-fold predictions of the best form of each predictor.
  func plot(_ report: HardwareReport) -> String {
    var series: [PredictionPlotSVG.Series] = []
    // One TO series (the best of to, to-dynamic, to-glitch, to-inertial: they overlap on a plot), then the others.
    let bestTO = report.results.filter { $0.predictor?.isTransistorBased == true }
      .max(by: { $0.cv.metrics.precision < $1.cv.metrics.precision })?.predictor
    for predictor in predictors where !predictor.isTransistorBased || predictor == bestTO {
      let own = report.results.filter { $0.predictor == predictor }
      guard let best = own.max(by: { $0.cv.metrics.precision < $1.cv.metrics.precision }) else { continue }
      let points = zip(report.rows, best.cv.predictions).map { (measured: $0.energy, predicted: $1) }
      series.append(.init(name: "\(best.name) (\(String(format: "%.1f", best.cv.metrics.precision)))", points: points))
    }
    return PredictionPlotSVG.render(title: "\(report.hardware): predicted vs measured, \(folds)-fold CV", series: series)
  }

  static func f1(_ v: Double) -> String { v.isFinite ? String(format: "%.1f", v) : "n/a" }
  static func f3(_ v: Double) -> String { v.isFinite ? String(format: "%.3f", v) : "n/a" }

  func text(_ report: HardwareReport) -> String {
    var table = TextTable(header: ["PREDICTOR", "FORM", "PRECISION", "MAPE", "MEDIAN_APE", "R2", "SPEARMAN", "NOTE"])
    let floor = report.constant.cv.metrics.precision
    for result in report.results + [report.constant] + (report.ceiling.map { [$0] } ?? []) {
      let m = result.cv.metrics
      var note = ""
      if result.predictor != nil && (m.precision <= floor || m.r2 < 0) { note = "worse than a constant" }
      if result.name == "measured time" { note = "ceiling: uses measured time_s" }
      if result.name == "constant" { note = "floor" }
      table.rows.append([
        result.predictor?.rawValue ?? result.name, result.form?.rawValue ?? "-", Self.f1(m.precision), Self.f1(m.mape),
        Self.f1(m.medianAPE), Self.f3(m.r2), Self.f3(m.spearman), note,
      ])
    }
    var lines = [
      "hardware \(report.hardware): \(report.rows.count) rows, \(folds)-fold CV, seed \(seed); precision = 100 − MAPE (%)", "",
      table.rendered,
    ]
    let byType = residualsByType(report)
    if byType.count > 1 || !byType.isEmpty {
      var t = TextTable(header: ["LAYER_TYPE", "ROWS", "MAPE", "MEDIAN_APE"])
      for (label, count, mape, median) in byType { t.rows.append([label, String(count), Self.f1(mape), Self.f1(median)]) }
      lines += ["residuals by layer type (\(report.best.name)):", t.rendered]
    }
    let model = report.profile.model
    var c = TextTable(header: ["COEFFICIENT", "VALUE", "UNIT", "MEANING"])
    for k in model.namedCoefficients { c.rows.append([k.name, String(format: "%.4g", k.value), k.unit, k.meaning]) }
    lines += ["profile model (\(report.best.name), fitted on all rows):", c.rendered]
    if model.form == .physical && model.terms.contains(.time) {
      lines.append(
        String(
          format: "roofline: %.4g ops/s, %.4g B/s, launch %.3g s, step %.3g s, time exponent %.1f%@", model.roofline.computeRate,
          model.roofline.bandwidth, model.roofline.launchTime, model.roofline.stepTime, model.timeExponent, report.rows.allSatisfy({ $0.time != nil }) ? " (fitted to time_s)" : " (nominal rate; no time_s)")
          + (model.roofline.reducedPrecisionSpeedup == 1 ? "" : String(format: ", MACs below 32 bits %.3g× faster", model.roofline.reducedPrecisionSpeedup)))
    }
    lines += generalisationText(report.generalisation)
    return lines.joined(separator: "\n") + "\n"
  }

  /// (layer type, rows, MAPE, median APE) of the best model's out-of-fold predictions.
  func residualsByType(_ report: HardwareReport) -> [(String, Int, Double, Double)] {
    var order: [String] = []
    var apes: [String: [Double]] = [:]
    for (i, label) in report.labels.enumerated() {
      if apes[label] == nil { order.append(label) }
      apes[label, default: []].append(abs(report.best.cv.predictions[i] - report.rows[i].energy) / report.rows[i].energy * 100)
    }
    return order.map { label in
      let values = apes[label]!
      return (label, values.count, values.reduce(0, +) / Double(values.count), FitMetrics.median(values))
    }
  }

  func jsonReport(_ reports: [HardwareReport]) -> JSONValue {
    .object([
      ("data", .string(data)), ("folds", .int(folds)), ("seed", .string(String(seed))),
      ("hardware", .array(reports.map { report in
        func metrics(_ r: Result) -> JSONValue {
          let m = r.cv.metrics
          var pairs: [(String, JSONValue)] = [
            ("predictor", .string(r.predictor?.rawValue ?? r.name)), ("form", r.form.map { .string($0.rawValue) } ?? .null),
            ("precision", .double(m.precision)), ("mape", .double(m.mape)), ("median_ape", .double(m.medianAPE)),
            ("r2", .double(m.r2)), ("spearman", .double(m.spearman)),
          ]
          pairs.append(("worse_than_constant", .bool(r.predictor != nil && (m.precision <= report.constant.cv.metrics.precision || m.r2 < 0))))
          return .object(pairs)
        }
        return .object([
          ("label", .string(report.hardware)), ("rows", .int(report.rows.count)),
          ("results", .array(report.results.map(metrics))),
          ("constant", metrics(report.constant)),
          ("measured_time_ceiling", report.ceiling.map(metrics) ?? .null),
          ("best", .string(report.best.name)),
          ("predictions", .array(report.results.map { r in
            .object([("predictor", .string(r.predictor?.rawValue ?? r.name)), ("form", r.form.map { .string($0.rawValue) } ?? .null),
              ("values", .array(r.cv.predictions.map { .double($0) }))])
          })),
          ("by_layer_type", .array(residualsByType(report).map { label, count, mape, median in
            .object([("layer_type", .string(label)), ("rows", .int(count)), ("mape", .double(mape)), ("median_ape", .double(median))])
          })),
        ] + generalisationJSON(report.generalisation))
      })),
    ])
  }
}
