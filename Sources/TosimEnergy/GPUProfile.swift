//===--- GPUProfile.swift --------------------------------------------------===//
// A built-in GPU profile: the energy model fitted on one GPU's measured
// training epochs at its highest power limit, the power-cap model fitted on
// all its rows, the caps it was fitted over, and where and when the numbers
// come from. `tosim estimate MODEL --hardware NAME [--power-limit W]` applies
// one (the profiles themselves: GPUProfile+BuiltIn.swift).
//===----------------------------------------------------------------------===//

/// A built-in profile of one GPU.
public struct GPUProfile: Sendable {
  /// The name `--hardware` takes (lower case, e.g. `v100`).
  public var name: String
  /// The GPU as its maker names it.
  public var displayName: String
  /// The energy model with its interval, CV accuracy and source.
  public var profile: EnergyProfile
  /// The power-cap model.
  public var powerLimit: PowerLimitModel
  /// The lowest power limit of the fitted rows, in watts.
  public var lowestLimit: Double
  /// The highest power limit of the fitted rows (the energy model's rows), in watts.
  public var highestLimit: Double
  /// The date of the fit (ISO 8601).
  public var fitDate: String
  /// 5-fold CV precision (100 − MAPE, %) of the energy model at the highest limit.
  public var cvPrecision: Double
  /// 5-fold CV median absolute percentage error, in %.
  public var cvMedianAPE: Double
  /// 5-fold CV Spearman rank correlation.
  public var cvSpearman: Double
  /// 5-fold CV precision of the power-cap model over every fitted limit.
  public var powerLimitPrecision: Double

  /// Creates a GPU profile.
  public init(
    name: String, displayName: String, profile: EnergyProfile, powerLimit: PowerLimitModel, lowestLimit: Double,
    highestLimit: Double, fitDate: String, cvPrecision: Double, cvMedianAPE: Double, cvSpearman: Double,
    powerLimitPrecision: Double
  ) {
    self.name = name
    self.displayName = displayName
    self.profile = profile
    self.powerLimit = powerLimit
    self.lowestLimit = lowestLimit
    self.highestLimit = highestLimit
    self.fitDate = fitDate
    self.cvPrecision = cvPrecision
    self.cvMedianAPE = cvMedianAPE
    self.cvSpearman = cvSpearman
    self.powerLimitPrecision = powerLimitPrecision
  }

  /// The seconds of a modelled run of `energy` joules whose roofline time is `modelledTime`: at least
  /// energy / highestLimit, since the runs the energy model was fitted on drew at most that many watts.
  public func runTime(energy: Double, modelledTime: Double) -> Double {
    PowerLimitModel.runTime(energy: energy, modelledTime: modelledTime, measuredAt: highestLimit)
  }

  /// Whether `limit` lies in the fitted range of power limits.
  public func fits(limit: Double) -> Bool { limit >= lowestLimit && limit <= highestLimit }

  /// The built-in profile called `name` (case-insensitive), if any.
  public static func named(_ name: String) -> GPUProfile? {
    builtIn.first { $0.name == name.lowercased() }
  }
}
