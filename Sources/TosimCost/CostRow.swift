//===--- CostRow.swift -----------------------------------------------------===//
// One row of a cost table: the transistor-operation cost of one arithmetic op
// (`add`, `mul`, …) at the table's precision, either measured on a generated
// circuit (`primitive`) or composed from other ops (`recipe`). Written by
// `tosim derive`, read by `tosim count` (docs/network-counter.md, §Cost tables).
//===----------------------------------------------------------------------===//

/// The cost of one operation in transistor operations (TOs), as one row of a `CostTable`.
public struct CostRow: Equatable, Sendable {
  /// How a row's cost was obtained.
  public enum Kind: String, Equatable, Sendable {
    /// Measured on a generated and simulated circuit.
    case primitive
    /// Composed from other rows by a documented recipe (exp, sigmoid, …).
    case recipe
  }

  /// The op name counted by the network counter (`add`, `mul`, `exp`, …).
  public var op: String
  /// Whether the row is measured or composed.
  public var kind: Kind
  /// The generated unit the row was measured on (`fp32.add`), for primitives.
  public var unit: String?
  /// The counts of other ops one evaluation uses, for recipes.
  public var recipe: [String: Int]
  /// Transistors in the unit (0 for recipes).
  public var transistorCount: Int
  /// Cells on the unit's critical path (0 for recipes).
  public var depth: Int
  /// Transistors used per operation: the static TO cost.
  public var toStatic: Double
  /// Mean switched transistor gates per operation (zero-delay): the dynamic TO cost.
  public var toDynamic: Double
  /// Standard deviation of `toDynamic` over the simulated vectors.
  public var toDynamicStd: Double
  /// Mean switched gates per operation including glitches (unit-delay).
  public var toGlitch: Double

  /// Creates a row.
  public init(
    op: String, kind: Kind, unit: String? = nil, recipe: [String: Int] = [:], transistorCount: Int = 0,
    depth: Int = 0, toStatic: Double, toDynamic: Double, toDynamicStd: Double = 0, toGlitch: Double = 0
  ) {
    self.op = op
    self.kind = kind
    self.unit = unit
    self.recipe = recipe
    self.transistorCount = transistorCount
    self.depth = depth
    self.toStatic = toStatic
    self.toDynamic = toDynamic
    self.toDynamicStd = toDynamicStd
    self.toGlitch = toGlitch
  }
}
