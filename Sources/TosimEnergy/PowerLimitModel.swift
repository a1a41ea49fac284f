//===--- PowerLimitModel.swift ---------------------------------------------===//
// What a GPU power cap (NVML power limit, `power_limit_w` in a measurement CSV)
// does to a modelled run: when the run's uncapped average power exceeds the
// cap, the clock drops until static plus dynamic power meet the cap; dynamic
// power scales with clock^β (β = 3 when voltage tracks frequency), so time
// stretches by 1/clock while the static power is paid for the longer time.
// Fitted per GPU by `tosim fit` (EnergyFitter+PowerLimit.swift) on rows that
// have power_limit_w. Units: watts, seconds, joules.
//===----------------------------------------------------------------------===//
import Foundation

/// The effect of a power cap on a run's energy and time.
public struct PowerLimitModel: Equatable, Sendable {
  /// Power drawn at any clock while the run lasts (leakage, memory, board), in watts.
  public var staticPower: Double
  /// β: dynamic power ∝ clock^β under the cap (1 = fixed voltage, 3 = voltage ∝ frequency).
  public var clockExponent: Double
  /// The lowest clock the cap can force, as a fraction of the uncapped clock.
  public var minimumClock: Double

  /// Creates a power-limit model.
  public init(staticPower: Double, clockExponent: Double, minimumClock: Double = 0.05) {
    self.staticPower = staticPower
    self.clockExponent = clockExponent
    self.minimumClock = minimumClock
  }

  /// A capped run: its energy (J), time (s) and clock as a fraction of the uncapped clock.
  public struct Capped: Equatable, Sendable {
    /// Joules of the capped run.
    public var energy: Double
    /// Seconds of the capped run.
    public var time: Double
    /// Clock under the cap / uncapped clock (1 when the cap does not bind).
    public var clock: Double

    /// Creates a capped run.
    public init(energy: Double, time: Double, clock: Double) {
      self.energy = energy
      self.time = time
      self.clock = clock
    }
  }

  /// The run of uncapped `energy` joules over `time` seconds under a cap of `limit` watts.
  ///
  /// Uncapped power P = energy / time. When P ≤ limit, or P is at or below the static power, the run
  /// is unchanged. Otherwise the clock s solves P_s + (P − P_s)·s^β = limit (clamped to
  /// `minimumClock`), time becomes time / s and energy (P_s + (P − P_s)·s^β) · time / s.
  public func apply(energy: Double, time: Double, limit: Double) -> Capped {
    guard energy > 0, time > 0, limit > 0 else { return Capped(energy: energy, time: time, clock: 1) }
    let power = energy / time
    let dynamic = power - staticPower
    guard power > limit, dynamic > 0 else { return Capped(energy: energy, time: time, clock: 1) }
    let headroom = max(limit - staticPower, 0)
    let clock = max(minimumClock, pow(headroom / dynamic, 1 / clockExponent))
    let cappedPower = staticPower + dynamic * pow(clock, clockExponent)
    return Capped(energy: cappedPower * time / clock, time: time / clock, clock: clock)
  }

  /// The cap in `limits` at which `apply` gives the least energy (the first of equal ones).
  public func bestLimit(energy: Double, time: Double, limits: [Double]) -> Double? {
    limits.min { apply(energy: energy, time: time, limit: $0).energy < apply(energy: energy, time: time, limit: $1).energy }
  }
}
