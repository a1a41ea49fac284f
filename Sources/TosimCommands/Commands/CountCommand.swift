//===--- CountCommand.swift ------------------------------------------------===//
// `tosim count MODEL`: counts a network's arithmetic per layer (primitive and
// composite ops, MACs, FLOPs, parameters, bytes) for inference or training,
// and converts the op counts to transistor operations with the cost table of
// each precision: --table FILE, else <precision>.json in $TOSIM_TABLES when
// set, else the table built into the binary (docs/network-counter.md). The report is CountReport.swift; `--each FILE`
// (one model per line, JSON lines out) is CountCommand+Each.swift.
//===----------------------------------------------------------------------===//
import Foundation
import TosimCostModel
import TosimFormats
import TosimIO
import TosimNN

struct CountCommand: TosimCommand {
  static let name = "count"
  static let abstract = "Count ops, MACs, FLOPs, bytes and transistor operations of a model, per layer."
  static let usage = """
    count (MODEL | --each FILE) [--precision P] [--batch N [--rebatch]] [--training [--optimizer O] [--input-gradient] [--samples N] \
    [--epochs E]] [--loss L] [--im2col] [--table FILE]... [--allow-unknown] [--json] [--quiet]
    """
  static let discussion = """
    MODEL is an .onnx file, a .json model spec, or a quoted one-line layer spec such as
    'dense(784,512) relu dense(512,10) softmax'. Symbolic dimensions take the batch size.
    A model whose inputs are all fixed runs at its own batch (their first dimension);
    another --batch is an error unless --rebatch sets every input's first dimension to it.
    ONNX tensor types set each layer's precision (float16 layers count at fp16) unless
    --precision is given, which then applies to every floating-point tensor.
    TOs = Σ count(op) × cost(op) from the cost table of the layer's precision: --table FILE,
    else <precision>.json in $TOSIM_TABLES when set, else the committed
    circuits/tables/<precision>.json built into the binary; the output names the table used.
    P accepts any case and the aliases e4m3, e5m2, half, bfloat16, single, double. Training counts forward + backward + optimizer update per step over
    ceil(samples / batch) × epochs steps; the model's inputs get no gradient unless
    --input-gradient. --each FILE counts every line of FILE (a layer spec or a model path)
    and writes one JSON object per line. See docs/network-counter.md.
    """
  static let options: [OptionSpec] = [
    .option("--precision", "P", "Count at P: \(Precision.knownNames) or an alias (default fp32)."),
    .option("--batch", "N", "Batch size for symbolic dimensions (default 1, or a fixed model's own batch)."),
    .flag("--rebatch", "Set the first dimension of every input of a model with fixed inputs to --batch."),
    .flag("--training", "Count training steps: forward, backward and optimizer update."),
    .option("--optimizer", "O", "Optimizer when training: \(Optimizer.names) (default sgd)."),
    .flag("--input-gradient", "When training, also compute the gradient of the model's inputs (off, as in PyTorch)."),
    .option("--samples", "N", "Samples per epoch (default: one batch)."),
    .option("--epochs", "E", "Epochs when training (default 1)."),
    .option("--table", "FILE", "A cost table to use for its precision (repeatable).", repeatable: true),
    .flag("--im2col", "Count convolutions as im2col kernels: the column matrix is written and read."),
    .option("--loss", "L", "Append a loss to the model: \(Loss.names)."),
    .flag("--allow-unknown", "Count unknown operators as zero-cost when their output shape is known (value_info or the identity assumption); totals are marked partial."),
    .flag("--json", "Write JSON instead of a table."),
    .flag("--quiet", "No warnings on standard error (skipped operators are still listed in the report)."),
    .option("--each", "FILE", "Count every model of FILE (one layer spec or model path per line); JSON lines out."),
  ]

  let model: String?
  let eachFile: String?
  let loss: Loss?
  /// Whether --batch, --epochs and --optimizer were given (a token string's own values apply otherwise).
  let batchGiven: Bool, epochsGiven: Bool, optimizerGiven: Bool
  let precision: Precision
  let precisionGiven: Bool
  let options: CountOptions
  let tablePaths: [String]
  let json: Bool
  let isQuiet: Bool

  init(_ arguments: ParsedArguments) throws {
    eachFile = arguments.string("--each")
    try arguments.expectPositionals(eachFile == nil ? 1...1 : 0...0,
      eachFile == nil ? "MODEL (an .onnx file, a .json model spec or a layer spec)" : "no MODEL with --each FILE")
    model = arguments.positionals.first
    do { precision = try Precision(parsing: arguments.string("--precision") ?? "fp32") } catch let error as InputError {
      throw UsageError("--precision: " + error.message)
    }
    precisionGiven = arguments.string("--precision") != nil
    let training = arguments.flag("--training")
    if !training, arguments.string("--optimizer") != nil || arguments.string("--epochs") != nil || arguments.flag("--input-gradient") {
      throw UsageError("--optimizer, --epochs and --input-gradient need --training")
    }
    let optimizerName = arguments.string("--optimizer") ?? "sgd"
    guard let optimizer = Optimizer(rawValue: optimizerName) else {
      throw UsageError("--optimizer expects one of \(Optimizer.names), got '\(optimizerName)'")
    }
    let batch = arguments.string("--batch") == nil ? nil : try arguments.integer("--batch", default: 1, in: 1...(1 << 40))
    if arguments.flag("--rebatch") && batch == nil { throw UsageError("--rebatch needs --batch N") }
    let samples = arguments.string("--samples") == nil ? nil : try arguments.integer("--samples", default: 1, in: 1...(1 << 50))
    var options = CountOptions(
      inference: InferenceOptions(batchSize: batch, allowUnknown: arguments.flag("--allow-unknown"), rebatch: arguments.flag("--rebatch")),
      mode: training ? .training(optimizer) : .inference, sampleCount: samples,
      epochCount: try arguments.integer("--epochs", default: 1, in: 1...(1 << 30)))
    options.inputGradient = arguments.flag("--input-gradient")
    options.im2col = arguments.flag("--im2col")
    batchGiven = batch != nil
    epochsGiven = arguments.string("--epochs") != nil
    optimizerGiven = arguments.string("--optimizer") != nil
    self.options = options
    if let name = arguments.string("--loss") {
      guard let loss = Loss(rawValue: name) else { throw UsageError("--loss expects one of \(Loss.names), got '\(name)'") }
      self.loss = loss
    } else {
      loss = nil
    }
    tablePaths = arguments.strings("--table")
    json = arguments.flag("--json")
    isQuiet = arguments.flag("--quiet")
  }

  func run(_ context: CommandContext) throws {
    var tables = try TableSet(paths: tablePaths, folder: try PackageLocation.tablesFolder(context), context)
    if let eachFile { return try runEach(eachFile, tables: &tables, context) }
    guard let model else { throw UsageError("count needs MODEL or --each FILE") }
    let count = try self.count(model, context)
    let choices = try tables.choices(for: count)
    if !isQuiet {
      for warning in try count.costTableWarnings(given: tables.read) + tables.notes { context.note(warning) }
      for skipped in count.skipped { context.note("warning: skipped \(skipped.label): \(skipped.reason)") }
    }
    let report = try CountReport(count: count, tables: choices, precisionOverride: overridePrecision(for: model))
    if json {
      context.print(report.json.rendered())
    } else {
      context.standardOutput(report.text)
    }
  }

  /// The precision every floating-point tensor of `model` is counted at, when --precision overrides an ONNX file's types.
  func overridePrecision(for model: String) -> Precision? {
    precisionGiven && model.lowercased().hasSuffix(".onnx") ? precision : nil
  }

  /// Loads and counts one model under the command's options.
  func count(_ model: String, _ context: CommandContext) throws -> NetworkCount {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: context.resolve(model), isDirectory: &isDirectory), isDirectory.boolValue {
      throw InputError("is a folder; MODEL is an .onnx file, a .json model spec or a layer spec", file: model)
    }
    var graph = try ModelLoader.load(model, precision: precision, resolve: context.resolve)
    if let loss { graph = try graph.appendingLoss(loss) }
    var options = self.options
    options.inference.precisionOverride = overridePrecision(for: model)
    if TokenSpecReader.isTokenString(model) {
      // The run's batch size, epochs and optimizer, unless given on the command line.
      let tokens = try TokenSpecReader.read(model)
      if !batchGiven { options.inference.batchSize = tokens.batchSize }
      if !epochsGiven { options.epochCount = tokens.epochCount }
      if case .training = options.mode, !optimizerGiven {
        guard let optimizer = tokens.optimizer else {
          throw InputError("optimizer '\(tokens.optimizerName)' of the token string is not counted; pass --optimizer")
        }
        options.mode = .training(optimizer)
      }
    }
    do {
      return try NetworkCounter.count(graph, options: options)
    } catch let error as InputError where ModelLoader.isFile(model) {
      throw error.located(in: model)
    }
  }
}

