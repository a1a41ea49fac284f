//===--- EnergyCounting.swift ----------------------------------------------===//
// Turns models into energy-model features for `tosim fit` and `tosim
// estimate`: loads the model, counts it once per distinct (model, batch,
// precision, mode, optimizer), and finds the cost table of each precision
// (--table FILE, else <precision>.json in $TOSIM_TABLES when set, else the
// table built into the binary, found as `tosim count` finds them).
//===----------------------------------------------------------------------===//
import Foundation
import TosimCostModel
import TosimEnergy
import TosimFormats
import TosimIO
import TosimNN

/// Counts models into features, caching counts and cost tables.
final class EnergyCounting {
  let context: CommandContext
  /// Whether a model with fixed inputs takes each run's batch as their first dimension (`--rebatch`).
  let rebatch: Bool
  private var tables: TableSet
  private var cache: [String: (features: EnergyFeatures, batch: Int)] = [:]

  /// Creates a counter with the tables given by `--table` paths.
  init(context: CommandContext, tablePaths: [String], rebatch: Bool = false) throws {
    self.context = context
    self.rebatch = rebatch
    tables = try TableSet(paths: tablePaths, folder: try PackageLocation.tablesFolder(context), context)
  }

  /// The cost table of `precision`, found as `tosim count` finds it (TableSet).
  func table(_ precision: Precision) throws -> CostTable {
    switch try tables.choice(for: precision) {
    case .found(let table, _): return table
    case .missing(let reason): throw InputError(reason)
    }
  }

  /// The features of one step of `model` run as described (counted once per distinct run) and the batch it
  /// was counted at: `batch`, or when nil the model's own (BatchDimension in TosimNN).
  func features(
    model: String, batch: Int?, precision: Precision, mode: MeasurementMode, optimizer: Optimizer
  ) throws -> (features: EnergyFeatures, batch: Int) {
    let key = EnergyMeasurement(model: model, batch: batch ?? 0, precision: precision, mode: mode, optimizer: optimizer, hardware: "", energy: 1)
      .countKey
    if let cached = cache[key] { return cached }
    let graph = try ModelLoader.load(model, precision: precision, resolve: context.resolve)
    var options = CountOptions(
      inference: InferenceOptions(batchSize: batch, rebatch: rebatch), mode: EnergyFeatures.countMode(for: mode, optimizer: optimizer))
    if model.lowercased().hasSuffix(".onnx") { options.inference.precisionOverride = precision }
    let count: NetworkCount
    do {
      count = try NetworkCounter.count(graph, options: options)
    } catch let error as InputError where ModelLoader.isFile(model) {
      throw error.located(in: model)
    }
    var needed: [Precision: CostTable] = [:]
    for p in try EnergyFeatures.precisionsNeedingTables(count) { needed[p] = try table(p) }
    let counted = (features: try EnergyFeatures(count: count, mode: mode, tables: needed), batch: count.batchSize)
    cache[key] = counted
    return counted
  }

  /// The features of a measured row over its steps; errors name the row and the model column.
  func features(_ row: EnergyMeasurement, file: String) throws -> EnergyFeatures {
    do {
      let f = try features(model: row.model, batch: row.batch, precision: row.precision, mode: row.mode, optimizer: row.optimizer)
        .features
      return f.withSteps(f.steps * row.steps)
    } catch let error as InputError {
      throw InputError("row on line \(row.line), column 'model': cannot count '\(row.model)': \(error)", file: file, line: row.line)
    }
  }

  /// A short layer-type label of a run: its distinct kernel operators, or `network` when more than three.
  static func layerType(_ features: EnergyFeatures) -> String {
    var seen: [String] = []
    for kernel in features.kernels where kernel.calls > 0 && kernel.opType != "update" && !seen.contains(kernel.opType) {
      seen.append(kernel.opType)
    }
    return seen.isEmpty ? "none" : (seen.count > 3 ? "network" : seen.joined(separator: "+"))
  }
}
