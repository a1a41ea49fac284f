//===--- EnergyFitter.swift ------------------------------------------------===//
// Fits energy models to measured runs: the paper's linear form on absolute
// error, the log–log law by least squares on logs, and the physical form by
// non-negative least squares on relative error (rows weighted by 1/E) with the
// roofline's machine balance chosen from a grid by training error and its
// compute rate, launch and step times (and the speedup of reduced-precision
// multiply-accumulates, from a grid) fitted to measured times when the rows
// have them (runs of many steps then pay static power over that whole
// modelled time). A "constant"
// and a "measured time" source give the floor and the ceiling `tosim fit`
// reports beside the count-based models.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

/// What a fit is built from.
public enum FitSource: Equatable, Sendable {
  /// A count (TOs, FLOPs or MACs) in the given form.
  case counts(EnergyPredictor, FitForm)
  /// Only a per-run constant (relative error): the floor a useful model must beat.
  case constant
  /// E = P·time_s + α from the *measured* time: a ceiling no count can know.
  case measuredTime
  /// ln E = ln a + b·ln time_s from the measured time (the log–log form of the ceiling).
  case measuredTimeLogLog
}

/// One measured run ready to fit.
public struct FitRow: Sendable {
  /// The counted features of the run.
  public var features: EnergyFeatures
  /// Measured joules (positive).
  public var energy: Double
  /// Measured seconds, when known.
  public var time: Double?

  /// Creates a row.
  public init(features: EnergyFeatures, energy: Double, time: Double? = nil) {
    self.features = features
    self.energy = energy
    self.time = time
  }
}

/// Rows with the quantities every fit needs precomputed once.
public struct FitData: Sendable {
  /// The rows.
  public let rows: [FitRow]
  /// Each row's features summed over kernels and steps, without lane padding (the linear and log–log forms).
  public let totals: [KernelFeatures]
  /// The machine balances (ops per byte) the physical form tries.
  public let balanceGrid: [Double]
  /// The SIMD lane widths of the multiply-accumulate kernels the physical form tries (the first is the
  /// starting point of the search; 1 = no lane padding).
  public let laneWidthGrid: [Int]
  /// totalsByLane[l][i]: row i's totals with its kernels lane-padded at laneWidthGrid[l].
  let totalsByLane: [[KernelFeatures]]
  /// The speedups of reduced-precision MAC FLOPs the time fit tries ([1] when no row has any).
  public let speedupGrid: [Double]
  /// work[l][s][g][i] = Σ_kernels max(compute work, balance_g × bytes) × steps of row i at lane width l,
  /// in ops, the reduced-precision MAC FLOPs counted 1 / speedupGrid[s] each (RooflineTimeModel.computeWork).
  let work: [[[[Double]]]]
  /// timeColumn[g][e][i] = (work[0][0][g][i] / nominal rate)^γ_e: the static term's column at the first lane
  /// width (speedup 1).
  let timeColumn: [[[Double]]]
  /// The compute rate used when the rows have no measured time, in ops per second.
  public let nominalComputeRate: Double
  /// The exponents γ of the static term the physical form tries (1 = constant power).
  public let timeExponentGrid: [Double]

  /// Precomputes `rows`.
  public init(
    rows: [FitRow], balanceGrid: [Double] = (-6...10).map { pow(2, Double($0)) }, nominalComputeRate: Double = 1e11,
    timeExponentGrid: [Double] = [1], laneWidthGrid: [Int] = [1]
  ) {
    self.rows = rows
    self.timeExponentGrid = timeExponentGrid
    self.balanceGrid = balanceGrid
    self.nominalComputeRate = nominalComputeRate
    var widths: [Int] = []
    for width in laneWidthGrid.map({ max(1, $0) }) where !widths.contains(width) { widths.append(width) }
    self.laneWidthGrid = widths.isEmpty ? [1] : widths
    totalsByLane = self.laneWidthGrid.map { width in rows.map { $0.features.lanePaddedTotal(laneWidth: width) } }
    totals = self.laneWidthGrid[0] == 1 ? totalsByLane[0] : rows.map { $0.features.lanePaddedTotal(laneWidth: 1) }
    let hasReduced = rows.contains { $0.features.kernels.contains { $0.reducedPrecisionMACFLOPs > 0 } }
    let speedups = hasReduced ? Self.reducedPrecisionSpeedups : [1]
    speedupGrid = speedups
    work = self.laneWidthGrid.map { width in
      // Per row and kernel: (lane-padded FLOPs, lane-padded reduced-precision MAC FLOPs, bytes); then
      // Σ max(compute work, balance × bytes) × steps per speedup and balance.
      let kernels = rows.map { row in
        row.features.kernels.map { k in
          let factor = k.lanePaddingFactor(laneWidth: width)
          return (k.flops.total + (factor - 1) * k.flops[.multiplyAccumulate], k.reducedPrecisionMACFLOPs * factor, k.bytes)
        }
      }
      return speedups.map { speedup in
        balanceGrid.map { balance in
          zip(rows, kernels).map { row, ks in
            ks.reduce(0) { sum, k in
              sum + max(RooflineTimeModel.computeWork(flops: k.0, reducedPrecisionMACFLOPs: k.1, speedup: speedup), balance * k.2)
            } * row.features.steps
          }
        }
      }
    }
    timeColumn = work[0][0].map { column in
      timeExponentGrid.map { gamma in Self.timeColumn(column, gamma: gamma, rate: nominalComputeRate) }
    }
  }

  /// The speedups of reduced-precision multiply-accumulates over the fp32 rate that the time fit tries
  /// when some row has them (1 = none; NVIDIA's fp16 tensor cores peak at 8× the V100's fp32 rate).
  static let reducedPrecisionSpeedups: [Double] = [1, 1.25, 1.5, 2, 3, 4, 6, 8]

  /// The work column at lane width index `l`, speedup index `s` and balance index `g`.
  func work(lane l: Int, speedup s: Int, balance g: Int) -> [Double] { work[l][s][g] }

  /// (work / rate)^γ per row.
  static func timeColumn(_ work: [Double], gamma: Double, rate: Double) -> [Double] {
    work.map { w in gamma == 1 ? w / rate : pow(w / rate, gamma) }
  }

  /// The static term's column at lane width index `l`, balance index `g` and exponent index `e`.
  func timeColumn(lane l: Int, balance g: Int, exponent e: Int) -> [Double] {
    l == 0 ? timeColumn[g][e] : Self.timeColumn(work[l][0][g], gamma: timeExponentGrid[e], rate: nominalComputeRate)
  }

  /// Whether every row has a measured time.
  public var allTimed: Bool { rows.allSatisfy { $0.time != nil } }
}

/// Fits energy models.
public enum EnergyFitter {
  /// Columns of the physical form's design row.
  static let physicalColumns = 9
  /// The design row's column of the static (modelled-time) term.
  static let timeColumnIndex = 6

  /// The physical-form design row of a run: four arithmetic columns, bytes, calls, bound work, 1, steps
  /// (a term not in use is 0).
  static func physicalRow(_ predictor: EnergyPredictor, _ total: KernelFeatures, steps: Double, work: Double, terms: TermMask) -> [Double] {
    predictor.arithmeticColumns(total) + [
      terms.bytes ? total.bytes : 0, terms.calls ? total.calls : 0, terms.time ? work : 0, terms.intercept ? 1 : 0,
      terms.steps ? steps : 0,
    ]
  }

  /// The physical terms in use, as flags (read once per fit, not per row).
  struct TermMask {
    let bytes: Bool, calls: Bool, time: Bool, intercept: Bool, steps: Bool
    init(_ terms: Set<PhysicalTerm>) {
      bytes = terms.contains(.bytes)
      calls = terms.contains(.calls)
      time = terms.contains(.time)
      intercept = terms.contains(.intercept)
      steps = terms.contains(.steps)
    }
  }

  /// A model of `source` fitted on the rows at `indices` of `data`.
  ///
  /// - Parameter terms: the physical form's optional terms.
  /// - Throws: `InputError` for an empty or singular fit, or a source the rows cannot support
  ///   (measured time without `time_s`).
  public static func fit(_ data: FitData, source: FitSource, terms: Set<PhysicalTerm> = Set(PhysicalTerm.allCases), indices: [Int]? = nil)
    throws -> FittedSource
  {
    let indices = indices ?? Array(data.rows.indices)
    guard !indices.isEmpty else { throw InputError("empty fit: no rows") }
    switch source {
    case .constant:
      var equations = NonNegativeLeastSquares.NormalEquations(columns: 1)
      for i in indices { equations.add(row: [1], target: data.rows[i].energy, weight: 1 / data.rows[i].energy) }
      return .constant(try NonNegativeLeastSquares.solve(equations)[0])
    case .measuredTime:
      var equations = NonNegativeLeastSquares.NormalEquations(columns: 2)
      for i in indices {
        guard let time = data.rows[i].time else { throw InputError("the measured-time ceiling needs time_s on every row") }
        equations.add(row: [time, 1], target: data.rows[i].energy, weight: 1 / data.rows[i].energy)
      }
      let x = try NonNegativeLeastSquares.solve(equations)
      return .measuredTime(power: x[0], intercept: x[1])
    case .measuredTimeLogLog:
      guard indices.allSatisfy({ data.rows[$0].time != nil }) else { throw InputError("the measured-time ceiling needs time_s on every row") }
      let (prefactor, exponent) = try logLogFit(indices.map { data.rows[$0].time! }, indices.map { data.rows[$0].energy }, floor: 1e-300)
      return .measuredTimePower(prefactor: prefactor, exponent: exponent)
    case .counts(let predictor, .linear):
      var equations = NonNegativeLeastSquares.NormalEquations(columns: 2)
      for i in indices { equations.add(row: [predictor.scalar(data.totals[i]), 1], target: data.rows[i].energy) }
      let x = try NonNegativeLeastSquares.solve(equations)
      return .model(EnergyModel(predictor: predictor, form: .linear, arithmetic: [x[0]], intercept: x[1]))
    case .counts(let predictor, .loglog):
      let (prefactor, slope) = try logLogFit(indices.map { predictor.scalar(data.totals[$0]) }, indices.map { data.rows[$0].energy })
      return .model(EnergyModel(predictor: predictor, form: .loglog, arithmetic: [], intercept: prefactor, exponent: slope))
    case .counts(let predictor, .physical):
      return .model(try fitPhysical(data, predictor: predictor, terms: terms, indices: indices))
    }
  }

  /// Least squares of ln y on ln max(x, floor): (prefactor e^a, exponent b ≥ 0).
  static func logLogFit(_ x: [Double], _ y: [Double], floor: Double = 1) throws -> (Double, Double) {
    let xs = x.map { log(max($0, floor)) }
    let ys = y.map { log($0) }
    let n = Double(xs.count)
    let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0
    for k in xs.indices {
      sxy += (xs[k] - mx) * (ys[k] - my)
      sxx += (xs[k] - mx) * (xs[k] - mx)
    }
    let slope = sxx > 0 ? max(0, sxy / sxx) : 0
    let prefactor = exp(my - slope * mx)
    guard prefactor.isFinite, slope.isFinite else { throw InputError("singular fit: the log–log prefactor is not finite") }
    return (prefactor, slope)
  }

  /// The physical form: NNLS on relative error for every balance and exponent of the grids; the best
  /// training fit wins. Lane widths are searched coordinate-wise: the full grid at the first width, each
  /// other width at that grid point, then the neighbouring grid points at the best width.
  static func fitPhysical(_ data: FitData, predictor: EnergyPredictor, terms: Set<PhysicalTerm>, indices: [Int]) throws -> EnergyModel {
    let balances = terms.contains(.time) ? Array(data.balanceGrid.indices) : [0]
    let exponents = terms.contains(.time) ? Array(data.timeExponentGrid.indices) : [0]
    var best = try searchPhysical(data, predictor: predictor, terms: terms, indices: indices, lane: 0, balances: balances, exponents: exponents)
    if data.laneWidthGrid.count > 1 {
      var bestLane = 0
      for l in data.laneWidthGrid.indices.dropFirst() {
        let trial = try searchPhysical(data, predictor: predictor, terms: terms, indices: indices, lane: l, balances: [best.g], exponents: [best.e])
        if trial.error < best.error {
          best = trial
          bestLane = l
        }
      }
      if bestLane != 0 {
        // Refine around the grid point at the chosen width (its neighbours in balance and γ).
        let near = { (grid: [Int], at: Int) in grid.filter { abs($0 - at) <= 1 } }
        best = try searchPhysical(
          data, predictor: predictor, terms: terms, indices: indices, lane: bestLane, balances: near(balances, best.g),
          exponents: near(exponents, best.e))
      }
    }
    let gamma = terms.contains(.time) && !best.wholeTime ? data.timeExponentGrid[best.e] : 1
    let nominal = data.nominalComputeRate
    let balance = data.balanceGrid[best.g]
    var computeRate = nominal
    var launch = 0.0, stepTime = 0.0, speedup = 1.0
    if let fit = timeFit(data, indices: indices, lane: best.lane, balance: best.g, steps: terms.contains(.steps)) {
      computeRate = fit.rate
      launch = fit.launch
      stepTime = fit.step
      speedup = data.speedupGrid[fit.speedup]
    }
    let roofline = RooflineTimeModel(
      computeRate: computeRate, bandwidth: computeRate / balance, launchTime: launch, stepTime: stepTime,
      reducedPrecisionSpeedup: speedup)
    let x = best.x
    guard x.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw InputError("singular fit: a coefficient is not finite") }
    var model = EnergyModel(
      predictor: predictor, form: .physical, terms: PhysicalTerm.allCases.filter { terms.contains($0) },
      arithmetic: Array(x[0..<4]), bytes: x[4], calls: x[5], staticPower: x[6] * pow(computeRate / nominal, gamma),
      intercept: x[7], roofline: roofline)
    model.perStep = x[8]
    if best.wholeTime {
      // The static column was the whole modelled time in seconds: P_s is paid over launch and step time too.
      model.staticPower = x[6]
      model.calls += x[6] * launch
      model.perStep += x[6] * stepTime
    }
    model.timeExponent = gamma
    model.laneWidth = data.laneWidthGrid[best.lane]
    return model
  }

  /// The roofline's time fit at one lane width and balance: time_s ≈ work / R + launch × calls (+ step
  /// time × steps), for each speedup of reduced-precision MACs in the grid (only 1 when the training
  /// rows have none), the best by relative error; nil without measured times or with no positive rate.
  static func timeFit(_ data: FitData, indices: [Int], lane: Int, balance g: Int, steps: Bool)
    -> (rate: Double, launch: Double, step: Double, speedup: Int)?
  {
    guard indices.allSatisfy({ data.rows[$0].time != nil }) else { return nil }
    let trained = indices.contains { i in data.rows[i].features.kernels.contains { $0.reducedPrecisionMACFLOPs > 0 } }
    var best: (error: Double, fit: (rate: Double, launch: Double, step: Double, speedup: Int))?
    for s in trained ? Array(data.speedupGrid.indices) : [0] {
      let work = data.work(lane: lane, speedup: s, balance: g)
      var equations = NonNegativeLeastSquares.NormalEquations(columns: 3)
      for i in indices {
        let time = data.rows[i].time!
        let row = [work[i], data.totalsByLane[lane][i].calls, steps ? data.rows[i].features.steps : 0]
        equations.add(row: row, target: time, weight: 1 / time)
      }
      guard let x = try? NonNegativeLeastSquares.solve(equations), x[0] > 0 else { continue }
      let error = equations.residualSumOfSquares(x)
      if best == nil || error < best!.error { best = (error, (1 / x[0], x[1], x[2], s)) }
    }
    return best?.fit
  }

  /// A grid point of the physical form's search and its fit.
  struct PhysicalCandidate {
    /// Weighted residual sum of squares on the training rows.
    var error: Double
    /// Indices into the lane-width, balance and exponent grids.
    var lane: Int, g: Int, e: Int
    /// Whether the static column was the whole modelled time (throughput-bound, launch and step time, in
    /// seconds, γ = 1) rather than the throughput-bound work alone.
    var wholeTime: Bool
    /// The NNLS coefficients.
    var x: [Double]
  }

  /// The best relative-error NNLS fit over the given balance and exponent indices at lane width index
  /// `lane`. When the rows have measured times and hold runs of more than one step, the static column at
  /// each balance is the whole modelled time of the roofline fitted there (throughput-bound, launch and
  /// step time, γ = 1), so a host-bound step pays P_s for its launch and step time.
  static func searchPhysical(
    _ data: FitData, predictor: EnergyPredictor, terms: Set<PhysicalTerm>, indices: [Int], lane: Int, balances: [Int], exponents: [Int]
  ) throws -> PhysicalCandidate {
    // Every column but the static term's is the same for all (balance, γ): accumulate it once,
    // then add only the static column's cross products per grid point.
    let totals = data.totalsByLane[lane]
    let columns = physicalColumns, timeIndex = timeColumnIndex
    var base = NonNegativeLeastSquares.NormalEquations(columns: columns)
    let mask = TermMask(terms)
    let fixedRows = indices.map { physicalRow(predictor, totals[$0], steps: data.rows[$0].features.steps, work: 0, terms: mask) }
    for (k, i) in indices.enumerated() { base.add(row: fixedRows[k], target: data.rows[i].energy, weight: 1 / data.rows[i].energy) }
    /// The fit with `column` as the static term's column (none without the time term).
    func solve(_ column: [Double]?) throws -> (error: Double, x: [Double]) {
      var equations = base
      if let column {
        var cross = [Double](repeating: 0, count: columns)
        var square = 0.0, moment = 0.0
        for (k, i) in indices.enumerated() {
          let energy = data.rows[i].energy
          let w2 = 1 / (energy * energy)
          let t = column[i] * w2
          let row = fixedRows[k]
          for j in 0..<columns where j != timeIndex && row[j] != 0 { cross[j] += row[j] * t }
          square += column[i] * t
          moment += t * energy
        }
        for j in 0..<columns where j != timeIndex {
          if j < timeIndex { equations.gram[j][timeIndex] += cross[j] } else { equations.gram[timeIndex][j] += cross[j] }
        }
        equations.gram[timeIndex][timeIndex] += square
        equations.moment[timeIndex] += moment
      }
      let x = try NonNegativeLeastSquares.solve(equations)
      return (equations.residualSumOfSquares(x), x)
    }
    var best: PhysicalCandidate?
    func consider(_ fit: (error: Double, x: [Double]), g: Int, e: Int, wholeTime: Bool) {
      if best == nil || fit.error < best!.error { best = PhysicalCandidate(error: fit.error, lane: lane, g: g, e: e, wholeTime: wholeTime, x: fit.x) }
    }
    // Runs of many steps (training epochs) idle in the host's loop between kernels and steps: static
    // power is paid over the whole modelled time there, at γ = 1.
    let unitExponent = exponents.first { data.timeExponentGrid[$0] == 1 }
    let multiStep = terms.contains(.time) && unitExponent != nil && indices.contains { data.rows[$0].features.steps > 1 }
    for g in balances {
      if multiStep, let e = unitExponent, let roofline = timeFit(data, indices: indices, lane: lane, balance: g, steps: terms.contains(.steps)) {
        let work = data.work(lane: lane, speedup: roofline.speedup, balance: g)
        let column = work.indices.map { i in
          work[i] / roofline.rate + roofline.launch * totals[i].calls + roofline.step * data.rows[i].features.steps
        }
        consider(try solve(column), g: g, e: e, wholeTime: true)
        continue
      }
      for e in exponents {
        consider(try solve(terms.contains(.time) ? data.timeColumn(lane: lane, balance: g, exponent: e) : nil), g: g, e: e, wholeTime: false)
      }
    }
    guard let best else { throw InputError("empty fit: no rows") }
    return best
  }
}

/// The result of one fit.
public enum FittedSource: Equatable, Sendable {
  /// A count-based model.
  case model(EnergyModel)
  /// A constant per run, in joules.
  case constant(Double)
  /// Power × measured time + constant.
  case measuredTime(power: Double, intercept: Double)
  /// a × measured time^b.
  case measuredTimePower(prefactor: Double, exponent: Double)

  /// The prediction for `row` of `data`.
  public func predict(_ data: FitData, _ i: Int) -> Double {
    switch self {
    case .model(let model): return model.predict(data.rows[i].features)
    case .constant(let value): return value
    case .measuredTime(let power, let intercept): return power * (data.rows[i].time ?? 0) + intercept
    case .measuredTimePower(let prefactor, let exponent): return prefactor * pow(data.rows[i].time ?? 0, exponent)
    }
  }
}
