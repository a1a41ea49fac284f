//===--- FitMetricsTests.swift ---------------------------------------------===//
// Metrics on hand-checked values (MAPE, precision, median APE, R², Spearman
// with ties) and the seeded k-fold split (deterministic, balanced, seed-dependent).
//===----------------------------------------------------------------------===//
import Testing
import TosimEnergy
import TosimFormats

@Suite("Fit metrics and folds")
struct FitMetricsTests {
  @Test("MAPE, precision, median APE and R² by hand")
  func handChecked() {
    // APE = 10%, 10%, 25%; mean 15; SS_tot = 14/3, SS_res = 0.01 + 0.04 + 1 = 1.05.
    let m = FitMetrics(measured: [1, 2, 4], predicted: [1.1, 1.8, 5])
    #expect(abs(m.mape - 15) < 1e-9)
    #expect(abs(m.precision - 85) < 1e-9)
    #expect(abs(m.medianAPE - 10) < 1e-9)
    #expect(abs(m.r2 - (1 - 1.05 / (14.0 / 3))) < 1e-12)
    #expect(m.spearman == 1)
  }

  @Test("Spearman uses average ranks for ties and is −1 for a reversed order")
  func spearman() {
    #expect(FitMetrics.ranks([1, 2, 2, 3]) == [1, 2.5, 2.5, 4])
    #expect(abs(FitMetrics(measured: [1, 2, 3, 4], predicted: [8, 6, 4, 2]).spearman + 1) < 1e-12)
  }

  @Test("quantiles interpolate between order statistics")
  func quantiles() {
    #expect(FitMetrics.quantile([4, 1, 3, 2], 0.5) == 2.5)
    #expect(FitMetrics.quantile([0, 10], 0.05) == 0.5)
  }

  @Test("the same seed gives the same folds; fold sizes differ by at most one")
  func folds() throws {
    let a = try KFold.assignments(count: 103, folds: 5, seed: 1)
    #expect(a == (try KFold.assignments(count: 103, folds: 5, seed: 1)))
    #expect(a != (try KFold.assignments(count: 103, folds: 5, seed: 2)))
    let sizes = (0..<5).map { f in a.filter { $0 == f }.count }
    #expect(sizes.max()! - sizes.min()! <= 1 && sizes.reduce(0, +) == 103)
    #expect(throws: InputError.self) { try KFold.assignments(count: 3, folds: 5, seed: 1) }
  }
}
