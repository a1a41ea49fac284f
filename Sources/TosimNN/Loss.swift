//===--- Loss.swift --------------------------------------------------------===//
// The training losses a count can end with: mean squared error and
// cross-entropy, with the softmax fused in (from logits) or not (from a
// Softmax layer's probabilities). The layer spec writes them as `mse`,
// `crossentropy` and `crossentropy(fused=false)`; `tosim count --loss`
// appends one to any model (Graph+Loss.swift). Their rules: LossRules.swift.
//===----------------------------------------------------------------------===//

/// A training loss.
public enum Loss: String, CaseIterable, Sendable {
  /// Mean squared error against a target of the prediction's shape.
  case mse
  /// Cross-entropy from logits with the softmax fused in (PyTorch's nn.CrossEntropyLoss).
  case crossEntropy = "crossentropy"
  /// Cross-entropy of probabilities a Softmax layer produced (the NLL of their log).
  case crossEntropyUnfused = "crossentropy-unfused"

  /// The names `--loss` accepts, comma-separated.
  public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// The tosim-domain operator of the loss.
  public var opType: String { self == .mse ? "MSELoss" : "CrossEntropyLoss" }

  /// The node attributes of the loss (`fused` for cross-entropy).
  public var attributes: [Attribute] {
    switch self {
    case .mse: return []
    case .crossEntropy: return [Attribute("fused", .int(1))]
    case .crossEntropyUnfused: return [Attribute("fused", .int(0))]
    }
  }
}
