//===--- LayerLowering+Losses.swift ----------------------------------------===//
// The loss layers of the layer spec: `mse` and `crossentropy(fused)`, which
// add the target input and the loss node (LossRules.swift) after the network's
// output; a loss must be the last layer (docs/network-counter.md, §Losses).
//===----------------------------------------------------------------------===//
import TosimFormats

extension LayerLowering.Builder {
  /// `mse` / `crossentropy(fused = true)`: the target input and the loss node.
  mutating func lowerLoss(_ a: Arguments, _ name: String, _ loss: Loss) throws {
    let fused = try a.bool("fused", default: true)
    let kind = loss == .mse || fused ? loss : .crossEntropyUnfused
    var dims = shape.map { Dimension.value($0) }
    if !dims.isEmpty { dims[batchAxis] = .symbol("N") }
    if kind != .mse, batchAxis != 0 || shape.count != 2 {
      throw InputError("cross-entropy needs [N, C] class scores, receives \(shapeText)")
    }
    let target = try Graph.lossTarget(kind, prediction: TensorType(element: element, dimensions: dims))
    let targetShape = kind == .mse ? shape : [shape[0]]
    tensors[Graph.lossTargetName] = ResolvedTensor(element: target.element, shape: targetShape)
    graph.inputs.append(ValueInfo(name: Graph.lossTargetName, type: target))
    try node(name, kind.opType, [current, Graph.lossTargetName], kind.attributes, domain: OperatorRule.tosimDomain)
    hasLoss = true
  }
}
