//===--- MeasurementOptions.swift ------------------------------------------===//
// The knobs of the batch driver (UnitMeasurement+Simulation): batch size,
// which counts to take, how many mismatches to keep, and whether the stream
// is cut into chunks simulated concurrently, and whether every transition's
// counts are kept (`explore --per-vector`, `derive --per-vector`).
// `tosim derive` cuts every unit into chunks of its own (DerivationOptions);
// `tosim explore` cuts every design into chunks of 16,384 vectors.
//===----------------------------------------------------------------------===//

/// Options of the batch driver.
public struct MeasurementOptions: Sendable {
  /// 64-bit words per node per batch (64 × this many vectors per batch).
  public var wordsPerNode = 16
  /// Run the unit-delay simulation as well.
  public var countsGlitches = true
  /// Record per-vector switching for the standard deviation.
  public var recordsPerVector = true
  /// Mismatches kept in the result (all are counted).
  public var keptMismatchCount = 8
  /// Vectors per chunk: a unit's stream is cut into chunks of this many
  /// vectors, simulated concurrently by separate simulators; nil keeps the
  /// whole stream in one chunk. Counts do not depend on it.
  public var chunkLength: Int?
  /// Keep every transition's switched gates in the result, zero-delay and
  /// unit-delay (the unit-delay ones from a TimingSimulator with unit delays,
  /// which counts exactly as the unit-delay replay does, vector by vector).
  public var keepsPerVector = false

  /// The default options: 16 words per node, glitches and per-vector counts
  /// on, one chunk.
  public init(
    wordsPerNode: Int = 16, countsGlitches: Bool = true, recordsPerVector: Bool = true, chunkLength: Int? = nil,
    keepsPerVector: Bool = false
  ) {
    self.keepsPerVector = keepsPerVector
    self.wordsPerNode = wordsPerNode
    self.countsGlitches = countsGlitches
    self.recordsPerVector = recordsPerVector
    self.chunkLength = chunkLength
  }
}
