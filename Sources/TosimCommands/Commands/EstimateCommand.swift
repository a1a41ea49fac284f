//===--- EstimateCommand.swift ---------------------------------------------===//
// `tosim estimate MODEL`: predicts a model's energy in joules with a
// calibration profile from `tosim fit --out` (--profile), or without one with
// the built-in first-principles profile (45 nm switched-gate energy and
// DRAM bytes), and attributes it per layer and term (arithmetic, memory,
// calls, static). Model: docs/energy-model.md.
//===----------------------------------------------------------------------===//
import Foundation
import TosimEnergy
import TosimFormats
import TosimIO
import TosimNN

struct EstimateCommand: TosimCommand {
  static let name = "estimate"
  static let abstract = "Estimate a model's energy in joules, per layer and term, from a profile or first principles."
  static let usage = """
    estimate MODEL [--profile P.json [--hardware NAME] | --hardware GPU|list [--power-limit W]] [--precision P] [--batch N [--rebatch]] \
    [--mode forward|backward|training | --training] [--optimizer O] [--steps N | --samples N [--epochs E]] [--table FILE]... \
    [--svg FILE] [--json] [--quiet]
    """
  static let discussion = """
    MODEL is an .onnx file, a .json model spec or a layer spec, counted as `tosim count` does.
    With --profile the fitted model of the profile's hardware (--hardware NAME when the file
    holds several) gives the joules and a 90% interval from its cross-validation residuals.
    Without --profile the built-in first-principles profile answers: joules per switched gate
    calibrated so that the fp32 add and multiply of the fp32 cost table cost 0.9 pJ and 3.7 pJ
    together (Horowitz, ISSCC 2014, 45 nm), plus 1.3 nJ per 64-bit DRAM access per byte moved.
    --hardware GPU without --profile uses a built-in GPU profile fitted on measured training
    epochs (`tosim estimate --hardware list`, no model needed, names them with source, fit date
    and CV accuracy); --power-limit W applies its power-cap model (outside the fitted range: a
    warning, then extrapolation).
    See docs/energy-model.md.
    """
  static let options: [OptionSpec] = [
    .option("--profile", "FILE", "A calibration profile written by `tosim fit --out`."),
    .option("--hardware", "NAME", "The profile entry to use (default: the only one); without --profile a built-in GPU, or list."),
    .option("--power-limit", "W", "GPU power cap in watts (built-in GPU profiles only)."),
    .option("--samples", "N", "Samples per epoch: steps = ceil(N / batch) × epochs (instead of --steps)."),
    .option("--epochs", "E", "Epochs with --samples (default 1)."),
    .option("--precision", "P", "Count at P (default fp32)."),
    .option("--batch", "N", "Batch size (default 1, or a fixed model's own batch; see `tosim count --help`)."),
    .flag("--rebatch", "Set the first dimension of every input of a model with fixed inputs to --batch."),
    .option("--mode", "M", "forward, backward (gradients + update) or training (default forward)."),
    .flag("--training", "Same as --mode training."),
    .option("--optimizer", "O", "Optimizer for backward and training: sgd, momentum or adam (default sgd)."),
    .option("--steps", "N", "Batches in the run (default 1)."),
    .option("--table", "FILE", "A cost table to use for its precision (repeatable).", repeatable: true),
    .option("--svg", "FILE", "Write a per-layer stacked bar of the terms to FILE."),
    .flag("--json", "Write JSON instead of a table."),
    .flag("--quiet", "Do not write notes to standard error."),
  ]

  let model: String
  let profilePath: String?
  let hardware: String?
  let precision: Precision
  let batch: Int?
  let rebatch: Bool
  let mode: MeasurementMode
  let optimizer: Optimizer
  let runLength: RunLength
  let tablePaths: [String]
  let svg: String?
  let json: Bool
  let quiet: Bool
  let powerLimit: Double?

  init(_ arguments: ParsedArguments) throws {
    // `--hardware list` (without --profile) lists the built-in GPU profiles and needs no model.
    let listsGPUs = arguments.string("--hardware") == "list" && arguments.string("--profile") == nil
    try arguments.expectPositionals(listsGPUs ? 0...1 : 1...1, "MODEL (an .onnx file, a .json model spec or a layer spec)")
    model = arguments.positionals.first ?? ""
    profilePath = arguments.string("--profile")
    hardware = arguments.string("--hardware")
    let precisionName = arguments.string("--precision") ?? "fp32"
    guard let precision = Precision(rawValue: precisionName) else {
      throw UsageError("--precision expects one of \(Precision.allCases.map(\.rawValue).joined(separator: ", ")), got '\(precisionName)'")
    }
    self.precision = precision
    batch = arguments.string("--batch") == nil ? nil : try arguments.integer("--batch", default: 1, in: 1...(1 << 40))
    rebatch = arguments.flag("--rebatch")
    if rebatch && batch == nil { throw UsageError("--rebatch needs --batch N") }
    let modeName = arguments.string("--mode") ?? (arguments.flag("--training") ? "training" : "forward")
    guard let mode = MeasurementMode(rawValue: modeName) else { throw UsageError("--mode expects forward, backward or training, got '\(modeName)'") }
    if arguments.flag("--training") && mode != .training { throw UsageError("--training conflicts with --mode \(modeName)") }
    self.mode = mode
    let optimizerName = arguments.string("--optimizer") ?? "sgd"
    guard let optimizer = Optimizer(rawValue: optimizerName) else { throw UsageError("--optimizer expects sgd, momentum or adam, got '\(optimizerName)'") }
    self.optimizer = optimizer
    runLength = try RunLength(arguments)
    powerLimit = try Self.powerLimit(arguments)
    tablePaths = arguments.strings("--table")
    svg = arguments.string("--svg")
    json = arguments.flag("--json")
    quiet = arguments.flag("--quiet")
  }

  func run(_ context: CommandContext) throws {
    let counting = try EnergyCounting(context: context, tablePaths: tablePaths, rebatch: rebatch)
    let profile: EnergyProfile
    let builtIn = profilePath == nil && hardware == nil
    var gpu: GPUProfile?
    if profilePath == nil, let hardware {
      if hardware == "list" {
        context.standardOutput(Self.gpuList())
        return
      }
      gpu = try Self.gpu(named: hardware)
    }
    if powerLimit != nil && gpu == nil { throw UsageError("--power-limit needs --hardware NAME of a built-in GPU profile (see --hardware list)") }
    if let gpu {
      profile = gpu.profile
    } else if let profilePath {
      let path = context.resolve(profilePath)
      let profiles = try EnergyProfileCodec.read(path: path)
      if let hardware {
        guard let found = profiles.first(where: { $0.hardware == hardware }) else {
          throw InputError("unknown hardware '\(hardware)'; the profile has \(profiles.map { "'\($0.hardware)'" }.joined(separator: ", "))", file: path)
        }
        profile = found
      } else {
        guard profiles.count == 1 else {
          throw InputError("the profile holds \(profiles.count) hardware labels (\(profiles.map(\.hardware).joined(separator: ", "))); choose one with --hardware", file: path)
        }
        profile = profiles[0]
      }
    } else {
      if hardware != nil { throw UsageError("--hardware needs --profile") }
      guard let p = EnergyProfile.firstPrinciples(fp32: try counting.table(.fp32), toolVersion: Tosim.version) else {
        throw InputError("the fp32 cost table has no add or mul row to calibrate the built-in profile")
      }
      profile = p
    }
    let counted = try counting.features(model: model, batch: batch, precision: precision, mode: mode, optimizer: optimizer)
    let batch = counted.batch
    let features = counted.features.withSteps(counted.features.steps * Double(try runLength.steps(batch: batch)))
    if profile.model.predictor == .toInertial && features.lacksInertialTOs {
      throw InputError("the profile's predictor is to-inertial, but a cost table in use has no to_inertial column (rederive it with `tosim derive`)")
    }
    var (kernels, total) = profile.model.attribution(features)
    var time = profile.model.modelledTime(features)
    guard total.total.isFinite else { throw InputError("the profile predicts a non-finite energy for this model") }
    if let gpu { time = gpu.runTime(energy: total.total, modelledTime: time) }
    if let gpu, let powerLimit {
      if !gpu.fits(limit: powerLimit) && !quiet {
        context.note(
          "warning: --power-limit \(powerLimit) W is outside the \(gpu.name) profile's fitted range \(gpu.lowestLimit)–\(gpu.highestLimit) W; extrapolating")
      }
      (kernels, total, time) = Self.capped(kernels: kernels, total: total, time: time, limit: powerLimit, gpu: gpu)
    }
    let energy = total.total
    let interval = builtIn ? nil : (energy * exp(profile.logRatioLow), energy * exp(profile.logRatioHigh))
    let answered = builtIn
      ? "built-in first-principles profile answered (45 nm, 0.9 V; no measured calibration, no interval)"
      : gpu.map { Self.gpuAnswer($0, limit: powerLimit) }
        ?? "profile \(profilePath!) answered, hardware '\(profile.hardware)' (\(profile.model.predictor.rawValue) \(profile.model.form.rawValue))"
    if !quiet && builtIn { context.note("note: \(answered); pass --profile FILE from `tosim fit --out` for measured hardware") }
    let layers = zip(features.kernels, kernels).map { (label: "\($0.name) (\($0.opType))", terms: $1) }
    if let svg {
      try AtomicFile.write(AttributionPlotSVG.render(title: "\(model.prefix(60)): energy per layer and term", layers: layers), to: context.resolve(svg))
    }
    if json {
      func terms(_ t: EnergyTerms) -> JSONValue {
        .object([
          ("arithmetic", .double(t.arithmetic)), ("memory", .double(t.memory)), ("calls", .double(t.calls)),
          ("static", .double(t.staticEnergy)), ("steps", .double(t.steps)), ("constant", .double(t.constant)),
          ("total", .double(t.total)),
        ])
      }
      context.print(
        JSONValue.object([
          ("model", .string(model)), ("batch", .int(batch)), ("precision", .string(precision.rawValue)), ("mode", .string(mode.rawValue)),
          ("steps", .double(features.steps)), ("profile", profilePath.map { .string($0) } ?? .null), ("built_in", .bool(builtIn)),
          ("hardware", .string(profile.hardware)), ("source", .string(profile.source)),
          ("predictor", .string(profile.model.predictor.rawValue)), ("form", .string(profile.model.form.rawValue)),
          ("energy_j", .double(energy)),
          ("interval_j", interval.map { JSONValue.array([.double($0.0), .double($0.1)]) } ?? .null),
          ("modelled_time_s", .double(time)), ("terms", terms(total)),
          ("power_limit_w", powerLimit.map { .double($0) } ?? .null),
          ("layers", .array(zip(features.kernels, kernels).map { kernel, t in
            .object([("name", .string(kernel.name)), ("op", .string(kernel.opType)), ("terms", terms(t))])
          })),
        ]).rendered())
      return
    }
    var table = TextTable(header: ["LAYER", "OP", "ARITHMETIC_J", "MEMORY_J", "CALLS_J", "STATIC_J", "TOTAL_J", "SHARE"])
    func g(_ v: Double) -> String { String(format: "%.4g", v) }
    for (kernel, t) in zip(features.kernels, kernels) {
      table.rows.append([
        kernel.name, kernel.opType, g(t.arithmetic), g(t.memory), g(t.calls), g(t.staticEnergy), g(t.total),
        energy > 0 ? String(format: "%.1f%%", t.total / energy * 100) : "-",
      ])
    }
    if total.steps != 0 { table.rows.append(["per-step cost", "", "", "", "", "", g(total.steps), String(format: "%.1f%%", total.steps / energy * 100)]) }
    if total.constant != 0 { table.rows.append(["per-run constant", "", "", "", "", "", g(total.constant), String(format: "%.1f%%", total.constant / energy * 100)]) }
    table.rows.append(["total", "", g(total.arithmetic), g(total.memory), g(total.calls), g(total.staticEnergy), g(energy), "100%"])
    var lines = [
      "\(model.count > 80 ? String(model.prefix(77)) + "..." : model): batch \(batch), \(precision.rawValue), \(mode.rawValue), \(Int(features.steps)) step\(features.steps == 1 ? "" : "s")",
      answered, "", table.rendered,
    ]
    if let interval {
      lines.append(String(format: "energy: %.4g J (90%% interval %.4g – %.4g J from cross-validation residuals)", energy, interval.0, interval.1))
    } else {
      lines.append(String(format: "energy: %.4g J (first-principles estimate; no interval)", energy))
    }
    if profile.model.form == .physical && profile.model.terms.contains(.time) { lines.append(String(format: "modelled time: %.4g s", time)) }
    context.standardOutput(lines.joined(separator: "\n") + "\n")
  }
}
