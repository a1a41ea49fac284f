//===--- GateOp.swift ------------------------------------------------------===//
// The word-level operations the simulator evaluates. Each flattened node's
// truth table is matched once, at compile time, against these functions
// (under any order of its fanins) so that the inner loops only move words;
// anything else falls back to a Shannon-expansion multiplexer tree.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// A node operation over 64-lane words; operand letters follow the fanin order.
public enum GateOp: UInt8, Sendable, CaseIterable {
  case input, const0, const1
  case buf, not
  case and2, nand2, or2, nor2, xor2, xnor2, andNot2, orNot2
  case and3, nand3, or3, nor3, xor3, xnor3, maj3, minority3
  case aoi21, oai21, ao21, oa21, mux2
  case aoi22, oai22, ao22, oa22
  /// Any other function: evaluated from its truth table.
  case generic

  /// The number of fanins, or `nil` for `generic` (any count).
  public var arity: Int? {
    switch self {
    case .input, .const0, .const1: return 0
    case .buf, .not: return 1
    case .and2, .nand2, .or2, .nor2, .xor2, .xnor2, .andNot2, .orNot2: return 2
    case .and3, .nand3, .or3, .nor3, .xor3, .xnor3, .maj3, .minority3, .aoi21, .oai21, .ao21, .oa21, .mux2:
      return 3
    case .aoi22, .oai22, .ao22, .oa22: return 4
    case .generic: return nil
    }
  }

  /// Evaluates the operation on single bits (input 0 first); `generic` and
  /// the source kinds are not handled here.
  public func evaluate(_ x: [Bool]) -> Bool {
    func maj(_ a: Bool, _ b: Bool, _ c: Bool) -> Bool { (a && b) || (c && (a || b)) }
    switch self {
    case .input, .const0, .generic: return false
    case .const1: return true
    case .buf: return x[0]
    case .not: return !x[0]
    case .and2: return x[0] && x[1]
    case .nand2: return !(x[0] && x[1])
    case .or2: return x[0] || x[1]
    case .nor2: return !(x[0] || x[1])
    case .xor2: return x[0] != x[1]
    case .xnor2: return x[0] == x[1]
    case .andNot2: return x[0] && !x[1]
    case .orNot2: return x[0] || !x[1]
    case .and3: return x[0] && x[1] && x[2]
    case .nand3: return !(x[0] && x[1] && x[2])
    case .or3: return x[0] || x[1] || x[2]
    case .nor3: return !(x[0] || x[1] || x[2])
    case .xor3: return (x[0] != x[1]) != x[2]
    case .xnor3: return (x[0] != x[1]) == x[2]
    case .maj3: return maj(x[0], x[1], x[2])
    case .minority3: return !maj(x[0], x[1], x[2])
    case .aoi21: return !((x[0] && x[1]) || x[2])
    case .oai21: return !((x[0] || x[1]) && x[2])
    case .ao21: return (x[0] && x[1]) || x[2]
    case .oa21: return (x[0] || x[1]) && x[2]
    case .mux2: return x[2] ? x[1] : x[0]
    case .aoi22: return !((x[0] && x[1]) || (x[2] && x[3]))
    case .oai22: return !((x[0] || x[1]) && (x[2] || x[3]))
    case .ao22: return (x[0] && x[1]) || (x[2] && x[3])
    case .oa22: return (x[0] || x[1]) && (x[2] || x[3])
    }
  }

  /// The operation's truth table, for the fixed-arity logic operations.
  public var truthTable: TruthTable? {
    guard let arity, arity > 0 else { return nil }
    return TruthTable(inputCount: arity) { evaluate($0) }
  }

  /// Finds an operation and fanin order computing `table`.
  ///
  /// - Returns: the operation and a permutation `p` such that operand i of the
  ///   operation is fanin `p[i]`; `(.generic, identity)` when nothing matches.
  public static func match(_ table: TruthTable) -> (op: GateOp, order: [Int]) {
    let identity = Array(0..<table.inputCount)
    if table.inputCount == 0 { return (table.bits & 1 == 1 ? .const1 : .const0, []) }
    for op in allCases where op.arity == table.inputCount {
      guard let target = op.truthTable else { continue }
      for order in permutations(of: identity) where table.permuted(order) == target {
        return (op, order)
      }
    }
    return (.generic, identity)
  }

  private static func permutations(of items: [Int]) -> [[Int]] {
    guard items.count > 1 else { return [items] }
    var result: [[Int]] = []
    for (i, item) in items.enumerated() {
      var rest = items
      rest.remove(at: i)
      for tail in permutations(of: rest) { result.append([item] + tail) }
    }
    return result
  }
}
