//===--- TrainingLayersTests.swift -----------------------------------------===//
// Layers of training graphs counted by hand: BatchNorm's training form, the
// losses, kernels' extra memory passes, im2col, pooling with a one-element
// window, and the layer-spec kinds depthwise, adaptiveavgpool, add and concat.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCostModel
import TosimFormats
import TosimIO
import TosimNN

@Suite("Training layers")
struct TrainingLayersTests {
  @Test("BatchNorm counts batch statistics and their backward when training")
  func batchNormTraining() throws {
    let spec = "conv2d(2,4,3,in=5x5) batchnorm"
    // BN input [2, 4, 3, 3]: e = 72 elements, C = 4 channels, M = 18 per channel.
    let training = try countSpec(spec, options: .init(inference: .init(batchSize: 2), mode: .training(.sgd)))
    let bn = training.layers[1]
    // mean e − C add + C div; centre e sub; variance e mul + e − C add + C div; eps C add; rsqrt C;
    // normalise e mul; γ e mul; β e add; running statistics 5C mul + 2C add.
    #expect(bn.forward.ops.counts == [.add: 3 * 72 + 4, .sub: 72, .mul: 3 * 72 + 5 * 4, .div: 8, .rsqrt: 4])
    // dβ e − C add; dγ e mul + e − C add; dx C mul + C div per channel, 3 mul + 2 sub per element.
    #expect(bn.backward.ops.counts == [.add: 2 * 68, .mul: 72 + 3 * 72 + 4, .div: 4, .sub: 144])
    // Reads x (288 B) twice (statistics, then normalise) and the four [4] parameters (64 B).
    #expect(bn.forward.bytesRead == 288 * 2 + 64)
    // Inference keeps the folded form: sub, mul, add per element; eps add, rsqrt, γ mul per channel; one pass.
    let inference = try countSpec(spec, options: .init(inference: .init(batchSize: 2)))
    #expect(inference.layers[1].forward.ops.counts == [.sub: 72, .mul: 76, .add: 76, .rsqrt: 4])
    #expect(inference.layers[1].forward.bytesRead == 288 + 64)
  }

  @Test("mean squared error: E sub, E mul, E − 1 add, 1 div; backward E mul")
  func mse() throws {
    let count = try countSpec("dense(3,2) mse", options: .init(inference: .init(batchSize: 4), mode: .training(.sgd)))
    let loss = count.layers[1]
    #expect(loss.opType == "MSELoss" && loss.outputShape == [])
    #expect(loss.forward.ops.counts == [.sub: 8, .mul: 8, .add: 7, .div: 1])
    #expect(loss.backward.ops.counts == [.mul: 8])
    // Reads the 8 predictions and the 8 targets (64 B), writes the scalar loss (4 B).
    #expect(loss.forward.bytesRead == 64 && loss.forward.bytesWritten == 4)
  }

  @Test("cross-entropy with the softmax fused and not")
  func crossEntropy() throws {
    let options = CountOptions(inference: .init(batchSize: 2), mode: .training(.sgd))
    // N = 2 rows of C = 5: max 2·4 compares; x − max 10 subs; 10 exps; Σ 2·4 adds; log 2; − x_t 2 subs; mean 1 add 1 div.
    let fused = try countSpec("dense(3,5) crossentropy", options: options).layers[1]
    #expect(fused.forward.ops.counts == [.compare: 8, .sub: 12, .exp: 10, .add: 9, .log: 2, .div: 1])
    // (softmax − one-hot) / N: 10 div, 2 sub, 10 mul.
    #expect(fused.backward.ops.counts == [.div: 10, .sub: 2, .mul: 10])
    // Reads 10 logits (40 B) and 2 int64 labels (16 B).
    #expect(fused.forward.bytesRead == 56)
    // After a Softmax layer: log of the 2 target probabilities, mean; backward −1 / (N p): 2 div.
    let unfused = try countSpec("dense(3,5) softmax crossentropy(fused=false)", options: options).layers[2]
    #expect(unfused.forward.ops.counts == [.log: 2, .add: 1, .div: 1])
    #expect(unfused.backward.ops.counts == [.div: 2])
  }

  @Test("JSON model specs take the same loss layers")
  func jsonLoss() throws {
    let text = #"{"layers": [{"layer": "dense", "in": 3, "out": 5}, {"layer": "softmax"}, {"layer": "crossentropy", "fused": false}]}"#
    let spec = try ModelSpecReader.decode(Data(text.utf8), file: "spec.json")
    let options = CountOptions(inference: .init(batchSize: 2), mode: .training(.sgd))
    let count = try NetworkCounter.count(try LayerLowering.graph(spec.layers, precision: .fp32), options: options)
    // As the layer spec's crossentropy(fused=false) after softmax: log 2, add 1, div 1.
    #expect(count.layers[2].forward.ops.counts == [.log: 2, .add: 1, .div: 1])
  }

  @Test("--loss appends the same node as the loss layer")
  func appendedLoss() throws {
    let options = CountOptions(inference: .init(batchSize: 2), mode: .training(.adam))
    let graph = try LayerLowering.graph(LayerSpecParser.parse("dense(3,5)"), precision: .fp32).appendingLoss(.crossEntropy)
    let appended = try NetworkCounter.count(graph, options: options)
    let written = try countSpec("dense(3,5) crossentropy", options: options)
    #expect(appended.layers.map(\.forward) == written.layers.map(\.forward))
    #expect(appended.layers.map(\.backward) == written.layers.map(\.backward))
    #expect(throws: InputError.self) { try graph.appendingLoss(.crossEntropy).appendingLoss(.mse) }
    #expect(throws: InputError.self) { try countSpec("dense(3,5) mse relu") }
  }

  @Test("softmax reads its input three times; a one-element pooling window is a copy")
  func passes() throws {
    let softmax = try countSpec("dense(3,5) softmax").layers[1]
    // max, exp-sum, normalise: 3 × 20 B read, 20 B written.
    #expect(softmax.forward.bytesRead == 60 && softmax.forward.bytesWritten == 20)
    let pool = try countSpec("conv2d(1,2,3,in=5x5) maxpool(1)", options: .init(mode: .training(.sgd))).layers[1]
    #expect(pool.forward.ops.counts.isEmpty && pool.backward.ops.counts.isEmpty)
    #expect(pool.forward.bytesRead == 72 && pool.forward.bytesWritten == 72)
  }

  @Test("im2col writes and reads the column matrix")
  func im2col() throws {
    // conv2d(2,3,3) on 5x5: 27 outputs; columns (27 / 3) × 2 × 9 = 162 elements, 648 B.
    let spec = "conv2d(2,3,3,in=5x5)"
    let direct = try countSpec(spec, options: .init(mode: .training(.sgd))).layers[0]
    var options = CountOptions(mode: .training(.sgd))
    options.im2col = true
    let columns = try countSpec(spec, options: options).layers[0]
    // Input 200 B + weights (54 + 3) × 4 = 228 B read; 108 B written.
    #expect(direct.forward.bytesRead == 428 && direct.forward.bytesWritten == 108)
    #expect(columns.forward.bytesRead == 428 + 648 && columns.forward.bytesWritten == 108 + 648)
    // The first layer computes dW only, which reads the columns once more.
    #expect(columns.backward.bytesRead == direct.backward.bytesRead + 648)
    #expect(columns.forward.ops == direct.forward.ops)
  }

  @Test("depthwise convolutions")
  func depthwise() throws {
    // dwconv2d(4,3) on [1, 4, 7, 7]: weight [4, 1, 3, 3] + 4 biases; 4·5·5 = 100 outputs × 9 MACs.
    let dw = try countSpec("conv2d(1,4,1,in=7x7) dwconv2d(4,3)").layers[1]
    #expect(dw.parameterCount == 40 && dw.forward.macCount == 900)
    // depthwise=true with c_out = 2 c_in: weight [8, 1, 3, 3] + 8.
    let doubled = try countSpec("conv2d(1,4,1,in=7x7) conv2d(4,8,3,depthwise=true)").layers[1]
    #expect(doubled.parameterCount == 80 && doubled.forward.macCount == 8 * 25 * 9)
    #expect(try countSpec("conv2d(1,4,1,in=7x7) dwconv2d(4,3,multiplier=2)").layers[1].parameterCount == 80)
    #expect(throws: InputError.self) { try countSpec("conv2d(1,4,1,in=7x7) conv2d(4,8,3,groups=2,depthwise=true)") }
  }

  @Test("adaptive average pooling to a size that does not divide the input")
  func adaptivePooling() throws {
    let count = try countSpec("conv2d(1,2,1,in=5x5) adaptiveavgpool(3x3)", options: .init(mode: .training(.sgd)))
    let pool = count.layers[1]
    #expect(pool.outputShape == [1, 2, 3, 3])
    // Windows over 5 → 3: [0, 2), [1, 4), [3, 5): 2 + 3 + 2 = 7 per axis, 49 per channel over 9 outputs.
    #expect(pool.forward.ops.counts == [.add: 2 * (49 - 9), .div: 18])
    #expect(pool.backward.ops.counts == [.add: 98, .div: 18])
    // Divisible: 4 → 2 is a 2x2 average, 3 adds and a divide per output.
    let even = try countSpec("conv2d(1,1,1,in=4x4) adaptiveavgpool(2)").layers[1]
    #expect(even.forward.ops.counts == [.add: 12, .div: 4])
  }

  @Test("residual add and concat of an earlier layer's output")
  func branches() throws {
    let residual = try countSpec("conv2d(2,2,3,pad=1,in=4x4) relu add(from=1)", options: .init(mode: .training(.sgd)))
    #expect(residual.layers[2].opType == "Add" && residual.layers[2].forward.ops.counts == [.add: 32])
    let dense = try countSpec("conv2d(2,2,3,pad=1,in=4x4) relu concat(from=1) conv2d(4,2,1)")
    #expect(dense.layers[2].outputShape == [1, 4, 4, 4])
    #expect(throws: InputError.self) { try countSpec("conv2d(2,2,3,in=4x4) relu add(from=5)") }
    #expect(throws: InputError.self) { try countSpec("conv2d(2,2,3,pad=1,in=4x4) maxpool(2) add(from=1)") }
  }
}
