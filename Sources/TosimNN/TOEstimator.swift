//===--- TOEstimator.swift -------------------------------------------------===//
// Transistor operations of counted work: TOs = Σ count(op) × row(op).to_static
// (static), × row(op).to_dynamic (dynamic, zero-delay) and × row(op).to_glitch
// (unit-delay, glitches included), with the row taken from the
// cost table of the work's precision (Li, Tsourdos & Guo 2024, §III).
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

/// Static, dynamic and glitch-inclusive transistor operations.
public struct TOEstimate: Equatable, Sendable {
  /// Σ count × to_static.
  public var staticTOs: Double = 0
  /// Σ count × to_dynamic.
  public var dynamicTOs: Double = 0
  /// Σ count × to_glitch (switched gates under unit delay, glitches included).
  public var glitchTOs: Double = 0

  /// Creates an estimate.
  public init(staticTOs: Double = 0, dynamicTOs: Double = 0, glitchTOs: Double = 0) {
    self.staticTOs = staticTOs
    self.dynamicTOs = dynamicTOs
    self.glitchTOs = glitchTOs
  }

  /// The sum of two estimates.
  public static func + (a: TOEstimate, b: TOEstimate) -> TOEstimate {
    TOEstimate(staticTOs: a.staticTOs + b.staticTOs, dynamicTOs: a.dynamicTOs + b.dynamicTOs, glitchTOs: a.glitchTOs + b.glitchTOs)
  }

  /// Every quantity multiplied by `factor`.
  public func scaled(by factor: Double) -> TOEstimate {
    TOEstimate(staticTOs: staticTOs * factor, dynamicTOs: dynamicTOs * factor, glitchTOs: glitchTOs * factor)
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
      result.glitchTOs += Double(count) * row.glitchTOs
    }
    return result
  }
}
