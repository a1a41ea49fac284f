//===--- CarrySelectAdder.swift --------------------------------------------===//
// The carry-select adder (Bedrij, IRE Trans. Electronic Computers EC-11,
// 1962): the operands are cut into blocks of about √n bits; the first block
// ripples from the carry-in, every other block is added twice by ripple-carry
// adders (carry-in 0 and 1, the constants folding the first cells) and MUX2
// cells pick the sums and carry by the block's incoming carry.
// CLI: `tosim eval int32.add:carry-select`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension Adders {
  /// The block width used by the block-based adders for an n-bit operand:
  /// ⌈√n⌉ (at least 1).
  public static func blockWidth(for n: Int) -> Int {
    var k = 1
    while k * k < n { k += 1 }
    return k
  }

  /// Inserts a carry-select adder (blocks of `blockWidth(for: n)` bits)
  /// computing `a + b + carryIn`.
  ///
  /// - Complexity: about 2n full adders and n + n/√n multiplexers; the
  ///   critical path is one block plus one MUX2 per block.
  public static func carrySelect(into netlist: inout Netlist, a: [NetID], b: [NetID], carryIn: NetID) -> Outputs {
    let n = a.count, k = blockWidth(for: n)
    var sum: [NetID] = []
    var carry = carryIn
    for start in stride(from: 0, to: n, by: k) {
      let range = start..<min(start + k, n)
      let blockA = Array(a[range]), blockB = Array(b[range])
      if start == 0 {
        let out = rippleCarry(into: &netlist, a: blockA, b: blockB, carryIn: carry)
        sum += out.sum
        carry = out.carryOut
        continue
      }
      let zero = rippleCarry(into: &netlist, a: blockA, b: blockB, carryIn: Netlist.constant0)
      let one = rippleCarry(into: &netlist, a: blockA, b: blockB, carryIn: Netlist.constant1)
      sum += netlist.mux2(select: carry, whenZero: zero.sum, whenOne: one.sum)
      carry = netlist.mux2(select: carry, whenZero: zero.carryOut, whenOne: one.carryOut)
    }
    return Outputs(sum: sum, carryOut: carry)
  }
}
