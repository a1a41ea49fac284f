//===--- PowerLimitTests.swift ---------------------------------------------===//
// The power-cap model against hand-computed runs and its analytic optimum,
// the bound that a run modelled from top-cap runs draws at most that cap,
// the recovery of a known cap model from synthetic sweeps, the two-stage
// cross-validation that `tosim fit` reports for rows with power_limit_w, and
// leave-one-group-out validation (`tosim fit --leave-out model`).
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimEnergy
import TosimFormats

@Suite("Power limits")
struct PowerLimitTests {
  @Test("a cap above the run's power changes nothing")
  func uncapped() {
    let model = PowerLimitModel(staticPower: 50, clockExponent: 2)
    let run = model.apply(energy: 300, time: 2, limit: 150)
    #expect(run == PowerLimitModel.Capped(energy: 300, time: 2, clock: 1))
  }

  @Test("a binding cap lowers the clock until static plus dynamic power meet it")
  func binding() {
    // P = 200 W, P_s = 50 W, β = 2, cap 100 W: s = √(50/150), power 100 W, time 1/s.
    let run = PowerLimitModel(staticPower: 50, clockExponent: 2).apply(energy: 200, time: 1, limit: 100)
    let s = (1.0 / 3).squareRoot()
    #expect(abs(run.clock - s) < 1e-12)
    #expect(abs(run.time - 1 / s) < 1e-12)
    #expect(abs(run.energy - 100 / s) < 1e-9)
    #expect(abs(run.energy - 173.20508075688772) < 1e-9)
  }

  @Test("a run modelled from top-cap runs draws at most the top cap")
  func boundedByTopCap() {
    let model = PowerLimitModel(staticPower: 50, clockExponent: 2)
    // 600 J modelled in 1 s would draw 600 W; fitted on runs at 300 W it takes at least 2 s.
    let atTop = model.apply(energy: 600, time: 1, limit: 300, measuredAt: 300)
    #expect(atTop == PowerLimitModel.Capped(energy: 600, time: 2, clock: 1))
    // Under 200 W: P = 300 W, s = √(150/250), the same as capping the 2 s run.
    let capped = model.apply(energy: 600, time: 1, limit: 200, measuredAt: 300)
    #expect(capped == model.apply(energy: 600, time: 2, limit: 200))
    #expect(abs(capped.clock - (150.0 / 250).squareRoot()) < 1e-12)
    // A modelled time long enough already is kept.
    #expect(model.apply(energy: 300, time: 2, limit: 250, measuredAt: 300) == model.apply(energy: 300, time: 2, limit: 250))
    // A built-in GPU profile bounds its runs' time the same way.
    let v100 = GPUProfile.named("v100")!
    #expect(v100.runTime(energy: 10 * v100.highestLimit, modelledTime: 1) == 10)
    #expect(v100.runTime(energy: 10 * v100.highestLimit, modelledTime: 20) == 20)
  }

  @Test("the least-energy cap is β·P_s/(β−1) when the sweep contains it")
  func optimum() {
    // E(L) ∝ L / (L − P_s)^(1/β): dE/dL = 0 at L = β P_s / (β − 1) = 90 W for P_s = 60 W, β = 3.
    let model = PowerLimitModel(staticPower: 60, clockExponent: 3)
    let limits: [Double] = [70, 80, 90, 100, 120, 150, 250]
    #expect(model.bestLimit(energy: 250, time: 1, limits: limits) == 90)
    let e = limits.map { model.apply(energy: 250, time: 1, limit: $0).energy }
    #expect(e[2] < e[1] && e[2] < e[3])
  }

  @Test("below the knee clock dynamic power falls only with the clock, and the least-energy cap sits at the knee")
  func knee() {
    // P = 200 W, P_s = 50 W, β = 3, knee 0.6: above it d(s) = s³, below it 0.36·s.
    let model = PowerLimitModel(staticPower: 50, clockExponent: 3, kneeClock: 0.6)
    #expect(abs(model.dynamicFraction(clock: 0.8) - 0.512) < 1e-12)
    #expect(abs(model.dynamicFraction(clock: 0.5) - 0.18) < 1e-12)
    let high = model.apply(energy: 200, time: 1, limit: 150)
    #expect(abs(high.clock - pow(100.0 / 150, 1.0 / 3)) < 1e-12)
    let low = model.apply(energy: 200, time: 1, limit: 60)
    #expect(abs(low.clock - (10.0 / 150) / 0.36) < 1e-12)
    #expect(abs(low.energy - 60 / low.clock) < 1e-9)
    // E(s)·s = 50 + 150·d(s): above the knee its minimum would be at s = 6^(−1/3) ≈ 0.55 < 0.6, below it
    // E = 50/s + 54 falls with s, so the least energy is at the knee: L = 50 + 150 · 0.216 = 82.4 W.
    let limits: [Double] = [60, 70, 82.4, 95, 120, 200]
    #expect(model.bestLimit(energy: 200, time: 1, limits: limits) == 82.4)
    // Without a knee the same β and P_s put the optimum at β·P_s/(β−1) = 75 W.
    #expect(PowerLimitModel(staticPower: 50, clockExponent: 3).bestLimit(energy: 200, time: 1, limits: [60, 75, 90]) == 75)
  }

  /// Runs of 200 W uncapped power, each swept over caps by `truth`.
  static func sweep(_ truth: PowerLimitModel, runs: Int) -> (FitData, [Double], [Int]) {
    let base = EnergyModel(
      predictor: .flops, form: .physical, terms: PhysicalTerm.allCases, arithmetic: [0, 0, 0, 0], staticPower: 200,
      roofline: RooflineTimeModel(computeRate: 1e11, bandwidth: 1e11 / 4))
    var rows: [FitRow] = [], limits: [Double] = [], groups: [Int] = []
    for (g, features) in EnergyFitTests.syntheticRuns(runs, seed: 21).enumerated() {
      let time = base.roofline.boundTime(features)
      for limit in [100.0, 125, 150, 175, 200, 250] {
        let capped = truth.apply(energy: base.predict(features), time: time, limit: limit)
        rows.append(FitRow(features: features, energy: capped.energy, time: capped.time))
        limits.append(limit)
        groups.append(g)
      }
    }
    return (FitData(rows: rows), limits, groups)
  }

  @Test("the grid search recovers a cap model on its grid")
  func recovery() {
    let truth = PowerLimitModel(staticPower: 40, clockExponent: 2.5)
    let (data, limits, _) = Self.sweep(truth, runs: 10)
    let energies = data.rows.map { $0.features }.map { f in 200 * RooflineTimeModel(computeRate: 1e11, bandwidth: 2.5e10).boundTime(f) }
    let times = energies.map { $0 / 200 }
    let fitted = EnergyFitter.fitPowerLimit(energies: energies, times: times, limits: limits, measured: data.rows.map(\.energy))
    #expect(abs(fitted.staticPower - 40) < 1e-9)
    #expect(fitted.clockExponent == 2.5)
  }

  @Test("two-stage cross-validation predicts capped runs; ignoring the cap does not")
  func crossValidation() throws {
    let truth = PowerLimitModel(staticPower: 40, clockExponent: 2.5)
    let (data, limits, groups) = Self.sweep(truth, runs: 30)
    let cv = try EnergyFitter.crossValidatePowerLimits(data, limits: limits, groups: groups, predictor: .flops, folds: 5, seed: 1)
    #expect(cv.metrics.precision > 99.9)
    #expect(cv.uncappedMetrics.precision < cv.metrics.precision - 10)
    #expect(cv.bestLimitGroups == 30)
    #expect(cv.bestLimitHits == 30)
    #expect(abs(cv.model.staticPower - 40) < 1e-6)
    // Every cap of a configuration is held out in the same fold, and every fold holds some.
    for g in Set(groups) { #expect(Set(groups.indices.filter { groups[$0] == g }.map { cv.folds[$0] }).count == 1) }
    #expect(Set(cv.folds) == Set(0..<5))
  }

  @Test("fewer configurations than folds are refused")
  func fewConfigurations() {
    let (data, limits, groups) = Self.sweep(PowerLimitModel(staticPower: 40, clockExponent: 2), runs: 4)
    #expect(throws: InputError.self) {
      try EnergyFitter.crossValidatePowerLimits(data, limits: limits, groups: groups, predictor: .flops, folds: 5, seed: 1)
    }
    #expect((try? EnergyFitter.crossValidatePowerLimits(data, limits: limits, groups: groups, predictor: .flops, folds: 4, seed: 1)) != nil)
  }

  @Test("rows without a run at the highest cap in a fold are refused")
  func noTopRows() {
    let (data, _, groups) = Self.sweep(PowerLimitModel(staticPower: 40, clockExponent: 2), runs: 6)
    var limits = [Double](repeating: 100, count: data.rows.count)
    limits[0] = 250
    #expect(throws: InputError.self) {
      try EnergyFitter.crossValidatePowerLimits(data, limits: limits, groups: groups, predictor: .flops, folds: 5, seed: 1)
    }
  }

  @Test("leave-one-group-out predicts every group from the others")
  func leaveOneGroupOut() throws {
    let runs = EnergyFitTests.syntheticRuns(40, seed: 9)
    let data = FitData(rows: runs.map { FitRow(features: $0, energy: 2e-9 * $0.total.flops.total + 0.5) })
    let keys = (0..<40).map { "w\($0 % 4)" }
    let assignment = EnergyFitter.groupAssignment(keys)
    #expect(assignment.prefix(5) == [0, 1, 2, 3, 0])
    let cv = try EnergyFitter.crossValidate(data, source: .counts(.flops, .linear), assignment: assignment)
    #expect(cv.metrics.precision > 99.9)
    #expect(throws: InputError.self) {
      try EnergyFitter.crossValidate(data, source: .constant, assignment: [Int](repeating: 0, count: 40))
    }
  }
}
