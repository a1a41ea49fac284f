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

  /// Counts one resolved node.
  ///
  /// - Throws: `InputError` naming the node when a count overflows 64 bits.
  public static func count(_ c: NodeContext) throws -> LayerCount {
    var layer = LayerCount(
      name: c.node.name.isEmpty ? "#\(c.index)" : c.node.name, opType: c.node.opType, precision: precision(of: c),
      outputShape: c.outputs.first?.shape ?? [])
    return try c.labelling {
      let rule = try rule(of: c)
      try countParameters(c, rule, into: &layer)
      if rule.movement == .view { return layer }
      try countBytes(c, into: &layer.forward)
      let arithmetic = try rule.forward(c)
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

  static func countParameters(_ c: NodeContext, _ rule: OperatorRule, into layer: inout LayerCount) throws {
    for (i, tensor) in c.inputs.enumerated() {
      guard let tensor, isParameter(c, rule, input: i, tensor) else { continue }
      let n = try tensor.elementCount()
      layer.parameterCount = try Checked.add(layer.parameterCount, n, "parameter count")
      if !rule.untrainedInputs.contains(i) {
        layer.trainableParameterCount = try Checked.add(layer.trainableParameterCount, n, "parameter count")
      }
    }
  }

  static func countBytes(_ c: NodeContext, into pass: inout PassCount) throws {
    for tensor in c.inputs.compactMap({ $0 }) { pass.bytesRead = try Checked.add(pass.bytesRead, try tensor.byteCount(), "byte count") }
    for (name, tensor) in zip(c.node.outputs, c.outputs) where !name.isEmpty {
      pass.bytesWritten = try Checked.add(pass.bytesWritten, try tensor.byteCount(), "byte count")
    }
  }
}
