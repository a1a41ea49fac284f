//===--- CarrySkipAdder.swift ----------------------------------------------===//
// The carry-skip (carry-bypass) adder (Lehman & Burla, IRE Trans. Electronic
// Computers EC-10, 1961): blocks of about √n bits ripple internally; when all
// bits of a block propagate (AND tree of p = a ⊕ b) a MUX2 passes the block's
// carry-in straight to the next block. The skip path is a false path for a
// topological depth measure: `FlatCircuit.depth` still counts the ripple
// chain, so this design shows its benefit only in timing-aware analysis.
// CLI: `tosim eval int32.add:carry-skip`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension Adders {
  /// Inserts a carry-skip adder (blocks of `blockWidth(for: n)` bits)
  /// computing `a + b + carryIn`.
  ///
  /// - Complexity: n full adders, n XOR2 for the block propagates, one AND
  ///   tree and one MUX2 per block.
  public static func carrySkip(into netlist: inout Netlist, a: [NetID], b: [NetID], carryIn: NetID) -> Outputs {
    let n = a.count, k = blockWidth(for: n)
    var sum: [NetID] = []
    var carry = carryIn
    for start in stride(from: 0, to: n, by: k) {
      let range = start..<min(start + k, n)
      let block = rippleCarry(into: &netlist, a: Array(a[range]), b: Array(b[range]), carryIn: carry)
      sum += block.sum
      if range.count == 1 || start == 0 && carryIn.isConstant {
        carry = block.carryOut  // nothing to skip
        continue
      }
      let allPropagate = netlist.andTree(range.map { netlist.xor2(a[$0], b[$0]) })
      carry = netlist.mux2(select: allPropagate, whenZero: block.carryOut, whenOne: carry)
    }
    return Outputs(sum: sum, carryOut: carry)
  }
}
