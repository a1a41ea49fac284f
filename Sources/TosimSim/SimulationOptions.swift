//===--- SimulationOptions.swift -------------------------------------------===//
// The options of a WordSimulator: batch size in 64-bit words per node,
// whether unit-delay (glitch-counting) simulation also runs, and whether
// switched gates are recorded per vector. TosimCost's unit measurement
// sets them for `tosim explore` and `tosim derive`.
//===----------------------------------------------------------------------===//

/// Options of a `WordSimulator`.
public struct SimulationOptions: Sendable {
  /// 64-bit words per node per batch; a batch holds 64 × this many vectors.
  public var wordsPerNode = 16
  /// Also run unit-delay simulation and count transitions with glitches.
  public var countsGlitches = false
  /// Also record switched transistor gates for every vector (for the
  /// per-operation mean and standard deviation).
  public var recordsPerVector = false
  /// Creates the default options: 16 words per node, zero-delay only.
  public init(wordsPerNode: Int = 16, countsGlitches: Bool = false, recordsPerVector: Bool = false) {
    self.wordsPerNode = wordsPerNode
    self.countsGlitches = countsGlitches
    self.recordsPerVector = recordsPerVector
  }
}
