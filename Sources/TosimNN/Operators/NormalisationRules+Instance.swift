//===--- NormalisationRules+Instance.swift ---------------------------------===//
// The rule of InstanceNormalization: per sample and channel, the spatial
// axes are normalised together (a LayerNormalization over [H, W, …] with one
// scale and bias per channel), counted as docs/network-counter.md describes
// for LayerNormalization. Reached through OperatorRule+Registry from
// `tosim count`.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// InstanceNormalization.
  public static let instanceNormalisationRules: [OperatorRule] = [
    OperatorRule("InstanceNormalization", shape: { c in
      let x = try c.input(0, minimumRank: 3)
      for i in [1, 2] {
        let p = try c.input(i)
        guard p.shape == [x.shape[1]] else { throw c.error("input \(i) has shape \(p.shape), expected [\(x.shape[1])] (one per channel)") }
      }
      let epsilon = try c.float("epsilon", default: 1e-5)
      guard epsilon >= 0, epsilon.isFinite else { throw c.error("attribute 'epsilon' is \(epsilon), expected a finite number ≥ 0") }
      return [ResolvedTensor(element: x.element, shape: x.shape)]
    }, forward: { c, e in
      let groups = try instanceCount(c)
      let d = groups == 0 ? 0 : e / groups
      // Per instance of D: mean (D−1 adds, 1 div), centre (D subs), variance (D muls, D−1 adds, 1 div),
      // + eps (1 add), rsqrt; per element: normalise, scale (2 muls), bias (1 add).
      var ops = OpCounts()
      try ops.add(.add, try Checked.multiply(groups, try Checked.add(try Checked.multiply(2, max(d - 1, 0)), 1)))
      try ops.add(.div, try Checked.multiply(groups, 2))
      try ops.add(.rsqrt, groups)
      try ops.add(.sub, e)
      try ops.add(.mul, try Checked.multiply(e, 3))
      try ops.add(.add, e)
      return try .arithmetic(ops)
    }, backward: { c, e, _ in try normalisationGradients(e, groups: try instanceCount(c)) }),
  ]

  /// N × C, the number of instances normalised separately.
  static func instanceCount(_ c: NodeContext) throws -> Int {
    let x = try c.input(0, minimumRank: 3)
    return try Checked.multiply(x.shape[0], x.shape[1], "instance count")
  }
}
