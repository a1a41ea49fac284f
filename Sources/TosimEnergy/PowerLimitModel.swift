//===--- PowerLimitModel.swift ---------------------------------------------===//
// What a GPU power cap (NVML power limit, `power_limit_w` in a measurement CSV)
// does to a modelled run: when the run's uncapped average power exceeds the
// cap, the clock drops until static plus dynamic power meet the cap; dynamic
// power scales with clock^β (β = 3 when voltage tracks frequency) down to a
// knee clock where the voltage reaches its floor, and with the clock alone
// below it; time stretches by 1/clock while the static power is paid for the
// longer time.
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
  /// The clock (fraction of the uncapped one) below which the supply voltage stays at its floor, so
  /// dynamic power falls only in proportion to the clock: clock^β above the knee, knee^(β−1)·clock
  /// below it (0 = no floor).
  public var kneeClock: Double
  /// The lowest clock the cap can force, as a fraction of the uncapped clock.
  public var minimumClock: Double

  /// Creates a power-limit model.
  public init(staticPower: Double, clockExponent: Double, kneeClock: Double = 0, minimumClock: Double = 0.05) {
    self.staticPower = staticPower
    self.clockExponent = clockExponent
    self.kneeClock = kneeClock
    self.minimumClock = minimumClock
  }

  /// Dynamic power at `clock`, as a fraction of the uncapped dynamic power.
  public func dynamicFraction(clock: Double) -> Double {
    clock >= kneeClock ? pow(clock, clockExponent) : pow(kneeClock, clockExponent - 1) * clock
  }

  /// The clock whose dynamic power is `fraction` of the uncapped one (the inverse of `dynamicFraction`).
  func clock(dynamicFraction fraction: Double) -> Double {
    fraction >= pow(kneeClock, clockExponent) ? pow(fraction, 1 / clockExponent) : fraction / pow(kneeClock, clockExponent - 1)
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
  /// is unchanged. Otherwise the clock s solves P_s + (P − P_s)·d(s) = limit, d the dynamic fraction
  /// (s^β above the knee), clamped to `minimumClock`; time becomes time / s and energy
  /// (P_s + (P − P_s)·d(s)) · time / s.
  public func apply(energy: Double, time: Double, limit: Double) -> Capped {
    guard energy > 0, time > 0, limit > 0 else { return Capped(energy: energy, time: time, clock: 1) }
    let power = energy / time
    let dynamic = power - staticPower
    guard power > limit, dynamic > 0 else { return Capped(energy: energy, time: time, clock: 1) }
    let headroom = max(limit - staticPower, 0)
    let clock = max(minimumClock, self.clock(dynamicFraction: headroom / dynamic))
    let cappedPower = staticPower + dynamic * dynamicFraction(clock: clock)
    return Capped(energy: cappedPower * time / clock, time: time / clock, clock: clock)
  }

  /// A modelled run of `energy` joules over `time` seconds, whose model was fitted on runs under a cap of
  /// `top` watts, under a cap of `limit` watts.
  ///
  /// The runs the model was fitted on drew at most `top` watts, so the modelled run's time is taken as at least
  /// energy / top (a modelled time that would need more power than `top` is too short), then `apply` caps it.
  public func apply(energy: Double, time: Double, limit: Double, measuredAt top: Double) -> Capped {
    apply(energy: energy, time: Self.runTime(energy: energy, modelledTime: time, measuredAt: top), limit: limit)
  }

  /// The seconds of a modelled run of `energy` joules and `modelledTime` seconds whose model was fitted on runs
  /// under a cap of `top` watts: at least energy / top.
  public static func runTime(energy: Double, modelledTime: Double, measuredAt top: Double) -> Double {
    top > 0 ? max(modelledTime, energy / top) : modelledTime
  }

  /// The cap in `limits` at which `apply` gives the least energy (the first of equal ones).
  public func bestLimit(energy: Double, time: Double, limits: [Double]) -> Double? {
    limits.min { apply(energy: energy, time: time, limit: $0).energy < apply(energy: energy, time: time, limit: $1).energy }
  }
}
