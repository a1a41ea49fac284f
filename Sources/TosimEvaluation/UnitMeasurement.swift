//===--- UnitMeasurement.swift ---------------------------------------------===//
// What the batch driver (UnitMeasurement+Simulation) returns for one unit:
// transistor count, cells and depth, switched transistor gates per operation
// (mean and standard deviation, zero-delay; mean with glitches, unit-delay)
// and the verification outcome. `tosim derive` turns it into cost-table
// rows, `tosim explore` into comparison rows.
//===----------------------------------------------------------------------===//

/// The measured cost and the verification outcome of one unit.
public struct UnitMeasurement: Sendable {
  /// Transistors in the unit.
  public var transistorCount = 0
  /// Cell instances in the unit.
  public var cellCount = 0
  /// Cells on the critical path.
  public var depth = 0
  /// Vectors simulated.
  public var vectorCount = 0
  /// Mean switched transistor gates per operation, zero-delay.
  public var meanSwitchedGates = 0.0
  /// Population standard deviation of the switched transistor gates per
  /// operation; 0 unless per-vector counts were recorded.
  public var switchedGatesStandardDeviation = 0.0
  /// Mean switched transistor gates per operation, unit-delay (glitches
  /// included); 0 unless glitches were counted.
  public var meanUnitDelaySwitchedGates = 0.0
  /// Switched transistor gates of every transition (vector k−1 to k, for
  /// k = 1…vectors−1), zero-delay; empty unless kept (`keepsPerVector`).
  public var perVectorSwitchedGates: [Int] = []
  /// The same with unit delays (glitches included); empty unless kept.
  public var perVectorUnitDelaySwitchedGates: [Int] = []
  /// Mean switched transistor gates per operation under inertial delays
  /// (set by `tosim derive` from TosimCost's TimedSwitching); nil otherwise.
  public var meanInertialSwitchedGates: Double?
  /// Vectors whose outputs differ from the reference.
  public var mismatchCount = 0
  /// The first few mismatches, in stream order.
  public var mismatches: [Mismatch] = []

  /// Creates an empty measurement.
  public init() {}

  /// The first mismatch described, or nil when every vector matched.
  public var firstMismatch: String? { mismatches.first?.description }
}
