//===--- EnergyFeatures.swift ----------------------------------------------===//
// The physical features the energy model is fitted on, per kernel (one layer's
// pass, or the optimizer update) and for a whole measured run: TOs (static,
// dynamic, glitch) and FLOPs per arithmetic class, MACs, bytes moved, kernel
// calls. Built from a counted network by EnergyFeatures+NetworkCount.swift;
// consumed by `tosim fit` and `tosim estimate`.
//===----------------------------------------------------------------------===//

/// The features of one kernel for one step.
public struct KernelFeatures: Equatable, Sendable {
  /// The layer's name (or `optimizer`).
  public var name: String
  /// The operator (`Gemm`, `Conv`, `update`, …).
  public var opType: String
  /// Σ count × to_static per class.
  public var staticTOs = PerClass()
  /// Σ count × to_dynamic per class.
  public var dynamicTOs = PerClass()
  /// Σ count × to_glitch per class.
  public var glitchTOs = PerClass()
  /// Σ count × to_inertial per class (0 where the table has no inertial column).
  public var inertialTOs = PerClass()
  /// Ops per class, each op counted once (a MAC is two).
  public var flops = PerClass()
  /// Multiply-accumulates.
  public var macs: Double = 0
  /// The multiply-accumulate class's FLOPs at a precision narrower than 32 bits, which matrix units
  /// (tensor cores) execute at their own rate (`RooflineTimeModel.reducedPrecisionSpeedup`).
  public var reducedPrecisionMACFLOPs: Double = 0
  /// Bytes read plus bytes written.
  public var bytes: Double = 0
  /// Kernel launches (library calls) this pass makes.
  public var calls: Double = 0
  /// Multiply-accumulates by the extent of the tensor axis a vectorised kernel runs its SIMD lanes
  /// along (output channels or features; the input's for the data gradient). Sums to `macs` where known.
  public var macsByLaneExtent: [Int: Double] = [:]

  /// Creates empty features for a kernel.
  public init(name: String, opType: String) {
    self.name = name
    self.opType = opType
  }

  /// Every quantity of `other` added into this one.
  public mutating func add(_ other: KernelFeatures) {
    addCounts(other)
    macsByLaneExtent.merge(other.macsByLaneExtent, uniquingKeysWith: +)
  }

  /// Every count of `other` added into this one, without the MACs by lane extent.
  mutating func addCounts(_ other: KernelFeatures) {
    staticTOs = staticTOs + other.staticTOs
    dynamicTOs = dynamicTOs + other.dynamicTOs
    glitchTOs = glitchTOs + other.glitchTOs
    inertialTOs = inertialTOs + other.inertialTOs
    flops = flops + other.flops
    macs += other.macs
    reducedPrecisionMACFLOPs += other.reducedPrecisionMACFLOPs
    bytes += other.bytes
    calls += other.calls
  }

  /// Every quantity multiplied by `factor`.
  public func scaled(by factor: Double) -> KernelFeatures {
    var result = self
    result.staticTOs = staticTOs.scaled(by: factor)
    result.dynamicTOs = dynamicTOs.scaled(by: factor)
    result.glitchTOs = glitchTOs.scaled(by: factor)
    result.inertialTOs = inertialTOs.scaled(by: factor)
    result.flops = flops.scaled(by: factor)
    result.macs *= factor
    result.reducedPrecisionMACFLOPs *= factor
    result.bytes *= factor
    result.calls *= factor
    result.macsByLaneExtent = macsByLaneExtent.mapValues { $0 * factor }
    return result
  }
}

/// The features of one measured run: the kernels of one step and the number of steps.
public struct EnergyFeatures: Equatable, Sendable {
  /// The kernels of one step, in graph order (optimizer update last).
  public var kernels: [KernelFeatures]
  /// Steps (batches) in the measured run.
  public var steps: Double

  /// Creates features from kernels and a step count.
  public init(kernels: [KernelFeatures], steps: Double = 1) {
    self.kernels = kernels
    self.steps = steps
  }

  /// The sum over kernels and steps.
  public var total: KernelFeatures {
    var sum = KernelFeatures(name: "total", opType: "")
    for kernel in kernels { sum.add(kernel) }
    return sum.scaled(by: steps)
  }

  /// Whether the run has switched gates but no inertial-delay ones: its cost tables predate the
  /// `to_inertial` column, so the `to-inertial` predictor cannot be used on it.
  public var lacksInertialTOs: Bool {
    kernels.contains { $0.dynamicTOs.total > 0 } && !kernels.contains { $0.inertialTOs.total > 0 }
  }

  /// The same kernels over `steps` steps.
  public func withSteps(_ steps: Double) -> EnergyFeatures { EnergyFeatures(kernels: kernels, steps: steps) }
}
