//===--- CostTable.swift ---------------------------------------------------===//
// The cost table of one precision (schema `tosim.cost-table/1`): per op, the
// transistor operations one evaluation costs, plus the provenance that makes
// the numbers reproducible (designs, operand distribution, vectors, seed,
// tool version). Model only: TosimIO reads and writes the JSON form
// (docs/network-counter.md, §Cost tables; DESIGN.md §4).
//===----------------------------------------------------------------------===//
import TosimFormats

/// The per-op transistor-operation costs of one precision.
public struct CostTable: Equatable, Sendable {
  /// The schema identifier every table carries.
  public static let schema = "tosim.cost-table/1"

  /// The version of the tool that wrote the table (`test-fixture` for synthetic test tables).
  public var toolVersion: String
  /// The number format every row is measured at.
  public var precision: Precision
  /// The circuit architecture chosen per unit family (`adder` → `kogge-stone`), in file order.
  public var designs: [(family: String, design: String)]
  /// The operand distribution the vectors were drawn from (`uniform`).
  public var operands: String
  /// The number of simulated input vectors per unit.
  public var vectorCount: Int
  /// The seed of the vector generator.
  public var seed: UInt64
  /// The rows, in file order; op names are unique.
  public var rows: [CostRow]

  /// Creates a table.
  public init(
    toolVersion: String, precision: Precision, designs: [(family: String, design: String)] = [],
    operands: String = "uniform", vectorCount: Int = 0, seed: UInt64 = 0, rows: [CostRow]
  ) {
    self.toolVersion = toolVersion
    self.precision = precision
    self.designs = designs
    self.operands = operands
    self.vectorCount = vectorCount
    self.seed = seed
    self.rows = rows
  }

  /// The row of `op`, or `nil` when the table lacks it.
  public func row(_ op: String) -> CostRow? { rows.first { $0.op == op } }

  public static func == (lhs: CostTable, rhs: CostTable) -> Bool {
    lhs.toolVersion == rhs.toolVersion && lhs.precision == rhs.precision
      && lhs.designs.map(\.family) == rhs.designs.map(\.family) && lhs.designs.map(\.design) == rhs.designs.map(\.design)
      && lhs.operands == rhs.operands && lhs.vectorCount == rhs.vectorCount && lhs.seed == rhs.seed && lhs.rows == rhs.rows
  }
}
