//===--- EnergyMeasurement.swift -------------------------------------------===//
// One row of a measurement CSV (docs/energy-model.md, "EnergyMeasurement CSV"): the
// model, how it ran (batch, precision, mode, optimizer, steps), the hardware
// label and the measured energy and time. TosimIO reads the CSV; `tosim fit`
// counts each distinct run once and fits on the rows.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNN

/// What part of training a measurement covers.
public enum MeasurementMode: String, CaseIterable, Sendable {
  /// Forward passes only (inference).
  case forward
  /// Gradients plus the optimizer update, without the forward pass.
  case backward
  /// Forward, backward and update.
  case training
}

/// One measured run.
public struct EnergyMeasurement: Sendable {
  /// An ONNX or JSON path (absolute once read) or a one-line layer spec.
  public var model: String
  /// Batch size.
  public var batch: Int
  /// Precision of the floating-point tensors.
  public var precision: Precision
  /// What the run covers.
  public var mode: MeasurementMode
  /// The optimizer of backward and training runs.
  public var optimizer: Optimizer
  /// The hardware label.
  public var hardware: String
  /// Measured energy in joules (positive).
  public var energy: Double
  /// Measured run time in seconds, when known.
  public var time: Double?
  /// Batches in the measured run.
  public var steps: Double
  /// Idle power in watts, when given (kept, not used by the fit).
  public var idlePower: Double?
  /// A GPU's power cap in watts, when given (kept, not used by the fit).
  public var powerLimit: Double?
  /// The 1-based line of the row in its file, for messages.
  public var line: Int

  /// Creates a measurement.
  public init(
    model: String, batch: Int, precision: Precision, mode: MeasurementMode, optimizer: Optimizer = .sgd, hardware: String,
    energy: Double, time: Double? = nil, steps: Double = 1, idlePower: Double? = nil, powerLimit: Double? = nil, line: Int = 0
  ) {
    self.model = model
    self.batch = batch
    self.precision = precision
    self.mode = mode
    self.optimizer = optimizer
    self.hardware = hardware
    self.energy = energy
    self.time = time
    self.steps = steps
    self.idlePower = idlePower
    self.powerLimit = powerLimit
    self.line = line
  }

  /// The key under which a run's count is cached: rows that share it count once.
  public var countKey: String {
    "\(model)\u{1F}\(batch)\u{1F}\(precision.rawValue)\u{1F}\(mode.rawValue)\u{1F}\(mode == .forward ? "" : optimizer.rawValue)"
  }
}
