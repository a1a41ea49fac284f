//===--- CarryLookaheadAdder.swift -----------------------------------------===//
// The carry-lookahead adder with 4-bit groups and group lookahead (the
// 74181/74182 scheme; Weinberger & Smith 1958, Hennessy & Patterson App. J):
// bits give g = a·b and p = a ⊕ b; each group of four (bits, then groups of
// groups) computes its group generate G = g3 + p3·g2 + p3·p2·g1 + p3·p2·p1·g0
// and propagate P = p3·p2·p1·p0 as two-level sums of products; carries flow
// back down, each child's carry-in a sum of products of its siblings' G and P
// and the group's carry-in. Depth grows with log4 n. AND and OR terms are
// balanced trees of AND2/OR2 cells.
// CLI: `tosim eval int32.add:carry-lookahead`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension Adders {
  /// A lookahead block: a bit (leaf) or a group of up to four blocks.
  private final class LookaheadBlock {
    let generate: NetID
    let propagate: NetID
    let bit: Int?
    let children: [LookaheadBlock]
    init(generate: NetID, propagate: NetID, bit: Int?, children: [LookaheadBlock]) {
      self.generate = generate
      self.propagate = propagate
      self.bit = bit
      self.children = children
    }
  }

  /// The carry into position `k` of `blocks` given the carry into the first:
  /// G(k−1) + P(k−1)·G(k−2) + … + P(k−1)…P(0)·carryIn.
  private static func lookaheadCarry(
    into netlist: inout Netlist, _ blocks: ArraySlice<LookaheadBlock>, carryIn: NetID
  ) -> NetID {
    var terms: [NetID] = []
    let list = Array(blocks)
    for j in stride(from: list.count - 1, through: -1, by: -1) {
      var factors = list[(j + 1)...].map(\.propagate)
      factors.append(j >= 0 ? list[j].generate : carryIn)
      terms.append(netlist.andTree(factors))
    }
    return netlist.orTree(terms)
  }

  /// Inserts a two-level carry-lookahead adder (4-bit groups, recursively
  /// grouped) computing `a + b + carryIn`.
  ///
  /// - Complexity: O(n) cells; depth O(log4 n) lookahead levels.
  public static func carryLookahead(into netlist: inout Netlist, a: [NetID], b: [NetID], carryIn: NetID) -> Outputs {
    let n = a.count
    let propagate = (0..<n).map { netlist.xor2(a[$0], b[$0]) }
    var level = (0..<n).map {
      LookaheadBlock(generate: netlist.and2(a[$0], b[$0]), propagate: propagate[$0], bit: $0, children: [])
    }
    while level.count > 1 {
      var next: [LookaheadBlock] = []
      for start in stride(from: 0, to: level.count, by: 4) {
        let group = Array(level[start..<min(start + 4, level.count)])
        if group.count == 1 {
          next.append(group[0])
          continue
        }
        let generate = lookaheadCarry(into: &netlist, group[...], carryIn: Netlist.constant0)
        let groupPropagate = netlist.andTree(group.map(\.propagate))
        next.append(LookaheadBlock(generate: generate, propagate: groupPropagate, bit: nil, children: group))
      }
      level = next
    }
    let root = level[0]
    var carries = [NetID](repeating: Netlist.constant0, count: n)
    func assign(_ block: LookaheadBlock, carry: NetID) {
      if let bit = block.bit {
        carries[bit] = carry
        return
      }
      for k in block.children.indices {
        let childCarry = k == 0
          ? carry : lookaheadCarry(into: &netlist, block.children[..<k], carryIn: carry)
        assign(block.children[k], carry: childCarry)
      }
    }
    assign(root, carry: carryIn)
    let carryOut = netlist.or2(root.generate, netlist.and2(root.propagate, carryIn))
    let sum = (0..<n).map { netlist.xor2(propagate[$0], carries[$0]) }
    return Outputs(sum: sum, carryOut: carryOut)
  }
}
