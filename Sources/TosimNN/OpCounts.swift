//===--- OpCounts.swift ----------------------------------------------------===//
// How many times each arithmetic op is performed: the primitives add, sub,
// mul, div, sqrt, compare, and the composites exp, log, sigmoid, tanh, gelu,
// silu, softplus, elu, softmax, rsqrt, erf (per element), whose transistor
// cost comes from the cost table's recipe rows (docs/network-counter.md).
// Keyed by TosimCostModel's ArithmeticOperation, the names of cost-table rows.
// CLI: the OPS column and the `ops` objects of `tosim count`.
//===----------------------------------------------------------------------===//
import TosimCostModel

/// Counts of arithmetic ops, with overflow-checked accumulation.
public struct OpCounts: Equatable, Sendable {
  /// The counts by op; ops never performed are absent.
  public private(set) var counts: [ArithmeticOperation: Int] = [:]

  /// Creates empty counts.
  public init() {}

  /// Creates counts from pairs (checked).
  public init(_ pairs: [(ArithmeticOperation, Int)]) throws {
    for (op, n) in pairs { try add(op, n) }
  }

  /// The count of `op` (0 when absent).
  public subscript(op: ArithmeticOperation) -> Int { counts[op] ?? 0 }

  /// Adds `n` evaluations of `op`.
  public mutating func add(_ op: ArithmeticOperation, _ n: Int) throws {
    guard n != 0 else { return }
    counts[op] = try Checked.add(counts[op] ?? 0, n, "\(op.rawValue) count")
  }

  /// Adds every count of `other`.
  public mutating func add(_ other: OpCounts) throws {
    for (op, n) in other.counts { try add(op, n) }
  }

  /// Every count multiplied by `factor` (checked).
  public func scaled(by factor: Int) throws -> OpCounts {
    var result = OpCounts()
    for (op, n) in counts { try result.add(op, try Checked.multiply(n, factor, "\(op.rawValue) count")) }
    return result
  }

  /// The sum of all counts: FLOPs when every op counts as one.
  public func total() throws -> Int { try counts.values.reduce(0) { try Checked.add($0, $1, "FLOP count") } }

  /// The (op, count) pairs in report order (`ArithmeticOperation.allCases`).
  public var ordered: [(op: ArithmeticOperation, count: Int)] {
    ArithmeticOperation.allCases.compactMap { op in counts[op].map { (op, $0) } }
  }

  /// `mul=10 add=9`, or `-` when empty.
  public var summary: String {
    ordered.isEmpty ? "-" : ordered.map { "\($0.op.rawValue)=\($0.count)" }.joined(separator: " ")
  }
}
