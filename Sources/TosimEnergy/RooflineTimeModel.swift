//===--- RooflineTimeModel.swift -------------------------------------------===//
// The modelled run time t̂ of the energy model's static-power term: per kernel
// max(FLOPs / compute rate, bytes / bandwidth) plus a launch cost per call
// and a fixed host time per step, with multiply-accumulates narrower than 32
// bits (tensor-core work) at their own rate (Williams, Waterman & Patterson, "Roofline",
// CACM 2009). Rates are fitted
// per hardware by `tosim fit` or taken from a profile by `tosim estimate`.
//===----------------------------------------------------------------------===//

/// A roofline model of kernel run time.
public struct RooflineTimeModel: Equatable, Sendable {
  /// Arithmetic throughput, in ops per second.
  public var computeRate: Double
  /// Memory throughput, in bytes per second.
  public var bandwidth: Double
  /// Fixed time per kernel call, in seconds.
  public var launchTime: Double
  /// Fixed time per step (batch): the host's loop, data loading and synchronisation, in seconds.
  public var stepTime: Double
  /// How many times faster than `computeRate` multiply-accumulates narrower than 32 bits run (fp16,
  /// bf16, fp8 and int8 products on matrix units); 1 = at the same rate.
  public var reducedPrecisionSpeedup: Double

  /// Creates a roofline.
  public init(computeRate: Double, bandwidth: Double, launchTime: Double = 0, stepTime: Double = 0, reducedPrecisionSpeedup: Double = 1) {
    self.computeRate = computeRate
    self.bandwidth = bandwidth
    self.launchTime = launchTime
    self.stepTime = stepTime
    self.reducedPrecisionSpeedup = reducedPrecisionSpeedup
  }

  /// Compute work in ops at `computeRate` of a kernel of `flops` FLOPs, `reducedPrecisionMACFLOPs` of
  /// them multiply-accumulates below 32 bits that count 1 / `speedup` each.
  public static func computeWork(flops: Double, reducedPrecisionMACFLOPs: Double, speedup: Double) -> Double {
    flops - reducedPrecisionMACFLOPs * (1 - 1 / speedup)
  }

  /// The machine balance: ops per byte at which a kernel stops being memory bound.
  public var balance: Double { computeRate / bandwidth }

  /// The throughput-bound time of one kernel (without launch cost), in seconds.
  public func boundTime(_ kernel: KernelFeatures) -> Double {
    let work = Self.computeWork(
      flops: kernel.flops.total, reducedPrecisionMACFLOPs: kernel.reducedPrecisionMACFLOPs, speedup: reducedPrecisionSpeedup)
    return max(work / computeRate, kernel.bytes / bandwidth)
  }

  /// The throughput-bound time of a run (Σ over kernels and steps), in seconds.
  public func boundTime(_ features: EnergyFeatures) -> Double {
    features.kernels.reduce(0) { $0 + boundTime($1) } * features.steps
  }

  /// The modelled time of a run including launch and per-step costs, in seconds.
  public func time(_ features: EnergyFeatures) -> Double {
    boundTime(features) + launchTime * features.total.calls + stepTime * features.steps
  }
}
