//===--- EstimateCommand+GPU.swift -----------------------------------------===//
// The built-in GPU profiles in `tosim estimate`: `--hardware list`, choosing a
// GPU by name (an unknown name lists the known ones), steps from --samples and
// --epochs, and --power-limit W through the profile's power-cap model, whose
// energy change is spread over the layers in proportion to their joules; a
// run's time is at least its energy over the profile's highest fitted limit.
//===----------------------------------------------------------------------===//
import Foundation
import TosimEnergy
import TosimFormats

extension EstimateCommand {
  /// The built-in GPU profile `name`, or a usage error listing the names.
  static func gpu(named name: String) throws -> GPUProfile {
    guard let gpu = GPUProfile.named(name) else {
      throw UsageError("unknown --hardware '\(name)'; built-in GPU profiles: \(GPUProfile.builtIn.map(\.name).joined(separator: ", ")) (or pass --profile FILE)")
    }
    return gpu
  }

  /// The text of `--hardware list`.
  static func gpuList() -> String {
    var table = TextTable(header: ["NAME", "GPU", "PREDICTOR", "CV_PRECISION", "MEDIAN_APE", "SPEARMAN", "LIMITS_W", "CAP_PRECISION", "FITTED"])
    for g in GPUProfile.builtIn {
      table.rows.append([
        g.name, g.displayName, g.profile.model.predictor.rawValue, String(format: "%.1f", g.cvPrecision), String(format: "%.1f", g.cvMedianAPE),
        String(format: "%.3f", g.cvSpearman), String(format: "%g–%g", g.lowestLimit, g.highestLimit), String(format: "%.1f", g.powerLimitPrecision),
        g.fitDate,
      ])
    }
    let sources = GPUProfile.builtIn.map { "\($0.name): \($0.profile.source)" }
    return table.rendered + "\n" + sources.joined(separator: "\n") + "\n"
  }

  /// The line saying which GPU profile answered.
  static func gpuAnswer(_ gpu: GPUProfile, limit: Double?) -> String {
    "built-in GPU profile '\(gpu.name)' (\(gpu.displayName), \(gpu.profile.model.predictor.rawValue) physical, fitted \(gpu.fitDate), "
      + String(format: "CV precision %.1f", gpu.cvPrecision) + (limit.map { String(format: ", power limit %g W", $0) } ?? "") + ")"
  }

  /// The run's length as given: --steps, or --samples with --epochs (steps then follow from the batch).
  struct RunLength {
    /// Samples per epoch, when given.
    var samples: Int?
    /// Epochs with --samples.
    var epochs: Int
    /// --steps (default 1) when --samples is not given.
    var steps: Int

    /// Parses --steps, --samples and --epochs.
    init(_ arguments: ParsedArguments) throws {
      let samples = try arguments.integer("--samples", default: 0, in: 0...(1 << 50))
      if samples == 0 {
        if arguments.string("--epochs") != nil { throw UsageError("--epochs needs --samples N") }
        self.samples = nil
        epochs = 1
        steps = try arguments.integer("--steps", default: 1, in: 1...(1 << 40))
      } else {
        if arguments.string("--steps") != nil { throw UsageError("--steps conflicts with --samples; give one") }
        self.samples = samples
        epochs = try arguments.integer("--epochs", default: 1, in: 1...(1 << 20))
        steps = 1
      }
    }

    /// Steps at `batch`: --steps, or ceil(--samples / batch) × --epochs.
    func steps(batch: Int) throws -> Int {
      guard let samples else { return steps }
      let (perEpoch, overflow) = ((samples + batch - 1) / batch).multipliedReportingOverflow(by: epochs)
      guard !overflow, perEpoch <= 1 << 50 else { throw UsageError("--samples × --epochs is too large") }
      return perEpoch
    }
  }

  /// --power-limit in watts, when given.
  static func powerLimit(_ arguments: ParsedArguments) throws -> Double? {
    guard let text = arguments.string("--power-limit") else { return nil }
    guard let watts = Double(text), watts.isFinite, watts > 0 else { throw UsageError("--power-limit expects watts > 0, got '\(text)'") }
    return watts
  }

  /// The run under `limit`: total and per-layer terms scaled by the capped / uncapped energy, and the capped time.
  static func capped(kernels: [EnergyTerms], total: EnergyTerms, time: Double, limit: Double, gpu: GPUProfile)
    -> ([EnergyTerms], EnergyTerms, Double)
  {
    let run = gpu.powerLimit.apply(energy: total.total, time: time, limit: limit, measuredAt: gpu.highestLimit)
    let factor = total.total > 0 ? run.energy / total.total : 1
    return (kernels.map { $0.scaled(by: factor) }, total.scaled(by: factor), run.time)
  }
}
