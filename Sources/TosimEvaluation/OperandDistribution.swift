//===--- OperandDistribution.swift -----------------------------------------===//
// How operand values are drawn: `uniform` draws every bit pattern with equal
// probability (the usual switching-activity stimulus); `normal` draws values
// as deep-learning weights and activations have them, N(0, 1). The stream
// that draws them is OperandStream.
// CLI: `tosim derive --operands uniform|normal`.
//===----------------------------------------------------------------------===//

/// How operand values are drawn.
public enum OperandDistribution: String, CaseIterable, Sendable {
  /// Every bit pattern equally likely.
  case uniform
  /// Normally distributed values, N(0, 1) for floating point.
  case normal
}
