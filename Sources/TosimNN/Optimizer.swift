//===--- Optimizer.swift ---------------------------------------------------===//
// The optimizers whose parameter update the training count includes
// (`tosim count --training --optimizer O`), with the ops of one update of one
// parameter and the parameter-sized state tensors each keeps. Subtractions
// count as adds, |g|, sign and max/min as compares; factors that are the same
// for every parameter of a step (lr / (1 − β1ᵗ), …) are scalars and not
// counted. The formulas follow PyTorch's torch.optim defaults (no weight
// decay unless the optimizer is defined by it) and are tabled in
// docs/network-counter.md, §Optimizers.
//===----------------------------------------------------------------------===//
import TosimCostModel

/// A gradient-descent optimizer.
public enum Optimizer: String, CaseIterable, Sendable {
  /// w −= lr × g.
  case sgd
  /// v = μ v + g; w −= lr × v.
  case momentum
  /// Nesterov momentum: v = μ v + g; w −= lr × (g + μ v).
  case nesterov
  /// Adam (Kingma & Ba 2015) with bias correction.
  case adam
  /// AdamW: Adam with decoupled weight decay w ×= (1 − lr λ).
  case adamw
  /// Adamax: Adam with the infinity norm u = max(β2 u, |g| + ε).
  case adamax
  /// NAdam: Adam with Nesterov momentum (Dozat 2016), PyTorch form.
  case nadam
  /// RAdam: rectified Adam (Liu et al. 2020), counted in its rectified steady state.
  case radam
  /// RMSprop: v = α v + (1 − α) g²; w −= lr g / (√v + ε).
  case rmsprop
  /// Adagrad: s += g²; w −= lr g / (√s + ε).
  case adagrad
  /// Adadelta (Zeiler 2012): running averages of g² and of the squared update.
  case adadelta
  /// Averaged SGD: w ×= (1 − λ η); w −= η g; ax += μ (w − ax).
  case asgd
  /// Rprop: per-parameter step sizes grown or shrunk by the sign of g × g_prev.
  case rprop
  /// Lion (Chen et al. 2023): w −= lr sign(β1 m + (1 − β1) g); m = β2 m + (1 − β2) g.
  case lion

  /// The names `--optimizer` accepts, comma-separated.
  public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// Ops per parameter per step.
  ///
  /// - sgd: lr × g (1 mul), w − … (1 add).
  /// - momentum: μ v + g (1 mul, 1 add); w − lr v (1 mul, 1 add).
  /// - nesterov: μ v + g (1 mul, 1 add); g + μ v (1 mul, 1 add); w − lr … (1 mul, 1 add).
  /// - adam: m = β1 m + (1 − β1) g (2 mul, 1 add); v = β2 v + (1 − β2) g² (3 mul, 1 add);
  ///   m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ) (2 div); w −= lr × m̂ / (√v̂ + ε) (1 sqrt, 1 add, 1 div, 1 mul, 1 add).
  /// - adamw: adam + w × (1 − lr λ) (1 mul).
  /// - adamax: m (2 mul, 1 add); |g| + ε (1 compare, 1 add); max(β2 u, …) (1 mul, 1 compare);
  ///   w −= (lr / (1 − β1ᵗ)) × m / u (1 div, 1 mul, 1 add).
  /// - nadam: m, v (5 mul, 2 add); v̂ (1 div); √v̂ + ε (1 sqrt, 1 add); the g and m terms
  ///   g / d × c1 and m / d × c2 (2 div, 2 mul) subtracted from w (2 add).
  /// - radam: m, v (5 mul, 2 add); m̂ (1 div); l = √(1 − β2ᵗ) / (√v + ε) (1 sqrt, 1 add, 1 div);
  ///   w −= (lr r) × m̂ × l (2 mul, 1 add).
  /// - rmsprop: v (3 mul, 1 add); w −= lr g / (√v + ε) (1 sqrt, 1 add, 1 div, 1 mul, 1 add).
  /// - adagrad: s += g² (1 mul, 1 add); w −= lr g / (√s + ε) (1 sqrt, 1 add, 1 div, 1 mul, 1 add).
  /// - adadelta: v (3 mul, 1 add); Δ = √(u + ε) / √(v + ε) × g (2 add, 2 sqrt, 1 div, 1 mul);
  ///   u = ρ u + (1 − ρ) Δ² (3 mul, 1 add); w −= lr Δ (1 mul, 1 add).
  /// - asgd: w × (1 − λ η) (1 mul); w − η g (1 mul, 1 add); ax + μ (w − ax) (1 mul, 2 add).
  /// - rprop: g × g_prev (1 mul); its sign (2 compare); step × η± (1 mul); clamp to [min, max]
  ///   (2 compare); w −= sign(g) × step (1 compare, 1 mul, 1 add).
  /// - lion: c = β1 m + (1 − β1) g (2 mul, 1 add); w × (1 − lr λ) (1 mul);
  ///   w −= lr sign(c) (1 compare, 1 mul, 1 add); m = β2 m + (1 − β2) g (2 mul, 1 add).
  public var opsPerParameter: [(op: ArithmeticOperation, count: Int)] {
    switch self {
    case .sgd: return [(.mul, 1), (.add, 1)]
    case .momentum: return [(.mul, 2), (.add, 2)]
    case .nesterov: return [(.mul, 3), (.add, 3)]
    case .adam: return [(.mul, 6), (.add, 4), (.div, 3), (.sqrt, 1)]
    case .adamw: return [(.mul, 7), (.add, 4), (.div, 3), (.sqrt, 1)]
    case .adamax: return [(.mul, 4), (.add, 3), (.div, 1), (.compare, 2)]
    case .nadam: return [(.mul, 7), (.add, 5), (.div, 3), (.sqrt, 1)]
    case .radam: return [(.mul, 7), (.add, 4), (.div, 2), (.sqrt, 1)]
    case .rmsprop: return [(.mul, 4), (.add, 3), (.div, 1), (.sqrt, 1)]
    case .adagrad: return [(.mul, 2), (.add, 3), (.div, 1), (.sqrt, 1)]
    case .adadelta: return [(.mul, 8), (.add, 5), (.div, 1), (.sqrt, 2)]
    case .asgd: return [(.mul, 3), (.add, 3)]
    case .rprop: return [(.mul, 3), (.add, 1), (.compare, 5)]
    case .lion: return [(.mul, 6), (.add, 3), (.compare, 1)]
    }
  }

  /// Parameter-sized state tensors the optimizer keeps between steps (momentum buffers, moments,
  /// averages, previous gradients, step sizes); their bytes are `stateTensors` × parameters × element width.
  ///
  /// sgd 0; momentum, nesterov, rmsprop, adagrad, asgd (ax), lion (m) 1; adam, adamw, adamax (m, u),
  /// nadam, radam (m, v), adadelta (v, u), rprop (previous gradient, step size) 2.
  public var stateTensors: Int {
    switch self {
    case .sgd: return 0
    case .momentum, .nesterov, .rmsprop, .adagrad, .asgd, .lion: return 1
    case .adam, .adamw, .adamax, .nadam, .radam, .adadelta, .rprop: return 2
    }
  }

  /// Element-wise kernels one update of one parameter tensor launches: the tensor operations of the
  /// formulas above, one kernel each, as a single-tensor (for-loop) implementation runs them (PyTorch's
  /// torch.optim before multi-tensor `foreach` became its default on CUDA in 2.0). Multi-tensor
  /// implementations launch about this many kernels per group of tensors instead.
  ///
  /// - sgd: w.add_ (1). momentum: v.mul_.add_, w.add_ (3). nesterov: v (2), g + μ v (1), w (1) (4).
  /// - adam: m.mul_.add_ (2), v.mul_.addcmul_ (2), √v / c + ε (3), w.addcdiv_ (1) (8); adamw adds w.mul_ (9).
  /// - adamax: m (2), max(β2 u, |g| + ε) as mul_, abs, add_, cat, amax (5), w.addcdiv_ (1) (8).
  /// - nadam: m, v (4), √(v / c) + ε (3), two w.addcdiv_ (2) (9).
  /// - radam: m, v (4), m / c (1), √v + ε (2), c / … (1), × and w.add_ (2) (10).
  /// - rmsprop: v (2), √v + ε (2), w.addcdiv_ (1) (5). adagrad: s.addcmul_ (1), √s + ε (2), w.addcdiv_ (1) (4).
  /// - adadelta: v (2), √(v + ε) (2), √(u + ε) / … × g (4), u (2), w.add_ (1) (11).
  /// - asgd: w.mul_, w.add_ (2), ax += μ (w − ax) (3) (5).
  /// - rprop: sign(g × g_prev) (2), three masked step updates (6), mul_ and clamp_ (2), g zeroed where the
  ///   sign flipped (3), w.addcmul_(sign(g), step) (2), g_prev.copy_ (1) (16).
  /// - lion: w.mul_ (1), sign(β1 m + (1 − β1) g) as clone, mul_, add, sign_ (4), w.add_ (1), m.mul_.add_ (2) (8).
  public var kernelsPerTensor: Int {
    switch self {
    case .sgd: return 1
    case .momentum: return 3
    case .nesterov: return 4
    case .adam, .adamax, .lion: return 8
    case .adamw, .nadam: return 9
    case .radam: return 10
    case .rmsprop, .asgd: return 5
    case .adagrad: return 4
    case .adadelta: return 11
    case .rprop: return 16
    }
  }

  /// Parameter-sized tensors read per step: weights, gradients and every state tensor.
  public var tensorsRead: Int { 2 + stateTensors }

  /// Parameter-sized tensors written per step: weights and every state tensor.
  public var tensorsWritten: Int { 1 + stateTensors }
}
