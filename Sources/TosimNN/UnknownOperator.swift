//===--- UnknownOperator.swift ---------------------------------------------===//
// The output shapes of a node whose operator tosim does not know, used by
// shape inference under `tosim count --allow-unknown`: each output takes the
// shape the file declares for it (value_info or graph output, symbols set to
// the batch size), or, for a node with one output and no declaration, the
// shape of its first input (the elementwise/identity assumption, stated in
// the report). Anything else is an InputError naming the node, so the walk
// never silently stops.
//===----------------------------------------------------------------------===//
import TosimFormats

/// Output shapes of unknown operators.
enum UnknownOperator {
  /// The resolved outputs of the unknown-operator node `c`, with a sentence saying where they came from.
  static func outputs(
    _ c: NodeContext, declared: [String: TensorType], batchSize: Int, what: String
  ) throws -> (outputs: [ResolvedTensor], how: String) {
    var outputs: [ResolvedTensor] = []
    var undeclared: [String] = []
    for name in c.node.outputs {
      guard !name.isEmpty, let type = declared[name], let dimensions = type.dimensions else {
        undeclared.append(name)
        outputs.append(ResolvedTensor(element: .float, shape: []))
        continue
      }
      let shape = try dimensions.map { dimension -> Int in
        switch dimension {
        case .value(let v):
          guard v >= 0 else { throw c.error("value_info of output '\(name)' has a negative dimension \(v)") }
          return v
        case .symbol, .unknown: return batchSize
        }
      }
      outputs.append(ResolvedTensor(element: type.element, shape: shape))
      _ = try c.labelling { try outputs[outputs.count - 1].elementCount() }
    }
    let named = undeclared.filter { !$0.isEmpty }
    if named.isEmpty { return (outputs, "output shapes from the file's value_info") }
    guard c.node.outputs.count == 1, let first = c.optionalInput(0) else {
      throw c.error(
        "unknown operator \(what): no shape for output '\(named[0])' (no value_info, and the identity assumption needs one input and one output)")
    }
    return ([ResolvedTensor(element: first.element, shape: first.shape)],
      "output shape \(first.shape) assumed equal to input 0 (elementwise/identity assumption, no value_info)")
  }
}
