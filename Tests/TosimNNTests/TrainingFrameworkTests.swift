//===--- TrainingFrameworkTests.swift --------------------------------------===//
// Training as frameworks run it: the fourteen optimizers' per-parameter ops and
// state, no gradient for the model's inputs unless asked, bytes split into
// weights, activations, gradients and optimizer state, and trainable
// parameters reported apart from buffers. Expectations are counted by hand.
//===----------------------------------------------------------------------===//
import Testing
import TosimCostModel
import TosimFormats
import TosimNN

@Suite("Training as frameworks run it")
struct TrainingFrameworkTests {
  /// Hand counts per parameter (subtractions as adds, |g|, sign and max as compares) and state tensors.
  static let optimizers: [(Optimizer, [ArithmeticOperation: Int], Int)] = [
    // w − lr g.
    (.sgd, [.mul: 1, .add: 1], 0),
    // v = μv + g; w − lr v.
    (.momentum, [.mul: 2, .add: 2], 1),
    // v = μv + g; g + μv; w − lr(…).
    (.nesterov, [.mul: 3, .add: 3], 1),
    // m: 2 mul 1 add; v: 3 mul 1 add; m̂, v̂: 2 div; √v̂ + ε, ÷, × lr, w −: 1 sqrt 1 add 1 div 1 mul 1 add.
    (.adam, [.mul: 6, .add: 4, .div: 3, .sqrt: 1], 2),
    // adam + w × (1 − lr λ).
    (.adamw, [.mul: 7, .add: 4, .div: 3, .sqrt: 1], 2),
    // m: 2 mul 1 add; |g| + ε: 1 compare 1 add; max(β2 u, …): 1 mul 1 compare; m / u × lr', w −: 1 div 1 mul 1 add.
    (.adamax, [.mul: 4, .add: 3, .div: 1, .compare: 2], 2),
    // m, v: 5 mul 2 add; v̂: 1 div; √v̂ + ε: 1 sqrt 1 add; g/d × c1, m/d × c2: 2 div 2 mul; two w −: 2 add.
    (.nadam, [.mul: 7, .add: 5, .div: 3, .sqrt: 1], 2),
    // m, v: 5 mul 2 add; m̂: 1 div; √v + ε, c / …: 1 sqrt 1 add 1 div; m̂ × l × lr r, w −: 2 mul 1 add.
    (.radam, [.mul: 7, .add: 4, .div: 2, .sqrt: 1], 2),
    // v: 3 mul 1 add; √v + ε, g / …, × lr, w −: 1 sqrt 1 add 1 div 1 mul 1 add.
    (.rmsprop, [.mul: 4, .add: 3, .div: 1, .sqrt: 1], 1),
    // s + g²: 1 mul 1 add; then as rmsprop: 1 sqrt 1 add 1 div 1 mul 1 add.
    (.adagrad, [.mul: 2, .add: 3, .div: 1, .sqrt: 1], 1),
    // v: 3 mul 1 add; √(u+ε) / √(v+ε) × g: 2 add 2 sqrt 1 div 1 mul; u: 3 mul 1 add; w − lr Δ: 1 mul 1 add.
    (.adadelta, [.mul: 8, .add: 5, .div: 1, .sqrt: 2], 2),
    // w(1 − λη): 1 mul; w − ηg: 1 mul 1 add; ax + μ(w − ax): 1 mul 2 add.
    (.asgd, [.mul: 3, .add: 3], 1),
    // g g_prev: 1 mul; its sign: 2 compare; step η±: 1 mul; clamp: 2 compare; w − sign(g) step: 1 compare 1 mul 1 add.
    (.rprop, [.mul: 3, .add: 1, .compare: 5], 2),
    // c: 2 mul 1 add; w(1 − lr λ): 1 mul; w − lr sign(c): 1 compare 1 mul 1 add; m: 2 mul 1 add.
    (.lion, [.mul: 6, .add: 3, .compare: 1], 1),
  ]

  @Test("every optimizer's ops, bytes and state per parameter", arguments: 0..<14)
  func optimizer(index: Int) throws {
    let (optimizer, perParameter, state) = Self.optimizers[index]
    #expect(Optimizer.allCases.count == Self.optimizers.count)
    #expect(optimizer.stateTensors == state)
    // dense(4,3): 12 weights + 3 biases = 15 fp32 parameters (60 bytes).
    let count = try countSpec("dense(4,3)", options: .init(mode: .training(optimizer)))
    let update = try #require(count.optimizerByPrecision[.fp32])
    #expect(update.ops.counts == perParameter.mapValues { $0 * 15 })
    // Reads weights, gradients and state; writes weights and state.
    #expect(update.bytesRead == 60 * (2 + state) && update.bytesWritten == 60 * (1 + state))
    #expect(update.weightBytes == 120 && update.gradientBytes == 60 && update.stateBytes == 120 * state)
    #expect(count.optimizerStateBytes == 60 * state)
    // The layer's own update block is the same work.
    #expect(count.layers[0].optimizer == update)
  }

  @Test("the first layer computes no input gradient unless asked")
  func inputGradient() throws {
    // conv2d(3,4,3) on 5x5: 4·3·3 = 36 outputs, each reducing 3·9 = 27 → 972 MACs, 36 bias adds.
    let spec = "conv2d(3,4,3,in=5x5)"
    let plain = try countSpec(spec, options: .init(mode: .training(.sgd)))
    // dW only: 972 MACs, plus the bias gradient's 36 adds.
    #expect(plain.layers[0].backward.macCount == 972)
    #expect(plain.layers[0].backward.ops.counts == [.mul: 972, .add: 972 + 36])
    // Gradients written: the 4·27 weights and 4 biases, 112 × 4 bytes.
    #expect(plain.layers[0].backward.bytesWritten == 448)
    var options = CountOptions(mode: .training(.sgd))
    options.inputGradient = true
    let kept = try countSpec(spec, options: options)
    // dX and dW: 2 × 972 MACs; the input's 3·25 gradient elements (300 bytes) are written too.
    #expect(kept.layers[0].backward.ops.counts == [.mul: 1944, .add: 1944 + 36])
    #expect(kept.layers[0].backward.bytesWritten == 448 + 300)
  }

  @Test("a node no gradient reaches costs nothing backward")
  func noGradientReaches() throws {
    let count = try countSpec("input(4) relu dense(4,2)", options: .init(mode: .training(.sgd)))
    // relu on the input: nothing to differentiate.
    #expect(count.layers[0].backward == PassCount())
    // dense after it: dW only, 8 MACs and 2 bias adds.
    #expect(count.layers[1].backward.ops.counts == [.mul: 8, .add: 10])
    // The layer after a trained one gets its input gradient again.
    let deeper = try countSpec("input(4) dense(4,2) relu", options: .init(mode: .training(.sgd)))
    #expect(deeper.layers[1].backward.ops.counts == [.compare: 2])
  }

  @Test("bytes split into weights, activations and gradients")
  func bytesSplit() throws {
    let count = try countSpec("dense(4,3)", options: .init(mode: .training(.sgd)))
    let forward = count.layers[0].forward
    // Reads the 4-element input (16 B) and 15 parameters (60 B), writes 3 outputs (12 B).
    #expect(forward.bytesRead == 76 && forward.bytesWritten == 12)
    #expect(forward.weightBytes == 60 && forward.activationBytes == 28 && forward.gradientBytes == 0)
    let backward = count.layers[0].backward
    // Reads the saved input and weights and the 12-byte output gradient; writes the 60 bytes of parameter gradients.
    #expect(backward.bytesRead == 88 && backward.bytesWritten == 60)
    #expect(backward.weightBytes == 60 && backward.activationBytes == 16 && backward.gradientBytes == 72)
  }

  @Test("params are trainable parameters; BatchNorm running statistics are buffers")
  func buffers() throws {
    let count = try countSpec("conv2d(2,4,3,in=5x5) batchnorm")
    // conv: 4·2·9 + 4 = 76; BN: γ, β trainable (8), running mean and variance buffers (8).
    #expect(try count.trainableParameterCount() == 84)
    #expect(try count.bufferCount() == 8)
    #expect(try count.parameterCount() == 92)
    #expect(count.layers[1].bufferCount == 8)
  }
}
