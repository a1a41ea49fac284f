//===--- EnergyProfileCodec.swift ------------------------------------------===//
// Reads and writes calibration profiles (schema tosim.energy-profile/1, one
// entry per hardware label) for `tosim fit --out` and `tosim estimate
// --profile`. Writing refuses non-finite or negative coefficients; reading
// checks the schema version and every field, naming the JSON path on error.
//===----------------------------------------------------------------------===//
import Foundation
import TosimEnergy
import TosimFormats

/// The profile file format.
public enum EnergyProfileCodec {
  /// The JSON text of a profile file holding `profiles`.
  ///
  /// - Throws: `InputError` when a coefficient is negative or not finite (never written).
  public static func encode(_ profiles: [EnergyProfile]) throws -> String {
    var entries: [String] = []
    for profile in profiles {
      let model = profile.model
      for coefficient in model.namedCoefficients where !(coefficient.value.isFinite && coefficient.value >= 0) {
        throw InputError("refusing to write profile '\(profile.hardware)': coefficient \(coefficient.name) is \(coefficient.value)")
      }
      for rate in [model.roofline.computeRate, model.roofline.bandwidth, model.roofline.launchTime, model.roofline.stepTime,
        model.roofline.reducedPrecisionSpeedup] where !(rate.isFinite && rate >= 0) {
        throw InputError("refusing to write profile '\(profile.hardware)': a roofline rate is \(rate)")
      }
      // The reader requires a speedup of at least 1, so the writer does too.
      let speedup = model.roofline.reducedPrecisionSpeedup
      guard speedup >= 1 else {
        throw InputError("refusing to write profile '\(profile.hardware)': reduced_precision_speedup is \(speedup), below 1")
      }
      let coefficients = model.namedCoefficients.map { c in
        "{\"name\": \(q(c.name)), \"value\": \(n(c.value)), \"unit\": \(q(c.unit)), \"meaning\": \(q(c.meaning))}"
      }
      var lines = [
        "\"hardware\": \(q(profile.hardware))",
        "\"source\": \(q(profile.source))",
        "\"predictor\": \(q(model.predictor.rawValue))",
        "\"form\": \(q(model.form.rawValue))",
        "\"terms\": [\(model.terms.map { q($0.rawValue) }.joined(separator: ", "))]",
        "\"coefficients\": [\n        " + coefficients.joined(separator: ",\n        ") + "\n      ]",
        "\"roofline\": {\"compute_rate_ops_per_s\": \(n(model.roofline.computeRate)), \"bandwidth_bytes_per_s\": \(n(model.roofline.bandwidth)), \"launch_s\": \(n(model.roofline.launchTime)), \"step_s\": \(n(model.roofline.stepTime))\(model.roofline.reducedPrecisionSpeedup == 1 ? "" : ", \"reduced_precision_speedup\": \(n(model.roofline.reducedPrecisionSpeedup))")}",
        "\"interval\": {\"level\": 0.9, \"log_ratio_low\": \(n(profile.logRatioLow)), \"log_ratio_high\": \(n(profile.logRatioHigh))}",
      ]
      if let m = profile.metrics {
        lines.append(
          "\"cv\": {\"folds\": \(profile.folds), \"seed\": \(profile.seed), \"rows\": \(m.count), \"precision\": \(n(m.precision)), \"mape\": \(n(m.mape)), \"median_ape\": \(n(m.medianAPE)), \"r2\": \(n(m.r2)), \"spearman\": \(n(m.spearman))}"
        )
      }
      lines += [
        "\"rows\": \(profile.rowCount)",
        "\"data_fingerprint\": \(q(profile.dataFingerprint))",
        "\"tool_version\": \(q(profile.toolVersion))",
      ]
      entries.append("    {\n      " + lines.joined(separator: ",\n      ") + "\n    }")
    }
    return "{\n  \"schema\": \(q(EnergyProfile.schema)),\n  \"profiles\": [\n" + entries.joined(separator: ",\n") + "\n  ]\n}\n"
  }

  /// Reads a profile file.
  public static func read(path: String) throws -> [EnergyProfile] {
    try decode(try JSONValue.read(path: path), file: path)
  }

  /// Decodes profile JSON.
  ///
  /// - Throws: `InputError` for another schema version, missing or mistyped fields and negative coefficients.
  static func decode(_ value: JSONValue, file: String) throws -> [EnergyProfile] {
    let root = try JSONObject(value, path: "", file: file)
    let schema = try root.requiredString("schema")
    guard schema == EnergyProfile.schema else {
      throw InputError("profile schema is '\(schema)'; this tosim reads '\(EnergyProfile.schema)' (refit with `tosim fit --out`)", file: file)
    }
    guard let entries = try root.array("profiles"), !entries.isEmpty else { throw root.error("profiles", "should be a non-empty array") }
    return try entries.enumerated().map { index, entry in
      let o = try JSONObject(entry, path: "profiles[\(index)]", file: file)
      let predictorName = try o.requiredString("predictor")
      guard let predictor = EnergyPredictor(rawValue: predictorName) else { throw o.error("predictor", "unknown predictor '\(predictorName)'") }
      let formName = try o.requiredString("form")
      guard let form = FitForm(rawValue: formName) else { throw o.error("form", "unknown form '\(formName)'") }
      let terms = try (o.array("terms") ?? []).map { term -> PhysicalTerm in
        guard case .string(let s) = term, let t = PhysicalTerm(rawValue: s) else { throw o.error("terms", "unknown term \(term)") }
        return t
      }
      var values: [String: Double] = [:]
      for (k, c) in (try o.array("coefficients") ?? []).enumerated() {
        let co = try JSONObject(c, path: o.path + ".coefficients[\(k)]", file: file)
        let name = try co.requiredString("name")
        guard let v = try co.double("value"), v >= 0 else { throw co.error("value", "should be a non-negative number") }
        values[name] = v
      }
      func coefficient(_ name: String) throws -> Double {
        guard let v = values[name] else { throw o.error("coefficients", "lacks '\(name)' for the \(form.rawValue) form") }
        return v
      }
      let rooflineObject = try JSONObject(o.members["roofline"] ?? .null, path: o.path + ".roofline", file: file)
      func rate(_ key: String) throws -> Double {
        guard let v = try rooflineObject.double(key), v > 0 else { throw rooflineObject.error(key, "should be a positive number") }
        return v
      }
      func speedup() throws -> Double {
        guard let v = try rooflineObject.double("reduced_precision_speedup") else { return 1 }
        guard v >= 1, v.isFinite else { throw rooflineObject.error("reduced_precision_speedup", "should be a number ≥ 1") }
        return v
      }
      let roofline = RooflineTimeModel(
        computeRate: try rate("compute_rate_ops_per_s"), bandwidth: try rate("bandwidth_bytes_per_s"),
        launchTime: max(0, try rooflineObject.double("launch_s") ?? 0), stepTime: max(0, try rooflineObject.double("step_s") ?? 0),
        reducedPrecisionSpeedup: try speedup())
      var model = EnergyModel(predictor: predictor, form: form, terms: terms, arithmetic: [], roofline: roofline)
      switch form {
      case .physical:
        model.arithmetic = try ArithmeticClass.allCases.map { try coefficient("e_\($0.rawValue)") }
        model.bytes = try coefficient("e_byte")
        model.calls = try coefficient("e_call")
        model.perStep = values["e_step"] ?? 0
        model.staticPower = try coefficient("p_static")
        model.intercept = try coefficient("alpha")
        model.timeExponent = values["gamma"] ?? 1
        let lanes = values["lane_width"] ?? 1
        guard lanes >= 1, lanes <= 4096, lanes == lanes.rounded() else { throw o.error("coefficients", "lane_width should be a whole number from 1 to 4096") }
        model.laneWidth = Int(lanes)
      case .linear:
        model.arithmetic = [try coefficient("beta")]
        model.intercept = try coefficient("alpha")
      case .loglog:
        model.intercept = try coefficient("prefactor")
        model.exponent = try coefficient("exponent")
      }
      var low = 0.0, high = 0.0
      if let interval = o.members["interval"] {
        let io = try JSONObject(interval, path: o.path + ".interval", file: file)
        low = try io.double("log_ratio_low") ?? 0
        high = try io.double("log_ratio_high") ?? 0
      }
      var metrics: FitMetrics?
      var folds = 0
      var seed: UInt64 = 0
      if let cv = o.members["cv"] {
        let co = try JSONObject(cv, path: o.path + ".cv", file: file)
        folds = try co.int("folds") ?? 0
        seed = UInt64(max(0, try co.int("seed") ?? 0))
        var m = FitMetrics(measured: [], predicted: [])
        m.count = try co.int("rows") ?? 0
        m.mape = try co.double("mape") ?? 0
        m.medianAPE = try co.double("median_ape") ?? 0
        m.r2 = try co.double("r2") ?? 0
        m.spearman = try co.double("spearman") ?? 0
        metrics = m
      }
      return EnergyProfile(
        hardware: try o.requiredString("hardware"), model: model, logRatioLow: low, logRatioHigh: high, metrics: metrics,
        folds: folds, seed: seed, rowCount: try o.int("rows") ?? 0, dataFingerprint: try o.string("data_fingerprint") ?? "",
        toolVersion: try o.string("tool_version") ?? "", source: try o.string("source") ?? "")
    }
  }

  static func q(_ s: String) -> String { JSONString.quoted(s) }
  static func n(_ d: Double) -> String { d.isFinite ? "\(d)" : "null" }
}
