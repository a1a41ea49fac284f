//===--- WordBlock.swift ---------------------------------------------------===//
// A block of consecutive 64-bit lane words that the simulator's kernels
// load, combine and store as one value: a plain UInt64 or a portable SIMD
// vector of 2, 4, 8 or 16 words (lowered to the widest registers the target
// has). One kernel call per node evaluates a whole block, so gate dispatch
// is paid once per 64 × block-width vectors. Used by WordSimulator's
// zero-delay sweep and unit-delay replay (`tosim explore`, `tosim derive`).
//===----------------------------------------------------------------------===//

/// A fixed number of consecutive 64-lane words handled as one value.
protocol WordBlock {
  /// Words in the block.
  static var wordCount: Int { get }
  /// Loads the block from `wordCount` words at `pointer`.
  init(loading pointer: UnsafePointer<UInt64>)
  /// A block with every word equal to `word`.
  init(repeating word: UInt64)
  /// Stores the block to `wordCount` words at `pointer`.
  func store(to pointer: UnsafeMutablePointer<UInt64>)
  /// Word `i` of the block.
  func word(_ i: Int) -> UInt64
  /// The total number of set bits.
  var bitCount: Int { get }
  /// Whether every bit is clear.
  var isZero: Bool { get }
  /// The block shifted by one lane towards higher lanes, with `carry` (0 or
  /// 1) entering lane 0 of the first word and every other word receiving
  /// the top lane of the word before it: each lane then holds the value
  /// one vector earlier.
  func shiftedOneLane(carry: UInt64) -> Self
  /// Lane-wise AND.
  static func & (a: Self, b: Self) -> Self
  /// Lane-wise OR.
  static func | (a: Self, b: Self) -> Self
  /// Lane-wise XOR.
  static func ^ (a: Self, b: Self) -> Self
  /// Lane-wise NOT.
  prefix static func ~ (a: Self) -> Self
}

extension UInt64: WordBlock {
  static var wordCount: Int { 1 }
  @inline(__always) init(loading pointer: UnsafePointer<UInt64>) { self = pointer.pointee }
  @inline(__always) init(repeating word: UInt64) { self = word }
  @inline(__always) func store(to pointer: UnsafeMutablePointer<UInt64>) { pointer.pointee = self }
  @inline(__always) func word(_ i: Int) -> UInt64 { self }
  @inline(__always) var bitCount: Int { nonzeroBitCount }
  @inline(__always) var isZero: Bool { self == 0 }
  @inline(__always) func shiftedOneLane(carry: UInt64) -> UInt64 { self << 1 | carry }
}

/// The SIMD vectors of 64-bit words used as blocks share their operations.
protocol SIMDWordBlock: WordBlock, SIMD where Scalar == UInt64 {}

extension SIMDWordBlock {
  static var wordCount: Int { scalarCount }
  @inline(__always) init(loading pointer: UnsafePointer<UInt64>) {
    self = UnsafeRawPointer(pointer).loadUnaligned(as: Self.self)
  }
  @inline(__always) func store(to pointer: UnsafeMutablePointer<UInt64>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: self, as: Self.self)
  }
  @inline(__always) func word(_ i: Int) -> UInt64 { self[i] }
  /// Counts bits the SWAR way: every byte's count in place (at most 8),
  /// the words added byte by byte (at most 8 × 16 = 128 per byte, so no byte
  /// carries into the next), then the bytes added in 16-bit fields.
  /// Without a population-count instruction (the x86-64 baseline) this is
  /// one byte-count pass per register instead of one per word and a sum.
  @inline(__always) var bitCount: Int {
    let m1 = Self(repeating: 0x5555_5555_5555_5555), m2 = Self(repeating: 0x3333_3333_3333_3333)
    let m4 = Self(repeating: 0x0f0f_0f0f_0f0f_0f0f)
    var x = self &- ((self &>> 1) & m1)
    x = (x & m2) &+ ((x &>> 2) & m2)
    x = (x &+ (x &>> 4)) & m4
    var sum = x.wrappedSum()
    sum = (sum & 0x00ff_00ff_00ff_00ff) &+ (sum >> 8 & 0x00ff_00ff_00ff_00ff)
    return Int(truncatingIfNeeded: (sum &* 0x0001_0001_0001_0001) >> 48)
  }
}

// `isZero` ORs the halves together: comparing the whole vector with zero
// compiles to a scalar loop over the lanes.

extension SIMD2<UInt64>: WordBlock, SIMDWordBlock {
  @inline(__always) var isZero: Bool { self[0] | self[1] == 0 }
  @inline(__always) func shiftedOneLane(carry: UInt64) -> SIMD2<UInt64> {
    self &<< 1 | SIMD2(carry, self[0] &>> 63)
  }
}

extension SIMD4<UInt64>: WordBlock, SIMDWordBlock {
  @inline(__always) var isZero: Bool { (lowHalf | highHalf).isZero }
  @inline(__always) func shiftedOneLane(carry: UInt64) -> SIMD4<UInt64> {
    var tops = self &>> 63
    tops = SIMD4(carry, tops[0], tops[1], tops[2])
    return self &<< 1 | tops
  }
}

extension SIMD8<UInt64>: WordBlock, SIMDWordBlock {
  @inline(__always) var isZero: Bool { (lowHalf | highHalf).isZero }
  @inline(__always) func shiftedOneLane(carry: UInt64) -> SIMD8<UInt64> {
    let tops = self &>> 63
    let shifted = SIMD8(carry, tops[0], tops[1], tops[2], tops[3], tops[4], tops[5], tops[6])
    return self &<< 1 | shifted
  }
}

extension SIMD16<UInt64>: WordBlock, SIMDWordBlock {
  @inline(__always) var isZero: Bool { (lowHalf | highHalf).isZero }
  @inline(__always) func shiftedOneLane(carry: UInt64) -> SIMD16<UInt64> {
    let tops = self &>> 63
    var shifted = SIMD16<UInt64>(repeating: 0)
    shifted[0] = carry
    for i in 1..<16 { shifted[i] = tops[i - 1] }
    return self &<< 1 | shifted
  }
}
