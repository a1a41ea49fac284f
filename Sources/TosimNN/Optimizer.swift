//===--- Optimizer.swift ---------------------------------------------------===//
// The optimizers whose parameter update the training count includes, with the
// ops and memory traffic of one update of one parameter (docs/network-counter.md,
// §Training).
//===----------------------------------------------------------------------===//
import TosimCostModel


/// A gradient-descent optimizer.
public enum Optimizer: String, CaseIterable, Sendable {
  /// w −= lr × g.
  case sgd
  /// v = μ v + g; w −= lr × v.
  case momentum
  /// Adam (Kingma & Ba 2015) with bias correction.
  case adam

  /// Ops per parameter per step.
  ///
  /// - sgd: lr × g (1 mul), w − … (1 add).
  /// - momentum: sgd + μ × v (1 mul) + g (1 add).
  /// - adam: m = β1 m + (1 − β1) g (2 mul, 1 add); v = β2 v + (1 − β2) g² (3 mul, 1 add);
  ///   m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ) (2 div); w −= lr × m̂ / (√v̂ + ε) (1 sqrt, 1 add, 1 div, 1 mul, 1 add).
  public var opsPerParameter: [(op: ArithmeticOperation, count: Int)] {
    switch self {
    case .sgd: return [(.mul, 1), (.add, 1)]
    case .momentum: return [(.mul, 2), (.add, 2)]
    case .adam: return [(.mul, 6), (.add, 4), (.div, 3), (.sqrt, 1)]
    }
  }

  /// Parameter-sized tensors read per step (weights, gradients, optimizer state).
  public var tensorsRead: Int {
    switch self {
    case .sgd: return 2
    case .momentum: return 3
    case .adam: return 4
    }
  }

  /// Parameter-sized tensors written per step (weights, optimizer state).
  public var tensorsWritten: Int { tensorsRead - 1 }
}
