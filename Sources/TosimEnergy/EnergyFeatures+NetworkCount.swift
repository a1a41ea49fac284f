//===--- EnergyFeatures+NetworkCount.swift ---------------------------------===//
// The one place that reads TosimNN's counted network for the energy model:
// the op-name → class mapping, the split of matrix-product muls and adds into
// the multiply-accumulate class, TOs per class from the cost tables, bytes,
// the axes the products' vector lanes run along, and kernel calls (views run
// no kernel), and the MAC FLOPs narrower than 32 bits. Every TosimNN-facing line of the
// energy model is in this file. Used by `tosim fit` and `tosim estimate`.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats
import TosimNN

extension ArithmeticClass {
  /// The class of an op the counter emits outside matrix products.
  ///
  /// add, sub, mul → element-wise; compare, max, min → compare/select; every other
  /// op (div, sqrt, rsqrt and the composites exp, log, sigmoid, tanh, gelu, …) → transcendental.
  public static func of(operation: ArithmeticOperation) -> ArithmeticClass {
    switch operation {
    case .add, .sub, .mul: return .elementwise
    case .compare, .max, .min: return .compareSelect
    default: return .transcendental
    }
  }
}

extension EnergyFeatures {
  /// Whether a counted run needs the count's training passes.
  public static func countMode(for mode: MeasurementMode, optimizer: Optimizer) -> CountMode {
    mode == .forward ? .inference : .training(optimizer)
  }

  /// The precisions whose cost tables the features of `count` need (those with counted ops).
  public static func precisionsNeedingTables(_ count: NetworkCount) throws -> [Precision] {
    try count.stepTotalsByPrecision().compactMap { precision, pass in pass.ops.counts.isEmpty ? nil : precision }
  }

  /// The features of one step of `count` for a run covering `mode`.
  ///
  /// - Parameters:
  ///   - tables: the cost table of each precision the count uses.
  /// - Throws: `InputError` when a precision has no table or a table lacks a counted op.
  public init(count: NetworkCount, mode: MeasurementMode, tables: [Precision: CostTable]) throws {
    var kernels: [KernelFeatures] = []
    var trainableTensors: [Precision: Int] = [:]
    for layer in count.layers {
      if layer.trainableParameterCount > 0 { trainableTensors[layer.precision ?? .fp32, default: 0] += max(1, layer.trainableTensorCount) }
      var kernel = KernelFeatures(name: layer.name, opType: layer.opType)
      let isView = OperatorRule.rule(for: layer.opType)?.movement == .view
      let outputLanes = Self.laneExtent(layer.outputShape, opType: layer.opType)
      let inputLanes = Self.laneExtent(layer.inputShape, opType: layer.opType)
      // A recurrent layer launches a product and a gate kernel per sequential step (docs/energy-model.md).
      let stepCalls = 2 * layer.sequentialSteps
      if mode != .backward {
        var forward = try Self.pass(layer.forward, layer.precision, tables, calls: isView ? 0 : Double(1 + stepCalls))
        if forward.macs > 0 { forward.macsByLaneExtent = [outputLanes: forward.macs] }
        kernel.add(forward)
      }
      if mode != .forward {
        let calls = isView ? 0 : (layer.trainableParameterCount > 0 ? 2 : 1) + stepCalls
        var backward = try Self.pass(layer.backward, layer.precision, tables, calls: Double(calls))
        // Half the gradient MACs run their lanes along the input's channel axis (the data gradient, the
        // weight gradient's input-channel blocks), half along the output's (docs/energy-model.md).
        if backward.macs > 0 { backward.macsByLaneExtent = [inputLanes: backward.macs / 2].merging([outputLanes: backward.macs / 2], uniquingKeysWith: +) }
        kernel.add(backward)
      }
      kernels.append(kernel)
    }
    if mode != .forward, case .training(let optimizer) = count.mode {
      for precision in Precision.allCases {
        guard let update = count.optimizerByPrecision[precision] else { continue }
        // One update per trainable tensor, each `kernelsPerTensor` kernels (docs/energy-model.md).
        let calls = Double((trainableTensors[precision] ?? 0) * optimizer.kernelsPerTensor)
        var kernel = KernelFeatures(name: "optimizer", opType: "update")
        try kernel.add(Self.pass(update, precision, tables, calls: calls))
        kernels.append(kernel)
      }
    }
    self.init(kernels: kernels, steps: Double(count.stepCount))
  }

  /// The extent of the axis a vectorised product writing a tensor of `shape` runs its lanes along:
  /// the channel axis (1) of a convolution's N×C×… tensor, the last axis otherwise; 0 when unknown.
  static func laneExtent(_ shape: [Int], opType: String) -> Int {
    if opType.contains("Conv"), shape.count >= 3 { return max(0, shape[1]) }
    return max(0, shape.last ?? 0)
  }

  /// The features of one pass: MAC muls and adds in the MAC class, other ops by `ArithmeticClass.of`.
  static func pass(_ pass: PassCount, _ precision: Precision?, _ tables: [Precision: CostTable], calls: Double) throws
    -> KernelFeatures
  {
    var kernel = KernelFeatures(name: "", opType: "")
    kernel.macs = Double(pass.macCount)
    kernel.bytes = Double(pass.bytesRead) + Double(pass.bytesWritten)
    kernel.calls = (pass.ops.counts.isEmpty && pass.bytesRead == 0 && pass.bytesWritten == 0) ? 0 : calls
    let table: CostTable?
    if let precision, !pass.ops.counts.isEmpty {
      guard let found = tables[precision] else {
        throw InputError("no cost table for \(precision.rawValue): run `tosim derive --\(precision.rawValue)` or pass --table FILE")
      }
      table = found
    } else {
      table = nil
    }
    var macLeft: [ArithmeticOperation: Int] = [.mul: pass.macCount, .add: pass.macCount]
    for (op, total) in pass.ops.ordered {
      let inMAC = min(total, macLeft[op] ?? 0)
      macLeft[op] = (macLeft[op] ?? 0) - inMAC
      for (arithmeticClass, n) in [(ArithmeticClass.multiplyAccumulate, inMAC), (ArithmeticClass.of(operation: op), total - inMAC)]
      where n > 0 {
        let count = Double(n)
        kernel.flops[arithmeticClass] += count
        guard let table else { continue }
        guard let row = table.row(op) else {
          throw InputError("cost table for \(table.precision.rawValue) has no row for op '\(op.rawValue)'")
        }
        kernel.staticTOs[arithmeticClass] += count * Double(row.staticTOs)
        kernel.dynamicTOs[arithmeticClass] += count * row.dynamicTOs
        kernel.glitchTOs[arithmeticClass] += count * row.glitchTOs
        kernel.inertialTOs[arithmeticClass] += count * (row.inertialTOs ?? 0)
      }
    }
    if let precision, precision.bitWidth < 32 { kernel.reducedPrecisionMACFLOPs = kernel.flops[.multiplyAccumulate] }
    return kernel
  }
}
