//===--- EnergyProfile.swift -----------------------------------------------===//
// A calibration profile: the energy model fitted for one hardware label, its
// prediction interval and cross-validated accuracy, and where it came from
// (data fingerprint, rows, tool version, or the built-in derivation). Written
// by `tosim fit --out`, read by `tosim estimate --profile` (TosimIO codec).
//===----------------------------------------------------------------------===//

/// The energy model of one hardware label with its provenance.
public struct EnergyProfile: Equatable, Sendable {
  /// The profile schema this build reads and writes.
  public static let schema = "tosim.energy-profile/1"

  /// The hardware label the rows carried (or `first-principles-45nm`).
  public var hardware: String
  /// The fitted model.
  public var model: EnergyModel
  /// The multiplicative 90% prediction interval: [E·exp(low), E·exp(high)].
  public var logRatioLow: Double
  /// See `logRatioLow`.
  public var logRatioHigh: Double
  /// Cross-validated accuracy of the model, when fitted.
  public var metrics: FitMetrics?
  /// Folds and seed of that cross-validation.
  public var folds: Int
  /// The seed of the folds.
  public var seed: UInt64
  /// Measured rows the model was fitted on.
  public var rowCount: Int
  /// FNV-1a 64 of the measurement file, in hex, or `built-in`.
  public var dataFingerprint: String
  /// The version of tosim that made the profile.
  public var toolVersion: String
  /// Where the numbers come from, in words.
  public var source: String

  /// Creates a profile.
  public init(
    hardware: String, model: EnergyModel, logRatioLow: Double, logRatioHigh: Double, metrics: FitMetrics?, folds: Int,
    seed: UInt64, rowCount: Int, dataFingerprint: String, toolVersion: String, source: String
  ) {
    self.hardware = hardware
    self.model = model
    self.logRatioLow = logRatioLow
    self.logRatioHigh = logRatioHigh
    self.metrics = metrics
    self.folds = folds
    self.seed = seed
    self.rowCount = rowCount
    self.dataFingerprint = dataFingerprint
    self.toolVersion = toolVersion
    self.source = source
  }

  /// FNV-1a 64-bit hash of `bytes` as 16 hex digits: the data fingerprint of a profile.
  public static func fingerprint<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
