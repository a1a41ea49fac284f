//===--- OperatorRule+Registry.swift ---------------------------------------===//
// The table of every supported ONNX operator: the union of the family files
// (LinearAlgebraRules, ElementwiseRules, ActivationRules, NormalisationRules,
// PoolingRules, ReductionRules, RecurrentRules, DataMovementRules,
// ComparisonRules, LayoutRules, ResamplingRules, LinearAlgebraRules+Einsum,
// NormalisationRules+Instance), and tosim's own operators in the `tosim`
// domain (LossRules, adaptive pooling). Shape inference looks operators up
// here; adding an operator means adding its rule to its family's list.
//===----------------------------------------------------------------------===//

extension OperatorRule {
  /// Every family's rules, in family order.
  public static let families: [(family: String, rules: [OperatorRule])] = [
    ("linear algebra", linearAlgebraRules), ("elementwise arithmetic", elementwiseRules), ("activations", activationRules),
    ("normalisation", normalisationRules), ("pooling", poolingRules), ("reductions", reductionRules),
    ("recurrent", recurrentRules), ("data movement", dataMovementRules),
    ("comparisons", comparisonRules), ("layout", layoutRules), ("resampling", resamplingRules), ("einsum", einsumRules),
    ("instance normalisation", instanceNormalisationRules),
  ]

  /// The rule of each supported operator by ONNX name (the first declaration wins).
  public static let all: [String: OperatorRule] = families.flatMap(\.rules).reduce(into: [:]) { table, rule in
    if table[rule.opType] == nil { table[rule.opType] = rule }
  }

  /// tosim's own operators (domain `tosim`): losses and adaptive average pooling.
  public static let tosimRules: [String: OperatorRule] = (lossRules + [adaptiveAveragePoolRule]).reduce(into: [:]) {
    $0[$1.opType] = $1
  }

  /// The rule for `opType` in `domain` (empty or `ai.onnx`, or `tosim` for tosim's own operators), or `nil`
  /// when tosim does not support it.
  public static func rule(for opType: String, domain: String = "") -> OperatorRule? {
    if domain == tosimDomain { return tosimRules[opType] }
    guard domain.isEmpty || domain == "ai.onnx" else { return nil }
    return all[opType]
  }
}
