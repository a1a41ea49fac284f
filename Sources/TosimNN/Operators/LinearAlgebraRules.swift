//===--- LinearAlgebraRules.swift ------------------------------------------===//
// Rules of the multiply-accumulate operators: Gemm, MatMul, Conv and
// ConvTranspose. Forward: E × K MACs (K the reduction length) plus bias adds;
// backward: dX and dW, each as many MACs as the forward product, plus the bias
// gradient (docs/network-counter.md, §Counting rules and §Training).
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// Matrix products and convolutions.
  public static let linearAlgebraRules: [OperatorRule] = [
    OperatorRule("Gemm", shape: { c in [try gemmShape(c)] }, forward: { c, e in
      let a = try c.input(0).shape
      let reduction = try c.int("transA", default: 0) != 0 ? a[0] : a[1]
      var extra = OpCounts()  // alpha and beta scaling
      if try c.float("alpha", default: 1) != 1 { try extra.add(.mul, e) }
      if c.optionalInput(2) != nil, try c.float("beta", default: 1) != 1 { try extra.add(.mul, e) }
      return try product(e: e, reduction: reduction, hasBias: c.optionalInput(2) != nil, extra: extra)
    }, backward: productGradients(biasInput: 2)).withWeightGradient(productGradients(biasInput: 2, inputGradient: false)),
    OperatorRule("MatMul", shape: { c in
      [ResolvedTensor(element: try c.input(0).element, shape: try matMulShape(try c.input(0).shape, try c.input(1).shape, c).shape)]
    }, forward: { c, e in
      let reduction = try matMulShape(try c.input(0).shape, try c.input(1).shape, c).reduction
      return try product(e: e, reduction: reduction, hasBias: false)
    }, backward: productGradients(biasInput: nil)).withWeightGradient(productGradients(biasInput: nil, inputGradient: false)),
    OperatorRule("Conv", shape: { c in
      [ResolvedTensor(element: try c.input(0).element, shape: try WindowGeometry(c, hasWeight: true).output)]
    }, forward: { c, e in
      let reduction = try Checked.product(Array(try c.input(1).shape.dropFirst()))
      return try product(e: e, reduction: reduction, hasBias: c.optionalInput(2) != nil)
    }, backward: productGradients(biasInput: 2)).withWeightGradient(productGradients(biasInput: 2, inputGradient: false))
      .withIm2col { c in
        // One column of C_in / group × kernel per output position and group: (E / C_out) × C_in × kernel.
        let w = try c.input(1).shape, e = try c.outputElementCount()
        return try Checked.multiply(e / max(w[0], 1), try Checked.multiply(try c.input(0).shape[1], try Checked.product(Array(w.dropFirst(2)))))
      },
    OperatorRule("ConvTranspose", shape: { c in
      [ResolvedTensor(element: try c.input(0).element, shape: try WindowGeometry(c, hasWeight: true, transposed: true).output)]
    }, forward: { c, e in
      // Every input element is multiplied by a (C_out / group) × kernel slice and scattered into the output.
      let macs = try Checked.multiply(try c.input(0).elementCount(), try Checked.product(Array(try c.input(1).shape.dropFirst())))
      let biasAdds = c.optionalInput(2) != nil ? e : 0
      return try .products(ops: try OpCounts([(.mul, macs), (.add, try Checked.add(macs, biasAdds))]), macs: macs, biasAdds: biasAdds)
    }, backward: productGradients(biasInput: 2)).withWeightGradient(productGradients(biasInput: 2, inputGradient: false)),
  ]

  /// E outputs each reducing `reduction` products, plus one bias add per output when `hasBias`.
  static func product(e: Int, reduction: Int, hasBias: Bool, extra: OpCounts = OpCounts()) throws -> PassCount {
    let macs = try Checked.multiply(e, reduction)
    let biasAdds = hasBias ? e : 0
    let adds = try Checked.add(try Checked.multiply(e, max(reduction - 1, 0)), biasAdds)
    return try .products(ops: try OpCounts([(.mul, macs), (.add, adds)]), macs: macs, biasAdds: biasAdds, extra: extra)
  }

  /// dX = dY · Wᵀ and dW = Xᵀ · dY, each as many MACs as the forward product; when the bias
  /// (input `biasInput`, `nil` for operators without one) is given, its gradient sums dY.
  /// Without `inputGradient` (the data input needs no gradient) only dW and the bias gradient.
  static func productGradients(biasInput: Int?, inputGradient: Bool = true) -> BackwardRule {
    { c, e, forward in
      let macs = try Checked.multiply(inputGradient ? 2 : 1, forward.macCount, "MAC count")
      let biasAdds = biasInput.flatMap { c.optionalInput($0) } != nil ? e : 0
      return try .products(ops: try OpCounts([(.mul, macs), (.add, try Checked.add(macs, biasAdds))]), macs: macs, biasAdds: biasAdds)
    }
  }

  /// Gemm's output: op(A) [M, K] × op(B) [K, N] → [M, N], with C broadcast to it.
  static func gemmShape(_ c: NodeContext) throws -> ResolvedTensor {
    let a = try c.input(0), b = try c.input(1)
    guard a.shape.count == 2, b.shape.count == 2 else { throw c.error("Gemm needs 2-D A and B, got \(a.shape) and \(b.shape)") }
    let (m, k) = try c.int("transA", default: 0) != 0 ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (k2, n) = try c.int("transB", default: 0) != 0 ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    guard k == k2 else { throw c.error("inconsistent shapes: A is \(a.shape), B is \(b.shape) (reduction \(k) vs \(k2))") }
    if let bias = c.optionalInput(2) { _ = try broadcast([m, n], bias.shape, c) }
    return ResolvedTensor(element: a.element, shape: [m, n])
  }

  /// The output shape of a numpy-style matrix product and its reduction length.
  static func matMulShape(_ a: [Int], _ b: [Int], _ c: NodeContext) throws -> (shape: [Int], reduction: Int) {
    guard !a.isEmpty, !b.isEmpty else { throw c.error("MatMul inputs must have rank 1 or more, got \(a) and \(b)") }
    let a2 = a.count == 1 ? [1] + a : a
    let b2 = b.count == 1 ? b + [1] : b
    let k = a2[a2.count - 1]
    guard k == b2[b2.count - 2] else { throw c.error("inconsistent shapes: \(a) × \(b) (reduction \(k) vs \(b2[b2.count - 2]))") }
    let batch = try broadcast(Array(a2.dropLast(2)), Array(b2.dropLast(2)), c)
    var shape = batch + [a2[a2.count - 2], b2[b2.count - 1]]
    if b.count == 1 { shape.removeLast() }
    if a.count == 1 { shape.remove(at: shape.count - (b.count == 1 ? 1 : 2)) }
    return (shape, k)
  }
}
