//===--- TrainingTests.swift -----------------------------------------------===//
// Training counts: backward rules, optimizer updates and step arithmetic.
//===----------------------------------------------------------------------===//
import Testing
import TosimCostModel
import TosimFormats
import TosimNN

@Suite("Training counts")
struct TrainingTests {
  @Test("dense + relu with SGD over 10 samples, batch 2, 3 epochs")
  func sgd() throws {
    let count = try countSpec("dense(4,3) relu", options: .init(
      inference: .init(batchSize: 2), mode: .training(.sgd), sampleCount: 10, epochCount: 3))
    // Steps: ceil(10 / 2) × 3 = 15.
    #expect(count.stepCount == 15)
    // Gemm forward: E = 2·3 = 6 outputs, K = 4 → mul 24, add 6·3 + 6 = 24.
    // Backward: the model input needs no gradient, so dW only: 24 MACs → mul 24, add 24 + 6 (bias gradient).
    #expect(count.layers[0].backward.ops.counts == [.mul: 24, .add: 30])
    #expect(count.layers[0].backward.macCount == 24)
    // Relu: forward 6 compares, backward 6 compares (the mask).
    // SGD on 15 parameters: 15 mul + 15 add.
    let step = try count.stepTotal()
    #expect(step.ops.counts == [.mul: 24 + 24 + 15, .add: 24 + 30 + 15, .compare: 12])
    #expect(try count.total().ops.counts == [.mul: 63 * 15, .add: 69 * 15, .compare: 180])
  }

  @Test("optimizer ops per parameter", arguments: [
    (Optimizer.sgd, [ArithmeticOperation.mul: 1, .add: 1]), (.momentum, [.mul: 2, .add: 2]),
    (.adam, [.mul: 6, .add: 4, .div: 3, .sqrt: 1]),
  ])
  func optimizers(optimizer: Optimizer, perParameter: [ArithmeticOperation: Int]) throws {
    let count = try countSpec("dense(4,3)", options: .init(mode: .training(optimizer)))
    let update = try #require(count.optimizerByPrecision[.fp32])
    #expect(update.ops.counts == perParameter.mapValues { $0 * 15 })
    #expect(update.bytesRead == 15 * 4 * optimizer.tensorsRead)
  }

  @Test("BatchNorm running statistics are not trained")
  func batchNorm() throws {
    let count = try countSpec("conv2d(2,4,3,in=5x5) batchnorm", options: .init(mode: .training(.sgd)))
    #expect(count.layers[1].parameterCount == 16 && count.layers[1].trainableParameterCount == 8)
    // conv: 4·2·9 + 4 = 76 trainable; BN: 8 → 84 SGD muls.
    #expect(count.optimizerByPrecision[.fp32]?.ops[.mul] == 84)
  }

  @Test("every layer kind has a backward rule")
  func everyBackward() throws {
    let spec = """
      input(3x8x8) conv2d(3,4,3,pad=1) batchnorm leakyrelu avgpool(2) maxpool(2,stride=1) globalavgpool flatten dense(4,8) \
      layernorm gelu silu elu selu softplus hardsigmoid hardswish sigmoid tanh dropout dense(8,4) softmax
      """
    let count = try countSpec(spec, options: .init(mode: .training(.adam)))
    for layer in count.layers where !["Flatten", "Dropout"].contains(layer.opType) {
      #expect(!layer.backward.ops.counts.isEmpty, "\(layer.opType)")
    }
    _ = try countSpec("lstm(4,8,seq=3) dense(8,2)", options: .init(mode: .training(.momentum)))
  }
}
