//===--- TOEstimator.swift -------------------------------------------------===//
// Transistor operations of counted work: TOs = Σ count(op) × row(op).to_static
// (static) and × row(op).to_dynamic (dynamic), with the row taken from the
// cost table of the work's precision (Li, Tsourdos & Guo 2024, §III).
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

/// Static and dynamic transistor operations.
public struct TOEstimate: Equatable, Sendable {
  /// Σ count × to_static.
  public var staticTOs: Double = 0
  /// Σ count × to_dynamic.
  public var dynamicTOs: Double = 0

  /// Creates an estimate.
  public init(staticTOs: Double = 0, dynamicTOs: Double = 0) {
    self.staticTOs = staticTOs
    self.dynamicTOs = dynamicTOs
  }

  /// The sum of two estimates.
  public static func + (a: TOEstimate, b: TOEstimate) -> TOEstimate {
    TOEstimate(staticTOs: a.staticTOs + b.staticTOs, dynamicTOs: a.dynamicTOs + b.dynamicTOs)
  }
}

/// Converts op counts into TOs with cost tables.
public enum TOEstimator {
  /// The TOs of `ops` under `table`.
  ///
  /// - Parameter tableName: how errors name the table (its file).
  /// - Throws: `InputError` naming the op and the table when the table has no row for a counted op.
  public static func estimate(_ ops: OpCounts, table: CostTable, tableName: String) throws -> TOEstimate {
    var result = TOEstimate()
    for (op, count) in ops.ordered {
      guard let row = table.row(op) else {
        throw InputError("cost table for \(table.precision.rawValue) has no row for op '\(op.rawValue)'", file: tableName)
      }
      result.staticTOs += Double(count) * Double(row.staticTOs)
      result.dynamicTOs += Double(count) * row.dynamicTOs
    }
    return result
  }
}
