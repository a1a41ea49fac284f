//===--- NormalisationRules.swift ------------------------------------------===//
// Rules of BatchNormalization (inference form: y = (x − mean) × s + beta with
// s = gamma × rsqrt(var + eps) once per channel; training form: batch
// statistics, normalise, affine, running-statistics update, and its backward;
// running mean and variance are parameters but not trained) and
// LayerNormalization over the trailing axes from `axis`. Both kernels read
// the input twice when computing statistics (statistics, then normalise) and
// the output gradient twice backward (docs/network-counter.md, §Counting
// rules, §Training and §Memory traffic).
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// Normalisation layers.
  public static let normalisationRules: [OperatorRule] = [
    OperatorRule("BatchNormalization", untrainedInputs: [3, 4], shape: { c in
      let x = try c.input(0, minimumRank: 2)
      for i in 1...4 where c.optionalInput(i) != nil {
        guard try c.input(i).shape == [x.shape[1]] else {
          throw c.error("inconsistent shapes: input \(i) is \(try c.input(i).shape), expected [\(x.shape[1])] for \(x.shape)")
        }
      }
      return try withStatistics(c, x, ResolvedTensor(element: x.element, shape: [x.shape[1]]))
    }, forward: { c, e in
      let channels = try c.input(0).shape[1]
      var ops = try OpCounts([(.sub, e), (.mul, e), (.add, e)])
      try ops.add(try OpCounts([(.add, channels), (.rsqrt, channels), (.mul, channels)]))
      return try .arithmetic(ops)
    }, backward: { c, e, _ in
      try batchNormTrainingGradients(e, channels: try c.input(0).shape[1], inputGradient: true)
    }).withTrainingForward { c, e in
      try batchNormTrainingForward(e, channels: try c.input(0).shape[1])
    }.withWeightGradient { c, e, _ in
      try batchNormTrainingGradients(e, channels: try c.input(0).shape[1], inputGradient: false)
    }.withPasses(KernelPasses(forwardInference: 0, forwardTraining: 1, backward: 1)),
    OperatorRule("LayerNormalization", shape: { c in
      let x = try c.input(0)
      let axis = try c.axis(try c.int("axis", default: -1), rank: x.shape.count)
      let stats = ResolvedTensor(element: x.element, shape: Array(x.shape.prefix(axis)) + Array(repeating: 1, count: x.shape.count - axis))
      return try withStatistics(c, x, stats)
    }, forward: { c, e in
      let d = try layerNormGroupSize(c)
      let groups = d == 0 ? 0 : e / d
      // Per group of D: mean (D−1 adds, 1 div), centre (D subs), variance (D muls, D−1 adds, 1 div),
      // + eps (1 add), rsqrt, normalise (D muls), scale (D muls), bias (D adds).
      var ops = OpCounts()
      try ops.add(.add, try Checked.multiply(groups, try Checked.add(try Checked.multiply(2, max(d - 1, 0)), 1)))
      try ops.add(.div, try Checked.multiply(groups, 2))
      try ops.add(.rsqrt, groups)
      try ops.add(.sub, e)
      try ops.add(.mul, try Checked.multiply(e, c.optionalInput(1) != nil ? 3 : 2))
      if c.optionalInput(2) != nil { try ops.add(.add, e) }
      return try .arithmetic(ops)
    }, backward: { c, e, _ in
      try normalisationGradients(e, groups: e / max(1, try layerNormGroupSize(c)))
    }).withPasses(KernelPasses(forwardInference: 1, backward: 1)),
  ]

  /// BatchNorm in training mode over M = e / C elements per channel: mean (e − C add, C div), centre (e sub),
  /// variance (e mul, e − C add, C div), + eps (C add), rsqrt (C), normalise (e mul), γ (e mul), β (e add), and the
  /// running statistics (1 − m) r + m s, the variance's with the M / (M − 1) correction (5C mul, 2C add).
  static func batchNormTrainingForward(_ e: Int, channels c: Int) throws -> PassCount {
    let e3 = try Checked.multiply(3, e)
    return try .arithmetic(try OpCounts([
      (.add, try Checked.add(e3, c)), (.sub, e), (.mul, try Checked.add(e3, try Checked.multiply(5, c))),
      (.div, try Checked.multiply(2, c)), (.rsqrt, c),
    ]))
  }

  /// BatchNorm's training backward with x̂ and rstd saved: dβ = Σ dy (e − C add), dγ = Σ dy x̂ (e mul, e − C add);
  /// with `inputGradient`, dx = (γ rstd / M)(M dy − dβ − x̂ dγ): C mul and C div per channel, 3 mul and 2 sub per element.
  static func batchNormTrainingGradients(_ e: Int, channels c: Int, inputGradient: Bool) throws -> PassCount {
    var ops = try OpCounts([(.add, try Checked.multiply(2, e - c)), (.mul, e)])
    if inputGradient {
      try ops.add(OpCounts([(.mul, try Checked.add(try Checked.multiply(3, e), c)), (.div, c), (.sub, try Checked.multiply(2, e))]))
    }
    return try .arithmetic(ops)
  }

  /// The normalised output plus one statistics tensor per further declared output.
  static func withStatistics(_ c: NodeContext, _ x: ResolvedTensor, _ stats: ResolvedTensor) throws -> [ResolvedTensor] {
    [ResolvedTensor(element: x.element, shape: x.shape)] + Array(repeating: stats, count: max(0, c.node.outputs.count - 1))
  }

  /// The number of elements LayerNormalization normalises together (the axes from `axis` on).
  static func layerNormGroupSize(_ c: NodeContext) throws -> Int {
    let x = try c.input(0).shape
    return try Checked.product(Array(x[(try c.axis(try c.int("axis", default: -1), rank: x.count))...]))
  }

  /// Per element: the normalised gradient; per channel or group: the rsqrt scale and the mean terms.
  static func normalisationGradients(_ e: Int, groups: Int) throws -> PassCount {
    var ops = try OpCounts.perElement([(.mul, 3), (.add, 4), (.sub, 1)], e)
    try ops.add(.mul, try Checked.multiply(2, groups))
    return try .arithmetic(ops)
  }
}
