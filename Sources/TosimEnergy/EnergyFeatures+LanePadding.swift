//===--- EnergyFeatures+LanePadding.swift ----------------------------------===//
// Lane padding: a vectorised matrix product or convolution runs its SIMD lanes
// along one tensor axis (output channels or features) in vectors of W lanes, so
// an axis of n elements executes ⌈n / W⌉·W lanes and the unused ones switch
// and take time as the used ones do. The energy model scales each kernel's
// multiply-accumulate class (TOs, FLOPs, MACs) by that factor before its
// arithmetic and roofline terms; W = 1 is no padding. `tosim fit` chooses W
// per hardware from a grid; docs/energy-model.md, §Lane padding.
//===----------------------------------------------------------------------===//

extension KernelFeatures {
  /// Executed / useful multiply-accumulates at `laneWidth` lanes per vector (1 when the kernel has no MACs).
  public func lanePaddingFactor(laneWidth: Int) -> Double {
    guard laneWidth > 1, macs > 0 else { return 1 }
    let width = Double(laneWidth)
    var known = 0.0, executed = 0.0
    for (extent, n) in macsByLaneExtent where extent > 0 {
      let e = Double(extent)
      known += n
      executed += n * (e / width).rounded(.up) * width / e
    }
    // MACs whose axis is not known are executed as counted.
    return (executed + max(0, macs - known)) / macs
  }

  /// The kernel with its multiply-accumulate class scaled to the lanes executed at `laneWidth`.
  public func lanePadded(laneWidth: Int) -> KernelFeatures {
    let factor = lanePaddingFactor(laneWidth: laneWidth)
    guard factor != 1 else { return self }
    var result = self
    let mac = ArithmeticClass.multiplyAccumulate
    result.staticTOs[mac] *= factor
    result.dynamicTOs[mac] *= factor
    result.glitchTOs[mac] *= factor
    result.inertialTOs[mac] *= factor
    result.flops[mac] *= factor
    result.macs *= factor
    result.reducedPrecisionMACFLOPs *= factor
    return result
  }
}

extension EnergyFeatures {
  /// The sum over kernels (each lane-padded at `laneWidth`) and steps, without the MACs by lane extent.
  public func lanePaddedTotal(laneWidth: Int) -> KernelFeatures {
    var sum = KernelFeatures(name: "total", opType: "")
    for kernel in kernels { sum.addCounts(laneWidth <= 1 ? kernel : kernel.lanePadded(laneWidth: laneWidth)) }
    return sum.scaled(by: steps)
  }

  /// Every kernel lane-padded at `laneWidth` (the same features when it is 1).
  public func lanePadded(laneWidth: Int) -> EnergyFeatures {
    laneWidth <= 1 ? self : EnergyFeatures(kernels: kernels.map { $0.lanePadded(laneWidth: laneWidth) }, steps: steps)
  }
}
