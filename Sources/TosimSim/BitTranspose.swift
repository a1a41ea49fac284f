//===--- BitTranspose.swift ------------------------------------------------===//
// Conversion between operand values (one integer per vector) and bit planes
// (one word per bus bit, one lane per vector) by 64×64 bit-matrix
// transposition in six rounds of block swaps (Warren, Hacker's Delight §7-3).
//===----------------------------------------------------------------------===//

/// Bit-matrix transposition of 64×64 blocks.
public enum BitTranspose {
  /// Transposes the 64×64 bit matrix in `block` in place: afterwards bit `c`
  /// of word `r` is what bit `r` of word `c` was.
  @inlinable
  public static func transpose64(_ block: UnsafeMutablePointer<UInt64>) {
    var width = 32
    var mask: UInt64 = 0x0000_0000_FFFF_FFFF
    while width != 0 {
      var k = 0
      while k < 64 {
        for i in k..<(k + width) {
          let t = ((block[i] >> UInt64(width)) ^ block[i + width]) & mask
          block[i] ^= t << UInt64(width)
          block[i + width] ^= t
        }
        k += 2 * width
      }
      width >>= 1
      mask ^= mask << UInt64(width)
    }
  }
}
