//===--- Graph+Loss.swift --------------------------------------------------===//
// Appends a training loss to a graph (`tosim count --loss L`): a target input
// (the prediction's type for mse, int64 labels [N] for cross-entropy) and the
// loss node of domain `tosim` on the graph's first output, which becomes the
// scalar loss. The layer spec's `mse` / `crossentropy` layers build the same
// node (LayerLowering+Losses.swift).
//===----------------------------------------------------------------------===//
import TosimFormats

extension Graph {
  /// The name of the target input a loss reads.
  public static let lossTargetName = "tosim.loss.target"

  /// The type of the target `loss` reads for a prediction of type `prediction`.
  ///
  /// - Throws: `InputError` when cross-entropy's prediction is not [N, C].
  public static func lossTarget(_ loss: Loss, prediction: TensorType) throws -> TensorType {
    guard loss != .mse else { return prediction }
    guard let dims = prediction.dimensions, dims.count == 2 else {
      throw InputError("cross-entropy needs [N, C] class scores, the output is \(prediction.dimensions.map { "\($0)" } ?? "of unknown shape")")
    }
    return TensorType(element: .int64, dimensions: [dims[0]])
  }

  /// This graph with `loss` applied to its first output.
  ///
  /// - Throws: `InputError` when the graph has no output of known shape, or already ends in a loss.
  public func appendingLoss(_ loss: Loss) throws -> Graph {
    guard let output = outputs.first, let type = output.type, type.dimensions != nil else {
      throw InputError("--loss needs the model's output and its shape, which \(name) does not declare")
    }
    if let last = nodes.last, last.domain == OperatorRule.tosimDomain, OperatorRule.lossRules.contains(where: { $0.opType == last.opType }) {
      throw InputError("the model already ends in a loss (\(last.opType)); drop --loss or the loss layer")
    }
    var graph = self
    graph.inputs.append(ValueInfo(name: Self.lossTargetName, type: try Self.lossTarget(loss, prediction: type)))
    graph.nodes.append(Node(
      name: "loss", opType: loss.opType, domain: OperatorRule.tosimDomain, inputs: [output.name, Self.lossTargetName],
      outputs: ["tosim.loss"], attributes: loss.attributes))
    graph.outputs = [ValueInfo(name: "tosim.loss", type: TensorType(element: type.element, dimensions: []))]
    return graph
  }
}
