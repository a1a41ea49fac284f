//===--- ForwardCounter.swift ----------------------------------------------===//
// The forward count of one resolved node: parameters (the initializers it
// reads), bytes moved as its operator's data-movement class says, and the
// arithmetic of its OperatorRule (Operators/*Rules.swift). The rules and every
// convention (and how they differ from onnx-tool and ptflops) are written out
// in docs/network-counter.md, §Counting rules. Reached from NetworkCounter.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

/// Forward-pass counting of one node.
public enum ForwardCounter {
  /// The precision a node's arithmetic is counted at: that of its first
  /// floating-point output, else its first output with a precision.
  public static func precision(of c: NodeContext) -> Precision? {
    let candidates = c.outputs + c.inputs.compactMap { $0 }
    return candidates.first { $0.element.isFloatingPoint }?.element.precision
      ?? candidates.first { $0.element.precision != nil }?.element.precision
  }

  /// The rule of a resolved node's operator.
  static func rule(of c: NodeContext) throws -> OperatorRule {
    guard let rule = OperatorRule.rule(for: c.node.opType, domain: c.node.domain) else { throw c.error("no counting rule") }
    return rule
  }

  /// Counts one resolved node at inference, without im2col.
  ///
  /// - Throws: `InputError` naming the node when a count overflows 64 bits.
  public static func count(_ c: NodeContext) throws -> LayerCount {
    try count(c, training: false, im2col: false)
  }

  /// Counts one resolved node, in training mode (BatchNorm's batch statistics) when `training`, with the
  /// column matrix of an im2col convolution written and read when `im2col`.
  ///
  /// - Throws: `InputError` naming the node when a count overflows 64 bits.
  public static func count(_ c: NodeContext, training: Bool, im2col: Bool) throws -> LayerCount {
    var counted = Set<String>()
    return try count(c, training: training, im2col: im2col, countedParameters: &counted)
  }

  /// Counts one resolved node as `count(_:training:im2col:)` does; a parameter named in
  /// `countedParameters` (read by an earlier node: a shared or sliced weight) is not counted again,
  /// and the node's own parameters are added to it.
  public static func count(_ c: NodeContext, training: Bool, im2col: Bool, countedParameters: inout Set<String>) throws
    -> LayerCount
  {
    var layer = LayerCount(
      name: c.node.name.isEmpty ? "#\(c.index)" : c.node.name, opType: c.node.opType, precision: precision(of: c),
      outputShape: c.outputs.first?.shape ?? [])
    layer.inputShape = c.inputs.first??.shape ?? []
    return try c.labelling {
      let rule = try rule(of: c)
      try countParameters(c, rule, into: &layer, counted: &countedParameters)
      if rule.movement == .view { return layer }
      try countBytes(c, rule, into: &layer.forward)
      // Extra kernel passes re-read the first input; an im2col column matrix is written, then read by the product.
      let passes = training ? rule.passes.forwardTraining : rule.passes.forwardInference
      var extra = 0
      if passes > 0, let x = c.optionalInput(0) { extra = try Checked.multiply(passes, try x.byteCount(), "byte count") }
      if im2col, let columns = try columnBytes(c, rule) {
        extra = try Checked.add(extra, columns, "byte count")
        layer.forward.bytesWritten = try Checked.add(layer.forward.bytesWritten, columns, "byte count")
        layer.forward.activationBytes = try Checked.add(layer.forward.activationBytes, columns, "byte count")
      }
      layer.forward.bytesRead = try Checked.add(layer.forward.bytesRead, extra, "byte count")
      layer.forward.activationBytes = try Checked.add(layer.forward.activationBytes, extra, "byte count")
      // A recurrent layer re-reads its recurrent weight at every time step.
      if let sequence = try rule.sequence?(c) {
        layer.sequentialSteps = sequence.steps
        layer.forward.bytesRead = try Checked.add(layer.forward.bytesRead, sequence.rereadBytes, "byte count")
        layer.forward.weightBytes = try Checked.add(layer.forward.weightBytes, sequence.rereadBytes, "byte count")
      }
      let arithmetic = training ? try rule.trainingForward(c) : try rule.forward(c)
      layer.forward.ops = arithmetic.ops
      layer.forward.macCount = arithmetic.macCount
      layer.forward.flopCount = arithmetic.flopCount
      return layer
    }
  }

  /// Whether input `i` of `c` is a parameter: a floating-point initializer, or
  /// an integer one that a compute operator takes as an operand (quantized
  /// weights, layer specs counted at an integer precision). Small int64
  /// constants whose values are known are shape arithmetic, not weights.
  static func isParameter(_ c: NodeContext, _ rule: OperatorRule, input i: Int, _ tensor: ResolvedTensor) -> Bool {
    guard c.isInitializer[safe: i] == true, let precision = tensor.element.precision, !rule.metadataInputs.contains(i) else { return false }
    if !precision.isInteger { return true }
    guard rule.movement == .compute else { return false }
    return tensor.element != .int64 || tensor.integerValues == nil
  }

  static func countParameters(
    _ c: NodeContext, _ rule: OperatorRule, into layer: inout LayerCount, counted: inout Set<String>
  ) throws {
    for (i, tensor) in c.inputs.enumerated() {
      guard let tensor, isParameter(c, rule, input: i, tensor) else { continue }
      // A weight read by several nodes (shared, or sliced into gates by an exporter) is one set of parameters.
      guard counted.insert(i < c.node.inputs.count ? c.node.inputs[i] : "#\(c.index).\(i)").inserted else { continue }
      let n = try tensor.elementCount()
      layer.parameterCount = try Checked.add(layer.parameterCount, n, "parameter count")
      if !rule.untrainedInputs.contains(i) {
        layer.trainableParameterCount = try Checked.add(layer.trainableParameterCount, n, "parameter count")
        layer.trainableTensorCount += 1
      }
    }
  }

  /// The bytes of the column matrix an im2col kernel materialises for `c`, or `nil` when its operator has none.
  static func columnBytes(_ c: NodeContext, _ rule: OperatorRule) throws -> Int? {
    guard let elements = rule.im2colElements, let x = c.optionalInput(0) else { return nil }
    return try ResolvedTensor(element: x.element, shape: [try elements(c)]).byteCount()
  }

  /// Inputs read and outputs written; parameter inputs are weight bytes, the rest activation bytes.
  static func countBytes(_ c: NodeContext, _ rule: OperatorRule, into pass: inout PassCount) throws {
    for (i, tensor) in c.inputs.enumerated() {
      guard let tensor else { continue }
      let bytes = try tensor.byteCount()
      pass.bytesRead = try Checked.add(pass.bytesRead, bytes, "byte count")
      if isParameter(c, rule, input: i, tensor) {
        pass.weightBytes = try Checked.add(pass.weightBytes, bytes, "byte count")
      } else {
        pass.activationBytes = try Checked.add(pass.activationBytes, bytes, "byte count")
      }
    }
    for (name, tensor) in zip(c.node.outputs, c.outputs) where !name.isEmpty {
      let bytes = try tensor.byteCount()
      pass.bytesWritten = try Checked.add(pass.bytesWritten, bytes, "byte count")
      pass.activationBytes = try Checked.add(pass.activationBytes, bytes, "byte count")
    }
  }
}
