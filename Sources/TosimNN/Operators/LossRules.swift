//===--- LossRules.swift ---------------------------------------------------===//
// Rules of the training losses, tosim-domain operators (domain `tosim`, so no
// ONNX file's node is taken for one) that the layer spec (`mse`,
// `crossentropy`), JSON specs and `tosim count --loss` append after the
// network's output. Both reduce to the batch mean, a scalar. Per-operator
// counts are tabled in docs/network-counter.md, §Losses.
//
// - MSELoss(prediction, target), E elements: diff (E sub), square (E mul),
//   sum (E − 1 add), mean (1 div); backward dx = (2 / E) diff (E mul).
// - CrossEntropyLoss(logits [N, C], labels [N]) with `fused` = 1 (softmax
//   inside, PyTorch's nn.CrossEntropyLoss): per row max (C − 1 compare),
//   x − max (C sub), exp (C), Σ (C − 1 add), log (1), − x_target (1 sub); mean
//   (N − 1 add, 1 div). Backward (softmax − one-hot) / N: C div, 1 sub, C mul per row.
// - CrossEntropyLoss with `fused` = 0 (probabilities from a Softmax layer, the
//   NLL of their log): log of the N target entries, mean (N − 1 add, 1 div);
//   backward −1 / (N p_target): N div.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// The domain of tosim's own operators (losses, adaptive pooling), which ONNX files do not use.
  public static let tosimDomain = "tosim"

  /// The losses.
  public static let lossRules: [OperatorRule] = [
    OperatorRule("MSELoss", shape: { c in
      let x = try c.input(0), target = try c.input(1)
      guard x.shape == target.shape else { throw c.error("inconsistent shapes: prediction \(x.shape), target \(target.shape)") }
      return [ResolvedTensor(element: x.element, shape: [])]
    }, forward: { c, _ in
      let e = try c.input(0).elementCount()
      return try .arithmetic(try OpCounts([(.sub, e), (.mul, e), (.add, max(e - 1, 0)), (.div, 1)]))
    }, backward: { c, _, _ in
      try .arithmetic(try OpCounts([(.mul, try c.input(0).elementCount())]))
    }),
    OperatorRule("CrossEntropyLoss", shape: { c in
      let x = try c.input(0), labels = try c.input(1)
      guard x.shape.count == 2 else { throw c.error("cross-entropy needs [N, C] scores, got \(x.shape)") }
      guard labels.shape == [x.shape[0]] else { throw c.error("inconsistent shapes: scores \(x.shape), labels \(labels.shape) (expected [\(x.shape[0])])") }
      return [ResolvedTensor(element: x.element, shape: [])]
    }, forward: { c, _ in
      let shape = try c.input(0).shape
      let (n, classes) = (shape[0], shape[1])
      let e = try Checked.multiply(n, classes)
      var ops = try OpCounts([(.add, max(n - 1, 0)), (.div, 1)])
      if try c.int("fused", default: 1) != 0 {
        let perRow = try Checked.multiply(n, max(classes - 1, 0))
        try ops.add(OpCounts([(.compare, perRow), (.sub, try Checked.add(e, n)), (.exp, e), (.add, perRow), (.log, n)]))
      } else {
        try ops.add(.log, n)
      }
      return try .arithmetic(ops)
    }, backward: { c, _, _ in
      let shape = try c.input(0).shape
      let e = try Checked.multiply(shape[0], shape[1])
      if try c.int("fused", default: 1) != 0 { return try .arithmetic(try OpCounts([(.div, e), (.sub, shape[0]), (.mul, e)])) }
      return try .arithmetic(try OpCounts([(.div, shape[0])]))
    }),
  ]
}
