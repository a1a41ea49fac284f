//===--- ModelFixtureTests.swift -------------------------------------------===//
// Counts of the example ONNX models (Fixtures/models, made by
// benchmarks/models/make_models.py), pinned to hand-computed values; the same
// MACs are compared with onnx-tool in Fixtures/models/NOTES.md.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCostModel
import TosimFormats
import TosimIO
import TosimNN

@Suite("Example ONNX models")
struct ModelFixtureTests {
  static func count(_ file: String, _ options: CountOptions = .init()) throws -> NetworkCount {
    try NetworkCounter.count(try ONNXReader.read(path: Fixtures.path("models/\(file)")), options: options)
  }

  @Test("MLP 784-512-256-10 in three activations", arguments: [("relu", ArithmeticOperation.compare), ("sigmoid", .sigmoid), ("tanh", .tanh)])
  func mlp(variant: String, activationOp: ArithmeticOperation) throws {
    let count = try Self.count("mlp_\(variant).onnx")
    let total = try count.stepTotal()
    // MACs: 784·512 + 512·256 + 256·10 = 401,408 + 131,072 + 2,560 = 535,040 (onnx-tool, with bias: 535,818).
    #expect(total.macCount == 535_040)
    // Every Gemm has a bias, so adds = MACs; activations on 512 + 256 = 768 elements; softmax on 10.
    #expect(total.ops.counts == [.mul: 535_040, .add: 535_040, activationOp: 768, .softmax: 10])
    // Params: 401,920 + 131,328 + 2,570 = 535,818 (onnx-tool agrees).
    #expect(try count.parameterCount() == 535_818)
    #expect(count.layers.map(\.opType) == ["Gemm", "\(variant == "relu" ? "Relu" : variant == "sigmoid" ? "Sigmoid" : "Tanh")", "Gemm",
      count.layers[1].opType, "Gemm", "Softmax"])
  }

  @Test("LeNet-5")
  func lenet() throws {
    let count = try Self.count("lenet5.onnx")
    // conv1: 6×28×28 = 4,704 outputs × 25 = 117,600; conv2: 16×10×10 = 1,600 × 150 = 240,000;
    // fc: 400·120 + 120·84 + 84·10 = 48,000 + 10,080 + 840. Sum 416,520.
    #expect(try count.stepTotal().macCount == 416_520)
    #expect(try count.parameterCount() == 61_706)
    // tanh on 4,704 + 1,600 + 120 + 84 = 6,508 elements; avgpool 2x2: (1,176 + 400) outputs × 3 adds + 1 div.
    let total = try count.stepTotal()
    #expect(total.ops[.tanh] == 6_508)
    #expect(total.ops[.div] == 1_576)
    #expect(count.layers.first { $0.name == "pool1" }?.forward.ops.counts == [.add: 3_528, .div: 1_176])
  }

  @Test("residual block with strided projection and BatchNorm")
  func residual() throws {
    let count = try Self.count("residual_block.onnx")
    // conv1 3x3/2: 32×16×16 = 8,192 outputs × 144 = 1,179,648; conv2: 8,192 × 288 = 2,359,296;
    // proj 1x1/2: 8,192 × 16 = 131,072; fc 32·10 = 320. Sum 3,670,336.
    #expect(try count.stepTotal().macCount == 3_670_336)
    // BatchNorm (inference): per element sub, mul, add; per channel add, rsqrt, mul → 3 × 32 rsqrt.
    let bn = try #require(count.layers.first { $0.name == "bn1" })
    #expect(bn.forward.ops.counts == [.sub: 8_192, .mul: 8_192 + 32, .add: 8_192 + 32, .rsqrt: 32])
    #expect(bn.parameterCount == 128 && bn.trainableParameterCount == 64)
    #expect(count.layers.first { $0.name == "gap" }?.forward.ops.counts == [.add: 32 * 255, .div: 32])
  }

  @Test("transformer encoder block: attention, Erf-GELU, LayerNorm")
  func transformer() throws {
    let count = try Self.count("transformer_block.onnx")
    // q,k,v,o projections 4 × 16·64·64 = 262,144; scores and context 2 × 4·16·16·16 = 32,768;
    // FFN 2 × 16·64·256 = 524,288. Sum 819,200.
    #expect(try count.stepTotal().macCount == 819_200)
    #expect(count.layers.first { $0.name == "scores" }?.outputShape == [1, 4, 16, 16])
    #expect(count.layers.first { $0.name == "merge_heads" }?.outputShape == [1, 16, 64])
    // Erf-GELU counts as its primitives: 4,096 erf, Div/Add/Mul/Mul 4,096 each.
    #expect(try count.stepTotal().ops[.erf] == 4_096)
    // LayerNorm over 64 features, 16 groups: adds 16·(2·63 + 1) + 1,024 bias; rsqrt 16.
    let ln = try #require(count.layers.first { $0.name == "ln1" })
    #expect(ln.forward.ops.counts == [.add: 16 * 127 + 1_024, .sub: 1_024, .mul: 3 * 1_024, .div: 32, .rsqrt: 16])
    // Batch 8 scales the symbolic batch dimension through Reshape's 0-copy shapes.
    let batched = try Self.count("transformer_block.onnx", .init(inference: .init(batchSize: 8)))
    #expect(try batched.stepTotal().macCount == 8 * 819_200)
  }

  @Test("LSTM")
  func lstm() throws {
    let count = try Self.count("lstm.onnx")
    // 28 steps × 4·64 gate rows × (28 + 64) = 659,456 plus fc 640.
    #expect(try count.stepTotal().macCount == 660_096)
    let cell = count.layers[0].forward.ops
    // Per step: 3·64 sigmoids, 2·64 tanh, 3·64 muls beyond the MACs.
    #expect(cell[.sigmoid] == 28 * 192 && cell[.tanh] == 28 * 128 && cell[.mul] == 659_456 + 28 * 192)
    #expect(count.layers[1].outputShape == [1, 64])
  }

  @Test("mixed precision follows the ONNX types; --precision overrides")
  func mixed() throws {
    let count = try Self.count("mixed_fp16.onnx")
    #expect(count.layers.map { $0.precision?.rawValue ?? "-" } == ["fp16", "fp16", "fp16", "fp16", "fp32", "fp32"])
    let totals = try count.stepTotalsByPrecision()
    #expect(totals.map { $0.precision } == [.fp16, .fp32])
    // fp16: 64·32 + 32·10 = 2,368 MACs; fp16 weights are 2 bytes each.
    #expect(totals[0].pass.macCount == 2_368)
    #expect(count.layers[1].forward.bytesRead == (64 + 2_048 + 32) * 2)
    let overridden = try Self.count("mixed_fp16.onnx", .init(inference: .init(precisionOverride: .bf16)))
    #expect(Set(overridden.layers.compactMap(\.precision)) == [.bf16])
  }

  @Test("payloads are not loaded: external weights need not exist")
  func externalWeights() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-nn-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let copy = folder.appendingPathComponent("mlp.onnx").path
    try FileManager.default.copyItem(atPath: Fixtures.path("models/mlp_relu.onnx"), toPath: copy)
    #expect(try NetworkCounter.count(try ONNXReader.read(path: copy)).stepTotal().macCount == 535_040)
  }
}
