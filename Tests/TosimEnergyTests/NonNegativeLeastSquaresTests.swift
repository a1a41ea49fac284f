//===--- NonNegativeLeastSquaresTests.swift --------------------------------===//
// Lawson–Hanson NNLS against systems solved by hand: an interior optimum, an
// active bound, a weighted fit and the empty / all-zero errors.
//===----------------------------------------------------------------------===//
import Testing
import TosimEnergy
import TosimFormats

@Suite("Non-negative least squares")
struct NonNegativeLeastSquaresTests {
  @Test("interior optimum equals the normal-equation solution")
  func interior() throws {
    // AᵀA = [[2,1],[1,2]], Aᵀb = [4,5] → x = [1, 2].
    let x = try NonNegativeLeastSquares.solve(design: [[1, 0], [0, 1], [1, 1]], targets: [1, 2, 3])
    #expect(abs(x[0] - 1) < 1e-12 && abs(x[1] - 2) < 1e-12)
  }

  @Test("a negative unconstrained slope is clamped to zero and the intercept refits")
  func activeBound() throws {
    // y = 3, 2, 1 at t = 1, 2, 3: free fit 4 − t; with slope ≥ 0 the best is the mean, 2.
    let x = try NonNegativeLeastSquares.solve(design: [[1, 1], [1, 2], [1, 3]], targets: [3, 2, 1])
    #expect(abs(x[0] - 2) < 1e-12)
    #expect(x[1] == 0)
    let y = try NonNegativeLeastSquares.solve(design: [[1, 0], [0, 1]], targets: [-1, 2])
    #expect(y == [0, 2])
  }

  @Test("weights scale each row's residual")
  func weighted() throws {
    // Minimise 1·(x − 1)² + 9·(x − 2)²: x = (1 + 18) / 10 = 1.9.
    let x = try NonNegativeLeastSquares.solve(design: [[1], [1]], targets: [1, 2], weights: [1, 3])
    #expect(abs(x[0] - 1.9) < 1e-12)
  }

  @Test("columns of very different scale solve as well as unit ones")
  func scaling() throws {
    // x = [2e-12, 5e3] exactly reproduces the targets.
    let design = [[1e12, 1e-3], [3e12, 2e-3], [2e12, 5e-3]]
    let targets = design.map { 2e-12 * $0[0] + 5e3 * $0[1] }
    let x = try NonNegativeLeastSquares.solve(design: design, targets: targets)
    #expect(abs(x[0] / 2e-12 - 1) < 1e-9 && abs(x[1] / 5e3 - 1) < 1e-9)
  }

  @Test("no rows or only zero columns is an empty or singular fit")
  func errors() {
    #expect(throws: InputError.self) { try NonNegativeLeastSquares.solve(design: [], targets: []) }
    #expect(throws: InputError.self) { try NonNegativeLeastSquares.solve(design: [[0, 0], [0, 0]], targets: [1, 2]) }
  }

  @Test("a duplicated column gets one share and no negative coefficient")
  func collinear() throws {
    let x = try NonNegativeLeastSquares.solve(design: [[1, 1], [2, 2], [3, 3]], targets: [2, 4, 6])
    #expect(x.allSatisfy { $0 >= 0 })
    #expect(abs(x[0] + x[1] - 2) < 1e-9)
  }
}
