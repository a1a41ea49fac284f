//===--- EnergyModel.swift -------------------------------------------------===//
// A fitted energy model: its predictor, form and non-negative coefficients
// with the roofline behind its static-power term, the joules it predicts for a
// run, and the split of those joules per kernel into arithmetic, memory,
// calls and static terms (the per-step and per-run terms on the run's total). Written into profiles by `tosim fit`, applied by
// `tosim estimate`.
//===----------------------------------------------------------------------===//
import Foundation

/// The energy of a kernel (or run) split into the model's physical terms, in joules.
public struct EnergyTerms: Equatable, Sendable {
  /// Σ e_class × count: the arithmetic.
  public var arithmetic: Double = 0
  /// e_B × bytes: the memory traffic.
  public var memory: Double = 0
  /// e_call × calls: per-kernel overheads.
  public var calls: Double = 0
  /// P_static × t̂: static power over the modelled time.
  public var staticEnergy: Double = 0
  /// e_step × steps: the fixed cost of each step (only on the run's total).
  public var steps: Double = 0
  /// The per-run constant α (only on the run's total).
  public var constant: Double = 0

  /// Creates terms.
  public init(
    arithmetic: Double = 0, memory: Double = 0, calls: Double = 0, staticEnergy: Double = 0, steps: Double = 0, constant: Double = 0
  ) {
    self.arithmetic = arithmetic
    self.memory = memory
    self.calls = calls
    self.staticEnergy = staticEnergy
    self.steps = steps
    self.constant = constant
  }

  /// The sum of the terms.
  public var total: Double { arithmetic + memory + calls + staticEnergy + steps + constant }

  /// The term-wise sum.
  public static func + (a: EnergyTerms, b: EnergyTerms) -> EnergyTerms {
    EnergyTerms(
      arithmetic: a.arithmetic + b.arithmetic, memory: a.memory + b.memory, calls: a.calls + b.calls,
      staticEnergy: a.staticEnergy + b.staticEnergy, steps: a.steps + b.steps, constant: a.constant + b.constant)
  }

  /// Every term multiplied by `factor`.
  public func scaled(by factor: Double) -> EnergyTerms {
    EnergyTerms(
      arithmetic: arithmetic * factor, memory: memory * factor, calls: calls * factor, staticEnergy: staticEnergy * factor,
      steps: steps * factor, constant: constant * factor)
  }
}

/// A fitted (or built-in) energy model.
public struct EnergyModel: Equatable, Sendable {
  /// The count the arithmetic term uses.
  public var predictor: EnergyPredictor
  /// The functional form.
  public var form: FitForm
  /// The physical terms in use (physical form only).
  public var terms: [PhysicalTerm]
  /// Joules per count: four per-class values for the physical form, one β for the linear form, empty for log–log.
  public var arithmetic: [Double]
  /// Joules per byte moved.
  public var bytes: Double = 0
  /// Joules per kernel call.
  public var calls: Double = 0
  /// Joules per step (batch): host loop, data loading and synchronisation.
  public var perStep: Double = 0
  /// Static power in watts, applied to the roofline's throughput-bound time.
  public var staticPower: Double = 0
  /// Joules per run (α), or the prefactor a of the log–log form (joules at a count of 1).
  public var intercept: Double = 0
  /// The exponent b of the log–log form.
  public var exponent: Double = 0
  /// γ of the static term P·t̂·(t̂ / 1 s)^(γ−1): 1 is constant power; above 1, power that grows with run length.
  public var timeExponent: Double = 1
  /// The roofline that gives t̂.
  public var roofline: RooflineTimeModel
  /// SIMD lanes per vector of the multiply-accumulate kernels (physical form; 1 = no lane padding).
  public var laneWidth: Int = 1

  /// Creates a model.
  public init(
    predictor: EnergyPredictor, form: FitForm, terms: [PhysicalTerm] = [], arithmetic: [Double], bytes: Double = 0,
    calls: Double = 0, staticPower: Double = 0, intercept: Double = 0, exponent: Double = 0,
    roofline: RooflineTimeModel = RooflineTimeModel(computeRate: 1e11, bandwidth: 1e10)
  ) {
    self.predictor = predictor
    self.form = form
    self.terms = terms
    self.arithmetic = arithmetic
    self.bytes = bytes
    self.calls = calls
    self.staticPower = staticPower
    self.intercept = intercept
    self.exponent = exponent
    self.roofline = roofline
  }

  /// The joules of one kernel for one step, by term (without the per-run constant).
  public func terms(of kernel: KernelFeatures) -> EnergyTerms {
    switch form {
    case .physical:
      return physicalTerms(executing: kernel.lanePadded(laneWidth: laneWidth))
    case .linear:
      return EnergyTerms(arithmetic: (arithmetic.first ?? 0) * predictor.scalar(kernel))
    case .loglog:
      return EnergyTerms()
    }
  }

  /// The physical form's terms of a kernel from its lane-padded features (padding leaves bytes and calls).
  func physicalTerms(executing executed: KernelFeatures) -> EnergyTerms {
    let columns = predictor.arithmeticColumns(executed)
    let arithmeticEnergy = zip(arithmetic, columns).reduce(0) { $0 + $1.0 * $1.1 }
    return EnergyTerms(
      arithmetic: arithmeticEnergy, memory: bytes * executed.bytes, calls: calls * executed.calls,
      staticEnergy: staticPower * roofline.boundTime(executed))
  }

  /// The predicted joules of a run, with the terms of each kernel over all steps and the constant.
  public func attribution(_ features: EnergyFeatures) -> (kernels: [EnergyTerms], total: EnergyTerms) {
    if form == .loglog {
      let total = features.total
      let x = predictor.scalar(total)
      let energy = intercept * pow(max(x, 1), exponent)
      let kernels = features.kernels.map { kernel -> EnergyTerms in
        let share = x > 0 ? predictor.scalar(kernel) * features.steps / x : 0
        return EnergyTerms(arithmetic: energy * share)
      }
      let attributed = kernels.reduce(0) { $0 + $1.arithmetic }
      return (kernels, EnergyTerms(arithmetic: attributed, constant: energy - attributed))
    }
    var kernels: [EnergyTerms]
    if form == .physical {
      let executed = features.lanePadded(laneWidth: laneWidth)
      kernels = executed.kernels.map { physicalTerms(executing: $0).scaled(by: features.steps) }
      if timeExponent != 1 {
        let factor = pow(max(roofline.boundTime(executed), 1e-300), timeExponent - 1)
        for k in kernels.indices { kernels[k].staticEnergy *= factor }
      }
    } else {
      kernels = features.kernels.map { terms(of: $0).scaled(by: features.steps) }
    }
    var total = kernels.reduce(EnergyTerms(), +)
    if form == .physical { total.steps = perStep * features.steps }
    total.constant = intercept
    return (kernels, total)
  }

  /// The modelled run time t̂ with launch and per-step costs, in seconds (lane-padded MAC work).
  public func modelledTime(_ features: EnergyFeatures) -> Double {
    roofline.time(form == .physical ? features.lanePadded(laneWidth: laneWidth) : features)
  }

  /// The predicted joules of a run.
  public func predict(_ features: EnergyFeatures) -> Double { attribution(features).total.total }
}
