//===--- Radix4BoothMultiplier.swift ---------------------------------------===//
// Radix-4 (modified) Booth partial products (MacSorley, "High-speed
// arithmetic in binary computers", Proc. IRE 49(1), 1961): the multiplier b
// is recoded in overlapping triples (b[2i+1], b[2i], b[2i−1]) into digits
// d ∈ {−2, −1, 0, 1, 2}; an encoder per digit gives neg = b[2i+1],
// one = b[2i] ⊕ b[2i−1] and two = (b[2i+1] ⊕ b[2i])·¬one (XOR2, XNOR2,
// NOR2); a selector per bit gives ¬(one·a[j] + two·a[j−1]) (AOI22) and XNOR2
// with neg gives the bit of d·a in ones' complement, neg itself is added at
// the digit's lowest weight. Unsigned operands take ⌈(n+1)/2⌉ digits, two's
// complement ⌈n/2⌉. Sign extension is avoided with the constant trick: each
// row's sign bit s is replaced by ¬s and −2^(top) is folded, for all rows, into
// one constant added as constant-1 bits. The rows are then reduced by a
// Wallace or Dadda tree (WallaceMultiplier.swift, DaddaMultiplier.swift).
// CLI: `tosim eval int16.mul:booth-dadda`, `tosim eval int16.smul:booth-wallace`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension Multipliers {
  /// The number of radix-4 Booth digits for an n-bit multiplier.
  public static func boothDigitCount(width n: Int, isSigned: Bool) -> Int {
    isSigned ? (n + 1) / 2 : n / 2 + 1
  }

  /// Radix-4 Booth partial products of `a · b` as columns of bits, modulo
  /// 2^width, the sign-extension constant included as constant-1 bits.
  public static func boothPartialProducts(
    into netlist: inout Netlist, a: [NetID], b: [NetID], isSigned: Bool, width: Int
  ) -> BitMatrix {
    let n = a.count
    func multiplierBit(_ j: Int) -> NetID {
      if j < 0 { return Netlist.constant0 }
      if j < n { return b[j] }
      return isSigned ? b[n - 1] : Netlist.constant0
    }
    // The multiplicand as an A-bit two's complement number (unsigned: a
    // leading 0), read with sign extension.
    let operandWidth = isSigned ? n : n + 1
    func multiplicandBit(_ j: Int) -> NetID {
      if j < 0 { return Netlist.constant0 }
      if j < n { return a[j] }
      return isSigned ? a[n - 1] : Netlist.constant0
    }
    let rowWidth = operandWidth + 1  // |d·a| ≤ 2^A needs A + 1 bits signed
    var columns = BitMatrix(repeating: [], count: width)
    var constantBits = [Bool](repeating: false, count: width)  // Σ 2^(top of row)
    for digit in 0..<boothDigitCount(width: n, isSigned: isSigned) {
      let x2 = multiplierBit(2 * digit + 1), x1 = multiplierBit(2 * digit), x0 = multiplierBit(2 * digit - 1)
      let negative = x2
      let one = netlist.xor2(x1, x0)
      let two = netlist.nor2(one, netlist.xnor2(x2, x1))
      let base = 2 * digit
      for j in 0..<rowWidth {
        let column = base + j
        guard column < width else { break }
        let selectedInverted = netlist.aoi22(one, multiplicandBit(j), two, multiplicandBit(j - 1))
        // Bit j of d·a before the +neg: sel ⊕ neg; the sign bit is inverted.
        let bit = j == rowWidth - 1
          ? netlist.xor2(selectedInverted, negative) : netlist.xnor2(selectedInverted, negative)
        if bit != Netlist.constant0 { columns[column].append(bit) }
      }
      if negative != Netlist.constant0 && base < width { columns[base].append(negative) }
      if base + rowWidth - 1 < width { constantBits[base + rowWidth - 1] = true }
    }
    // The constant is −Σ 2^(top of row) modulo 2^width: invert and add one.
    var carry = true
    for column in 0..<width {
      let bit = !constantBits[column]
      if bit != carry { columns[column].append(Netlist.constant1) }
      carry = bit && carry
    }
    return columns
  }
}
