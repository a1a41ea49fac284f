//===--- SplitMix64.swift --------------------------------------------------===//
// A small, fast, seedable pseudo-random generator (Steele, Lea & Flood,
// "Fast splittable pseudorandom number generators", OOPSLA 2014). Every random
// stimulus in tosim is drawn from it so that a seed reproduces a run exactly.
//===----------------------------------------------------------------------===//

/// A deterministic 64-bit pseudo-random generator seeded by a single integer.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's state; advanced by a fixed odd constant on every draw.
  public private(set) var state: UInt64

  /// Creates a generator whose sequence is fixed by `seed`.
  public init(seed: UInt64) { state = seed }

  /// Returns the next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
