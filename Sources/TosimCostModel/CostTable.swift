//===--- CostTable.swift ---------------------------------------------------===//
// The cost table of one precision (schema `tosim.cost-table/1`): per
// operation, the unit's transistors and depth and its transistor operations
// (TOs) — static (transistors used per op), dynamic (switched transistor
// gates per op, zero-delay, mean and standard deviation) and glitch
// (unit-delay mean) and inertial (glitches an inertial-delay timing
// simulation with drive/load delays keeps, mean over the first
// `inertialVectorCount` vectors) — plus the provenance of the numbers: designs, operand
// distribution, vector count, seed and tool version. docs/cost-tables.md
// documents the format; docs/to-model.md what each column measures.
// This target holds the model only; TosimCost derives tables, TosimIO reads
// and writes them (CostTableReader.swift, CostTableWriter.swift).
// CLI: `tosim derive --fp32` writes circuits/tables/fp32.json and fp32.csv;
// `tosim count` reads them.
//===----------------------------------------------------------------------===//
import TosimFormats

/// One row of a cost table: a primitive unit or a composite recipe.
public struct CostRow: Sendable, Equatable {
  /// The operation (`add`, `exp`).
  public var operation: ArithmeticOperation
  /// The unit name for primitives (`fp32.add:kogge-stone`); nil for recipes.
  public var unit: String?
  /// Primitive counts for recipes, in listing order; empty for primitives.
  public var recipe: [(operation: ArithmeticOperation, count: Int)]
  /// Transistors in the unit (0 for recipes).
  public var transistorCount: Int
  /// Cells on the unit's critical path (0 for recipes).
  public var depth: Int
  /// Transistors used per operation.
  public var staticTOs: Int
  /// Mean switched transistor gates per operation, zero-delay.
  public var dynamicTOs: Double
  /// Standard deviation of the switched transistor gates per operation.
  public var dynamicTOsStandardDeviation: Double
  /// Mean switched transistor gates per operation, unit-delay (glitches included).
  public var glitchTOs: Double
  /// Mean switched transistor gates per operation under inertial delays
  /// from each cell's drive and load (docs/to-model.md); nil in tables
  /// derived without the cells' transistor netlists or before the column.
  public var inertialTOs: Double?

  /// Creates a row.
  public init(
    operation: ArithmeticOperation, unit: String?, recipe: [(operation: ArithmeticOperation, count: Int)], transistorCount: Int, depth: Int,
    staticTOs: Int, dynamicTOs: Double, dynamicTOsStandardDeviation: Double, glitchTOs: Double, inertialTOs: Double? = nil
  ) {
    self.inertialTOs = inertialTOs
    self.operation = operation
    self.unit = unit
    self.recipe = recipe
    self.transistorCount = transistorCount
    self.depth = depth
    self.staticTOs = staticTOs
    self.dynamicTOs = dynamicTOs
    self.dynamicTOsStandardDeviation = dynamicTOsStandardDeviation
    self.glitchTOs = glitchTOs
  }

  /// Whether the row is a composite recipe.
  public var isRecipe: Bool { unit == nil }

  /// Whether two rows hold the same operation, unit, recipe and numbers.
  public static func == (a: CostRow, b: CostRow) -> Bool {
    a.operation == b.operation && a.unit == b.unit && a.recipe.map(\.operation) == b.recipe.map(\.operation)
      && a.recipe.map(\.count) == b.recipe.map(\.count) && a.transistorCount == b.transistorCount
      && a.depth == b.depth && a.staticTOs == b.staticTOs && a.dynamicTOs == b.dynamicTOs
      && a.dynamicTOsStandardDeviation == b.dynamicTOsStandardDeviation && a.glitchTOs == b.glitchTOs
      && a.inertialTOs == b.inertialTOs
  }
}

/// The derived costs of every operation of one precision.
public struct CostTable: Sendable, Equatable {
  /// The schema identifier written into every table.
  public static let schema = "tosim.cost-table/1"

  /// The tool version that derived the table.
  public var toolVersion: String
  /// The precision the table was derived for.
  public var precision: Precision
  /// The design of each integer block family (`adder`, `multiplier`,
  /// `divider`, `sqrt`), in that order.
  public var designs: [(family: String, design: String)]
  /// The operand distribution (`uniform`, `normal`).
  public var operands: String
  /// Vectors simulated per unit.
  public var vectorCount: Int
  /// The random seed.
  public var seed: UInt64
  /// Primitive rows, then recipe rows.
  public var rows: [CostRow]
  /// Vectors (the first of each unit's stream) the inertial column is the
  /// mean over; nil when the table has no inertial column.
  public var inertialVectorCount: Int?

  /// Creates a table.
  public init(
    toolVersion: String, precision: Precision, designs: [(family: String, design: String)], operands: String,
    vectorCount: Int, seed: UInt64, rows: [CostRow], inertialVectorCount: Int? = nil
  ) {
    self.inertialVectorCount = inertialVectorCount
    self.toolVersion = toolVersion
    self.precision = precision
    self.designs = designs
    self.operands = operands
    self.vectorCount = vectorCount
    self.seed = seed
    self.rows = rows
  }

  /// The row of `operation`, if any.
  public func row(_ operation: ArithmeticOperation) -> CostRow? { rows.first { $0.operation == operation } }

  /// Whether two tables have the same provenance and rows.
  public static func == (a: CostTable, b: CostTable) -> Bool {
    a.toolVersion == b.toolVersion && a.precision == b.precision && a.designs.map(\.family) == b.designs.map(\.family)
      && a.designs.map(\.design) == b.designs.map(\.design) && a.operands == b.operands
      && a.vectorCount == b.vectorCount && a.seed == b.seed && a.rows == b.rows
      && a.inertialVectorCount == b.inertialVectorCount
  }
}
