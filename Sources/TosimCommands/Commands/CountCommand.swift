//===--- CountCommand.swift ------------------------------------------------===//
// `tosim count MODEL`: counts a network's arithmetic per layer (primitive and
// composite ops, MACs, FLOPs, parameters, bytes) for inference or training,
// and converts the op counts to transistor operations with the cost table of
// each precision when one is found: --table FILE, else <precision>.json in
// $TOSIM_TABLES, else in circuits/tables of the tosim package containing the
// working directory; docs/network-counter.md.
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
    count MODEL [--precision P] [--batch N] [--training [--optimizer O] [--samples N] [--epochs E]] \
    [--table FILE]... [--allow-unknown] [--json] [--quiet]
    """
  static let discussion = """
    MODEL is an .onnx file, a .json model spec, or a quoted one-line layer spec such as
    'dense(784,512) relu dense(512,10) softmax'. Symbolic dimensions take the batch size.
    ONNX tensor types set each layer's precision (float16 layers count at fp16) unless
    --precision is given, which then applies to every floating-point tensor.
    TOs = Σ count(op) × cost(op) from the cost table of the layer's precision: --table FILE,
    else <precision>.json in $TOSIM_TABLES, else in circuits/tables of the tosim package
    containing the working directory. P accepts
    any case and the aliases e4m3, e5m2, half, bfloat16, single, double. Without a table the
    TO columns are marked unavailable. Training counts forward + backward + optimizer update
    per step over ceil(samples / batch) × epochs steps. See docs/network-counter.md.
    """
  static let options: [OptionSpec] = [
    .option("--precision", "P", "Count at P: \(Precision.knownNames) or an alias (default fp32)."),
    .option("--batch", "N", "Batch size for symbolic dimensions (default 1)."),
    .flag("--training", "Count training steps: forward, backward and optimizer update."),
    .option("--optimizer", "O", "Optimizer when training: sgd, momentum or adam (default sgd)."),
    .option("--samples", "N", "Samples per epoch (default: one batch)."),
    .option("--epochs", "E", "Epochs when training (default 1)."),
    .option("--table", "FILE", "A cost table to use for its precision (repeatable).", repeatable: true),
    .flag("--allow-unknown", "Count unknown operators as zero-cost when their output shape is known (value_info or the identity assumption); totals are marked partial."),
    .flag("--json", "Write JSON instead of a table."),
    .flag("--quiet", "No warnings on standard error (skipped operators are still listed in --json)."),
  ]

  let model: String
  let precision: Precision
  let precisionGiven: Bool
  let options: CountOptions
  let tablePaths: [String]
  let json: Bool
  let isQuiet: Bool

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(1...1, "MODEL (an .onnx file, a .json model spec or a layer spec)")
    model = arguments.positionals[0]
    do { precision = try Precision(parsing: arguments.string("--precision") ?? "fp32") } catch let error as InputError {
      throw UsageError("--precision: " + error.message)
    }
    precisionGiven = arguments.string("--precision") != nil
    let training = arguments.flag("--training")
    if !training, arguments.string("--optimizer") != nil || arguments.string("--epochs") != nil {
      throw UsageError("--optimizer and --epochs need --training")
    }
    let optimizerName = arguments.string("--optimizer") ?? "sgd"
    guard let optimizer = Optimizer(rawValue: optimizerName) else {
      throw UsageError("--optimizer expects sgd, momentum or adam, got '\(optimizerName)'")
    }
    let batch = try arguments.integer("--batch", default: 1, in: 1...(1 << 40))
    let samples = arguments.string("--samples") == nil ? nil : try arguments.integer("--samples", default: 1, in: 1...(1 << 50))
    options = CountOptions(
      inference: InferenceOptions(batchSize: batch, allowUnknown: arguments.flag("--allow-unknown")),
      mode: training ? .training(optimizer) : .inference, sampleCount: samples,
      epochCount: try arguments.integer("--epochs", default: 1, in: 1...(1 << 30)))
    tablePaths = arguments.strings("--table")
    json = arguments.flag("--json")
    isQuiet = arguments.flag("--quiet")
  }

  func run(_ context: CommandContext) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: context.resolve(model), isDirectory: &isDirectory), isDirectory.boolValue {
      throw InputError("is a folder; MODEL is an .onnx file, a .json model spec or a layer spec", file: model)
    }
    let graph = try ModelLoader.load(model, precision: precision, resolve: context.resolve)
    var options = self.options
    if precisionGiven && model.lowercased().hasSuffix(".onnx") { options.inference.precisionOverride = precision }
    let count = try NetworkCounter.count(graph, options: options)
    let report = try CountReport(count: count, tables: try tables(for: count, context), precisionOverride: options.inference.precisionOverride)
    for skipped in count.skipped where !isQuiet { context.note("warning: skipped \(skipped.label): \(skipped.reason)") }
    if json {
      context.print(report.json.rendered())
    } else {
      context.standardOutput(report.text)
    }
  }

  /// The cost table of each precision the count uses, or the reason there is none.
  func tables(for count: NetworkCount, _ context: CommandContext) throws -> [Precision: TableChoice] {
    var given: [Precision: TableChoice] = [:]
    var read: [(file: String, precision: Precision)] = []
    for path in tablePaths {
      let resolved = context.resolve(path)
      let table = try CostTableReader.read(path: resolved)
      given[table.precision] = .found(table, path: resolved)
      read.append((resolved, table.precision))
    }
    for warning in try count.costTableWarnings(given: read) { context.note(warning) }
    var result: [Precision: TableChoice] = [:]
    for (precision, pass) in try count.stepTotalsByPrecision() {
      guard let precision, !pass.ops.counts.isEmpty else { continue }
      if let choice = given[precision] {
        result[precision] = choice
        continue
      }
      let folder = try PackageLocation.tablesFolder(context) ?? context.resolve(CostTableFiles.defaultFolder)
      let path = CostTableFiles.path(for: precision, in: folder)
      let journal = (folder as NSString).appendingPathComponent(".\(precision.rawValue).pair")
      if FileManager.default.fileExists(atPath: journal) && !isQuiet {
        context.note("warning: \(folder) holds an unfinished write of the \(precision.rawValue) table (\(journal)); "
          + "run `tosim derive --out \(folder)` with any precision to complete it")
      }
      if FileManager.default.fileExists(atPath: path) {
        result[precision] = .found(try CostTableReader.read(path: path), path: path)
      } else {
        result[precision] = .missing(
          "no cost table for \(precision.rawValue) in \(folder): run `tosim derive --precision \(precision.rawValue)` or pass --table FILE")
      }
    }
    return result
  }
}

/// The cost table chosen for a precision.
enum TableChoice {
  case found(CostTable, path: String)
  case missing(String)
}

/// The formatted result of `tosim count`.
struct CountReport {
  let count: NetworkCount
  let tables: [Precision: TableChoice]
  let precisionOverride: Precision?
  /// Per layer: per-step work and its TOs (nil when unavailable).
  let rows: [(layer: LayerCount, pass: PassCount, tos: TOEstimate?)]
  /// Optimizer update per precision and its TOs.
  let optimizerRows: [(precision: Precision, pass: PassCount, tos: TOEstimate?)]
  let stepTotal: PassCount
  let stepTOs: TOEstimate?
  let total: PassCount
  let totalTOs: TOEstimate?

  init(count: NetworkCount, tables: [Precision: TableChoice], precisionOverride: Precision?) throws {
    self.count = count
    self.tables = tables
    self.precisionOverride = precisionOverride
    var found: [Precision: NamedCostTable] = [:]
    for (precision, choice) in tables {
      if case .found(let table, let path) = choice { found[precision] = NamedCostTable(table, name: path) }
    }
    let tos = try TOEstimator.estimate(count, tables: found)
    rows = try zip(count.layers, tos.layers).map { layer, estimate in (layer, try count.perStep(layer), estimate) }
    optimizerRows = tos.optimizer.compactMap { precision, estimate in
      count.optimizerByPrecision[precision].map { (precision, $0, estimate) }
    }
    stepTotal = try count.stepTotal()
    stepTOs = tos.perStep
    total = try count.total()
    totalTOs = tos.total
  }

  static func format(_ value: Double?) -> String {
    guard let value else { return "n/a" }
    return value < 1e15 ? String(Int(value.rounded())) : String(format: "%.4e", value)
  }

  var notes: [String] {
    var lines: [String] = []
    for precision in Precision.allCases {
      switch tables[precision] {
      case .missing(let why)?: lines.append("note: \(why); TO columns for \(precision.rawValue) are unavailable (n/a).")
      case .found(let table, let path)?:
        lines.append("TOs for \(precision.rawValue) from \(path) (tool \(table.toolVersion), \(table.vectorCount) vectors, seed \(table.seed)).")
      case nil: break
      }
    }
    return lines
  }

  var text: String {
    var table = TextTable(header: [
      "LAYER", "OP", "PREC", "OUTPUT", "MACS", "FLOPS", "PARAMS", "READ_B", "WRITE_B", "TO_STATIC", "TO_DYNAMIC", "OPS",
    ])
    func row(_ name: String, _ op: String, _ precision: String, _ shape: String, _ pass: PassCount, _ params: String, _ tos: TOEstimate?) -> [String] {
      [name, op, precision, shape, String(pass.macCount), String(pass.flopCount), params, String(pass.bytesRead),
       String(pass.bytesWritten), Self.format(tos?.staticTOs), Self.format(tos?.dynamicTOs), pass.ops.summary]
    }
    for (layer, pass, tos) in rows {
      table.rows.append(row(layer.name, layer.opType, layer.precision?.rawValue ?? "-",
        layer.outputShape.map(String.init).joined(separator: "x"), pass, String(layer.parameterCount), tos))
    }
    for (precision, pass, tos) in optimizerRows {
      table.rows.append(row("optimizer", "update", precision.rawValue, "-", pass, "-", tos))
    }
    let parameters = (try? count.parameterCount()).map(String.init) ?? "?"
    table.rows.append(row(count.isTraining ? "total per step" : "total", "", "", "", stepTotal, parameters, stepTOs))
    if count.stepCount > 1 {
      table.rows.append(row("total × \(count.stepCount) steps", "", "", "", total, parameters, totalTOs))
    }
    var header = "\(count.name): batch \(count.batchSize), "
    switch count.mode {
    case .inference: header += "inference"
    case .training(let optimizer): header += "training with \(optimizer.rawValue) (forward + backward + update per step)"
    }
    header += ", \(count.stepCount) step\(count.stepCount == 1 ? "" : "s")"
    if let precisionOverride { header += ", all floating-point tensors at \(precisionOverride.rawValue)" }
    return ([header, ""] + [table.rendered] + partialNote + notes).joined(separator: "\n") + "\n"
  }

  /// The warning that totals are partial, one line per unknown-operator node counted as zero-cost.
  var partialNote: [String] {
    guard !count.skipped.isEmpty else { return [] }
    return ["PARTIAL: totals leave out \(count.skipped.count) node\(count.skipped.count == 1 ? "" : "s") of unknown operators, counted as zero-cost:"]
      + count.skipped.map { "  \($0.label): \($0.reason)" }
  }

  static func json(_ pass: PassCount, _ tos: TOEstimate?, available: Bool = true) -> JSONValue {
    .object([
      ("ops", .object(pass.ops.ordered.map { ($0.op.rawValue, JSONValue.int($0.count)) })),
      ("macs", .int(pass.macCount)), ("flops", .int(pass.flopCount)),
      ("bytes_read", .int(pass.bytesRead)), ("bytes_written", .int(pass.bytesWritten)),
      ("to_static", tos.map { .double($0.staticTOs) } ?? .null), ("to_dynamic", tos.map { .double($0.dynamicTOs) } ?? .null),
    ])
  }

  var json: JSONValue {
    var mode: [(String, JSONValue)] = [("mode", .string(count.isTraining ? "training" : "inference"))]
    if case .training(let optimizer) = count.mode { mode.append(("optimizer", .string(optimizer.rawValue))) }
    let layers: [JSONValue] = rows.map { layer, pass, tos in
      var pairs: [(String, JSONValue)] = [
        ("name", .string(layer.name)), ("op", .string(layer.opType)),
        ("precision", layer.precision.map { .string($0.rawValue) } ?? .null),
        ("output_shape", .array(layer.outputShape.map(JSONValue.int))),
        ("params", .int(layer.parameterCount)), ("trainable_params", .int(layer.trainableParameterCount)),
        ("per_step", Self.json(pass, tos)),
      ]
      if count.isTraining {
        pairs.append(("forward", Self.json(layer.forward, nil)))
        pairs.append(("backward", Self.json(layer.backward, nil)))
      }
      return .object(pairs)
    }
    let tableList: [JSONValue] = Precision.allCases.compactMap { precision in
      switch tables[precision] {
      case .found(let table, let path)?:
        return .object([("precision", .string(precision.rawValue)), ("file", .string(path)), ("tool_version", .string(table.toolVersion))])
      case .missing(let why)?:
        return .object([("precision", .string(precision.rawValue)), ("file", .null), ("note", .string(why))])
      case nil: return nil
      }
    }
    return .object([
      ("model", .string(count.name)), ("batch", .int(count.batchSize)),
      ("precision_override", precisionOverride.map { .string($0.rawValue) } ?? .null),
    ] + mode + [
      ("steps", .int(count.stepCount)),
      ("params", .int((try? count.parameterCount()) ?? 0)),
      ("layers", .array(layers)),
      ("optimizer_update", .array(optimizerRows.map { precision, pass, tos in
        .object([("precision", .string(precision.rawValue)), ("per_step", Self.json(pass, tos))])
      })),
      ("per_step", Self.json(stepTotal, stepTOs)),
      ("total", Self.json(total, totalTOs)),
      ("tables", .array(tableList)),
      ("partial", .bool(!count.skipped.isEmpty)), ("skipped_count", .int(count.skipped.count)),
      ("skipped", .array(count.skipped.map { .object([("node", .string($0.label)), ("reason", .string($0.reason))]) })),
    ])
  }
}
