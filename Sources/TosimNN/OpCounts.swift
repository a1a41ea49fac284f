//===--- OpCounts.swift ----------------------------------------------------===//
// How many times each arithmetic op is performed: the primitives add, sub,
// mul, div, sqrt, compare, and the composites exp, log, sigmoid, tanh, gelu,
// silu, softplus, elu, softmax, rsqrt, erf (per element), whose transistor
// cost comes from the cost table's recipe rows (docs/network-counter.md).
//===----------------------------------------------------------------------===//

/// Counts of arithmetic ops by name, with overflow-checked accumulation.
public struct OpCounts: Equatable, Sendable {
  /// The op names the counter emits, in the order reports list them.
  public static let opOrder = [
    "add", "sub", "mul", "div", "sqrt", "compare", "exp", "log", "sigmoid", "tanh", "gelu", "silu", "softplus", "elu",
    "softmax", "rsqrt", "erf",
  ]

  /// The counts by op name; ops never performed are absent.
  public private(set) var counts: [String: Int] = [:]

  /// Creates empty counts.
  public init() {}

  /// Creates counts from pairs (checked).
  public init(_ pairs: [(String, Int)]) throws {
    for (op, n) in pairs { try add(op, n) }
  }

  /// The count of `op` (0 when absent).
  public subscript(op: String) -> Int { counts[op] ?? 0 }

  /// Adds `n` evaluations of `op`.
  public mutating func add(_ op: String, _ n: Int) throws {
    guard n != 0 else { return }
    counts[op] = try Checked.add(counts[op] ?? 0, n, "\(op) count")
  }

  /// Adds every count of `other`.
  public mutating func add(_ other: OpCounts) throws {
    for (op, n) in other.counts { try add(op, n) }
  }

  /// Every count multiplied by `factor` (checked).
  public func scaled(by factor: Int) throws -> OpCounts {
    var result = OpCounts()
    for (op, n) in counts { try result.add(op, try Checked.multiply(n, factor, "\(op) count")) }
    return result
  }

  /// The sum of all counts: FLOPs when every op counts as one.
  public func total() throws -> Int { try counts.values.reduce(0) { try Checked.add($0, $1, "FLOP count") } }

  /// The (op, count) pairs in report order; unknown names follow alphabetically.
  public var ordered: [(op: String, count: Int)] {
    let known = Self.opOrder.compactMap { op in counts[op].map { (op, $0) } }
    let others = counts.keys.filter { !Self.opOrder.contains($0) }.sorted().map { ($0, counts[$0]!) }
    return known + others
  }

  /// `mul=10 add=9`, or `-` when empty.
  public var summary: String {
    ordered.isEmpty ? "-" : ordered.map { "\($0.op)=\($0.count)" }.joined(separator: " ")
  }
}
