//===--- CountReport.swift -------------------------------------------------===//
// The formatted result of `tosim count`: the text table (one row per layer,
// the optimizer update, per-step and all-step totals) and the JSON document
// (per-layer forward, backward and per-step blocks with bytes split into
// weights, activations, gradients and optimizer state and TOs static, dynamic
// and glitch; totals per phase; the tables used). CountCommand builds it.
//===----------------------------------------------------------------------===//
import Foundation
import TosimCostModel
import TosimFormats
import TosimIO
import TosimNN

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
  /// Every TO figure, per layer and phase.
  let tos: NetworkTOs
  /// The work of one step's forward passes, backward passes and optimizer updates.
  let phasePasses: (forward: PassCount, backward: PassCount, optimizer: PassCount)

  init(count: NetworkCount, tables: [Precision: TableChoice], precisionOverride: Precision?) throws {
    self.count = count
    self.tables = tables
    self.precisionOverride = precisionOverride
    var found: [Precision: NamedCostTable] = [:]
    for (precision, choice) in tables {
      if case .found(let table, let path) = choice { found[precision] = NamedCostTable(table, name: path) }
    }
    let tos = try TOEstimator.estimate(count, tables: found)
    self.tos = tos
    var forward = PassCount(), backward = PassCount(), optimizer = PassCount()
    for layer in count.layers {
      try forward.add(layer.forward)
      try backward.add(layer.backward)
    }
    for pass in count.optimizerByPrecision.values { try optimizer.add(pass) }
    phasePasses = (forward, backward, optimizer)
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
        layer.outputShape.map(String.init).joined(separator: "x"), pass, String(layer.trainableParameterCount), tos))
    }
    for (precision, pass, tos) in optimizerRows {
      table.rows.append(row("optimizer", "update", precision.rawValue, "-", pass, "-", tos))
    }
    let parameters = (try? count.trainableParameterCount()).map(String.init) ?? "?"
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
    if let buffers = try? count.bufferCount(), buffers > 0 {
      header += "; PARAMS are trainable, plus \(buffers) buffer elements (running statistics)"
    }
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
      ("weight_bytes", .int(pass.weightBytes)), ("activation_bytes", .int(pass.activationBytes)),
      ("gradient_bytes", .int(pass.gradientBytes)), ("state_bytes", .int(pass.stateBytes)),
      ("to_static", tos.map { .double($0.staticTOs) } ?? .null), ("to_dynamic", tos.map { .double($0.dynamicTOs) } ?? .null),
      ("to_glitch", tos.map { .double($0.glitchTOs) } ?? .null),
    ])
  }

  /// Per-step totals of each phase: forward, and when training backward and optimizer.
  var phases: [(String, JSONValue)] {
    let (forward, backward, optimizer) = phasePasses
    var result: [(String, JSONValue)] = [("forward", Self.json(forward, tos.forwardPerStep))]
    if count.isTraining {
      result.append(("backward", Self.json(backward, tos.backwardPerStep)))
      result.append(("optimizer", Self.json(optimizer, tos.optimizerPerStep)))
    }
    return result
  }

  var json: JSONValue {
    var mode: [(String, JSONValue)] = [("mode", .string(count.isTraining ? "training" : "inference"))]
    if case .training(let optimizer) = count.mode { mode.append(("optimizer", .string(optimizer.rawValue))) }
    let layers: [JSONValue] = rows.enumerated().map { i, row in
      let (layer, pass, tos) = row
      var pairs: [(String, JSONValue)] = [
        ("name", .string(layer.name)), ("op", .string(layer.opType)),
        ("precision", layer.precision.map { .string($0.rawValue) } ?? .null),
        ("output_shape", .array(layer.outputShape.map(JSONValue.int))),
        ("params", .int(layer.trainableParameterCount)), ("trainable_params", .int(layer.trainableParameterCount)),
        ("buffers", .int(layer.bufferCount)),
        ("per_step", Self.json(pass, tos)),
        ("forward", Self.json(layer.forward, self.tos.forward[i])),
      ]
      if count.isTraining {
        pairs.append(("backward", Self.json(layer.backward, self.tos.backward[i])))
        pairs.append(("optimizer", Self.json(layer.optimizer, self.tos.optimizerPerLayer[i])))
      }
      return .object(pairs)
    }
    let tableList: [JSONValue] = Precision.allCases.compactMap { precision in
      switch tables[precision] {
      case .found(let table, let path)?:
        let source = path.hasPrefix("built-in") ? "built-in" : "file"
        return .object([
          ("precision", .string(precision.rawValue)), ("file", .string(path)), ("source", .string(source)),
          ("tool_version", .string(table.toolVersion)),
        ])
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
      ("params", .int((try? count.trainableParameterCount()) ?? 0)),
      ("buffers", .int((try? count.bufferCount()) ?? 0)),
      ("optimizer_state_bytes", .int(count.optimizerStateBytes)),
      ("layers", .array(layers)),
      ("optimizer_update", .array(optimizerRows.map { precision, pass, tos in
        .object([("precision", .string(precision.rawValue)), ("per_step", Self.json(pass, tos))])
      })),
      ("per_step", Self.json(stepTotal, stepTOs)),
      ("phases", .object(phases)),
      ("total", Self.json(total, totalTOs)),
      ("tables", .array(tableList)),
      ("partial", .bool(!count.skipped.isEmpty)), ("skipped_count", .int(count.skipped.count)),
      ("skipped", .array(count.skipped.map { .object([("node", .string($0.label)), ("reason", .string($0.reason))]) })),
    ])
  }
}
