//===--- NetworkTOs.swift --------------------------------------------------===//
// The transistor operations of a whole network count: per layer (its work per
// step under the cost table of its precision), per optimizer precision, per
// step and over all steps. A layer or update whose precision has no table
// has no TOs (nil), and then neither have the step and the total; work
// without ops costs zero TOs. CLI: the TO_STATIC and TO_DYNAMIC columns and
// the `to_static`/`to_dynamic` keys of `tosim count` (docs/network-counter.md).
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

/// A cost table and how errors name it (its file).
public struct NamedCostTable: Sendable {
  /// The table.
  public var table: CostTable
  /// The name errors and reports use, e.g. its path.
  public var name: String

  /// Creates a named table.
  public init(_ table: CostTable, name: String) {
    self.table = table
    self.name = name
  }
}

/// The TOs of a network count.
public struct NetworkTOs: Sendable {
  /// Per layer (in `NetworkCount.layers` order): the TOs of its work per step.
  public var layers: [TOEstimate?]
  /// Per layer: the TOs of its forward pass.
  public var forward: [TOEstimate?] = []
  /// Per layer: the TOs of its backward pass (zero for inference).
  public var backward: [TOEstimate?] = []
  /// Per layer: the TOs of the optimizer update of its parameters (zero for inference).
  public var optimizerPerLayer: [TOEstimate?] = []
  /// The TOs of one step's forward passes, all layers; nil when any layer has none.
  public var forwardPerStep: TOEstimate? = nil
  /// The TOs of one step's backward passes, all layers; nil when any layer has none.
  public var backwardPerStep: TOEstimate? = nil
  /// The TOs of one step's optimizer updates, all precisions; nil when any has none.
  public var optimizerPerStep: TOEstimate? = nil
  /// Per parameter precision (in Precision order): the TOs of the optimizer update per step.
  public var optimizer: [(precision: Precision, tos: TOEstimate?)]
  /// The TOs of one step; nil when any layer or update has none.
  public var perStep: TOEstimate?
  /// The TOs of all steps (`perStep` × the step count).
  public var total: TOEstimate?
}

extension TOEstimator {
  /// The TOs of `count`, each layer and update priced by the table of its precision.
  ///
  /// - Throws: `InputError` naming the op and the table when a table has no
  ///   row for a counted op, or a count overflow error.
  public static func estimate(_ count: NetworkCount, tables: [Precision: NamedCostTable]) throws -> NetworkTOs {
    func estimate(_ pass: PassCount, _ precision: Precision?) throws -> TOEstimate? {
      if pass.ops.counts.isEmpty { return TOEstimate() }
      guard let precision, let named = tables[precision] else { return nil }
      return try TOEstimator.estimate(pass.ops, table: named.table, tableName: named.name)
    }
    let layers = try count.layers.map { try estimate(try count.perStep($0), $0.precision) }
    let optimizer = try Precision.allCases.compactMap { precision -> (Precision, TOEstimate?)? in
      guard let pass = count.optimizerByPrecision[precision] else { return nil }
      return (precision, try estimate(pass, precision))
    }
    func sum(_ estimates: [TOEstimate?]) -> TOEstimate? {
      estimates.contains { $0 == nil } ? nil : estimates.compactMap { $0 }.reduce(TOEstimate(), +)
    }
    let perStep = sum(layers + optimizer.map(\.1))
    let total = perStep.map { $0.scaled(by: Double(count.stepCount)) }
    var result = NetworkTOs(layers: layers, optimizer: optimizer, perStep: perStep, total: total)
    result.forward = try count.layers.map { try estimate($0.forward, $0.precision) }
    result.backward = try count.layers.map { try estimate($0.backward, $0.precision) }
    result.optimizerPerLayer = try count.layers.map { try estimate($0.optimizer, $0.precision ?? .fp32) }
    result.forwardPerStep = sum(result.forward)
    result.backwardPerStep = sum(result.backward)
    result.optimizerPerStep = sum(optimizer.map(\.1))
    return result
  }
}
