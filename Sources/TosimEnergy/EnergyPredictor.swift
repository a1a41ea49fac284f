//===--- EnergyPredictor.swift ---------------------------------------------===//
// What an energy model is fitted on (TOs static / dynamic / glitch, FLOPs,
// MACs), its functional form (the paper's linear E = β·x + α, a log–log
// scaling law, or the physical multi-term model), and the optional physical
// terms (bytes, calls, steps, modelled time, intercept). `tosim fit --predictor …
// --form … --features …` selects them.
//===----------------------------------------------------------------------===//

/// The count an energy model's arithmetic term is built from.
public enum EnergyPredictor: String, CaseIterable, Sendable {
  /// Static transistor operations (every transistor of every unit used, per op).
  case to
  /// Dynamic TOs: switched gates per op under zero-delay simulation.
  case toDynamic = "to-dynamic"
  /// Glitch TOs: switched gates per op under unit-delay simulation (hazards included).
  case toGlitch = "to-glitch"
  /// Inertial TOs: switched gates per op under RC delays with inertial filtering (the cost table's
  /// `to_inertial`; zero for a table without that column).
  case toInertial = "to-inertial"
  /// FLOPs: every counted op once.
  case flops
  /// Multiply-accumulates (the physical form adds the non-MAC FLOPs per class).
  case macs

  /// Whether the predictor counts transistor operations.
  public var isTransistorBased: Bool { self == .to || self == .toDynamic || self == .toGlitch || self == .toInertial }

  /// The unit of one count of the predictor.
  public var unit: String {
    switch self {
    case .to, .toDynamic, .toGlitch, .toInertial: return "TO"
    case .flops: return "op"
    case .macs: return "MAC"
    }
  }

  /// The four arithmetic columns of the physical form, in class order.
  ///
  /// TO and FLOP predictors give their per-class counts; `macs` gives MACs in the MAC
  /// column and FLOPs in the other three, so the MAC baseline keeps every other term.
  public func arithmeticColumns(_ kernel: KernelFeatures) -> [Double] {
    switch self {
    case .to: return kernel.staticTOs.values
    case .toDynamic: return kernel.dynamicTOs.values
    case .toGlitch: return kernel.glitchTOs.values
    case .toInertial: return kernel.inertialTOs.values
    case .flops: return kernel.flops.values
    case .macs: return [kernel.macs, kernel.flops.values[1], kernel.flops.values[2], kernel.flops.values[3]]
    }
  }

  /// The unit of each arithmetic column.
  public var columnUnits: [String] {
    self == .macs ? ["MAC", "op", "op", "op"] : [unit, unit, unit, unit]
  }

  /// The single count of the linear and log–log forms.
  public func scalar(_ kernel: KernelFeatures) -> Double {
    switch self {
    case .to: return kernel.staticTOs.total
    case .toDynamic: return kernel.dynamicTOs.total
    case .toGlitch: return kernel.glitchTOs.total
    case .toInertial: return kernel.inertialTOs.total
    case .flops: return kernel.flops.total
    case .macs: return kernel.macs
    }
  }
}

/// The functional form of an energy model.
public enum FitForm: String, CaseIterable, Sendable {
  /// E = β·x + α, fitted on absolute error (the form of Li, Tsourdos & Guo 2024).
  case linear
  /// ln E = ln a + b·ln x, fitted by least squares on the logs.
  case loglog
  /// E = Σ e_c·x_c + e_B·bytes + e_call·calls + e_step·steps + P·t̂ + α, all ≥ 0, fitted on relative error.
  case physical
}

/// An optional term of the physical form.
public enum PhysicalTerm: String, CaseIterable, Sendable {
  /// Bytes moved (read + written).
  case bytes
  /// Kernel calls.
  case calls
  /// Static power × modelled run time.
  case time
  /// A constant per measured run.
  case intercept
  /// A fixed cost per step (batch): the host's training loop, data loading and synchronisation.
  case steps
}
