//===--- TokenSpecTests.swift ----------------------------------------------===//
// cengiz-pen token strings read into layer specs: the layers written out by
// hand for a plain CNN, a DenseNet-style concat, a ResNet-style downsampling
// branch and a ConvNeXt-style channel-wise block, the run's metadata, and
// errors naming the token.
//===----------------------------------------------------------------------===//
import Testing
import TosimFormats
import TosimIO
import TosimNN

@Suite("Token strings")
struct TokenSpecTests {
  static let suffix = "untrained Constant 10 16 Adam"

  @Test("a plain CNN: flatten before the dense, metadata from the last five tokens")
  func plain() throws {
    let model = try TokenSpecReader.read("""
      dense input LIST_8_8_3 convolutional 3 4 LIST_3_3 LIST_1_1 LIST_1_1 normalization batch 4 1e-05 0.1 \
      nl_activation relu pooling max LIST_2_2 LIST_2_2 0 dropout 0.5 dense output 64 10 nl_activation softmax \(Self.suffix)
      """)
    #expect(model.specText == """
      input(3x8x8) conv2d(3,4,3,stride=1,pad=1) batchnorm(4) relu maxpool(2,stride=2,pad=0) dropout(0.5) flatten \
      dense(64,10) softmax
      """)
    #expect(model.batchSize == 16 && model.epochCount == 10 && model.optimizer == .adam && model.weights == "untrained")
    // conv: 4 × 8 × 8 outputs × 27 MACs.
    let count = try NetworkCounter.count(try LayerLowering.graph(model.layers, precision: .fp32))
    #expect(count.layers[0].forward.macCount == 4 * 64 * 27)
  }

  @Test("a layer expecting more channels concatenates an earlier output (DenseNet)")
  func concat() throws {
    let model = try TokenSpecReader.read(
      "dense input LIST_4_4_2 convolutional 2 3 LIST_1_1 LIST_1_1 0 normalization batch 5 1e-05 0.1 dense output 80 2 \(Self.suffix)")
    // 3 new channels + the 2 input channels (layer 1) = 5.
    #expect(model.specText == "input(2x4x4) conv2d(2,3,1,stride=1,pad=0) concat(from=1) batchnorm(5) flatten dense(80,2)")
  }

  @Test("a convolution of fewer channels branches from the block input (ResNet downsampling)")
  func branch() throws {
    let model = try TokenSpecReader.read("""
      dense input LIST_4_4_2 convolutional 2 4 LIST_3_3 LIST_2_2 LIST_1_1 convolutional 2 4 LIST_1_1 LIST_2_2 0 \
      dense output 16 2 \(Self.suffix)
      """)
    #expect(model.specText == "input(2x4x4) conv2d(2,4,3,stride=2,pad=1) take(from=1) conv2d(2,4,1,stride=2,pad=0) flatten dense(16,2)")
    _ = try LayerLowering.graph(model.layers, precision: .fp32)
  }

  @Test("dense and layernorm on channels go channels-last (ConvNeXt)")
  func channelsLast() throws {
    let model = try TokenSpecReader.read("""
      dense input LIST_4_4_2 convolutional 2 8 LIST_1_1 LIST_1_1 0 normalization layer 8 1e-06 dense 8 16 \
      nl_activation gelu dense 16 8 convolutional 8 8 LIST_1_1 LIST_1_1 0 dense output 128 2 \(Self.suffix)
      """)
    #expect(model.specText == """
      input(2x4x4) conv2d(2,8,1,stride=1,pad=0) channelslast layernorm(8) dense(8,16) gelu dense(16,8) channelsfirst \
      conv2d(8,8,1,stride=1,pad=0) flatten dense(128,2)
      """)
    let count = try NetworkCounter.count(try LayerLowering.graph(model.layers, precision: .fp32))
    // dense(8,16) on [1, 4, 4, 8]: 16 positions × 16 outputs × 8 MACs.
    #expect(count.layers.first { $0.opType == "MatMul" }?.forward.macCount == 16 * 16 * 8)
  }

  @Test("bad token strings name the token", arguments: [
    ("dense input LIST_4_4 dense output 16 2 untrained Constant 10 16 SGD", "token 3"),
    ("dense input LIST_4_4_1 frobnicate 3 dense output 16 2 untrained Constant 10 16 SGD", "token 4 ('frobnicate')"),
    ("dense input LIST_4_4_1 dense output 15 2 untrained Constant 10 16 SGD", "dense expects 15 inputs"),
    ("dense input LIST_4_4_1 convolutional 2 3 LIST_1_1 LIST_1_1 0 dense output 48 2 untrained Constant 10 16 SGD", "expects 2 channels"),
    ("dense input LIST_4_4_1 dense output 16 2 untrained Constant ten 16 SGD", "last five tokens"),
    ("dense input LIST_4_4_1 pooling max LIST_5_5 LIST_1_1 0 dense output 16 2 untrained Constant 1 16 SGD", "does not fit"),
    ("dense input LIST_4_4_1 convolutional 1 2 LIST_3_3 LIST_0_0 0 dense output 16 2 untrained Constant 1 16 SGD", "does not fit"),
    ("dense input LIST_4_4_1 convolutional 1 2 LIST_3_5 LIST_1_1 0 dense output 16 2 untrained Constant 1 16 SGD", "not square"),
  ])
  func errors(text: String, expected: String) {
    #expect {
      try TokenSpecReader.read(text)
    } throws: { error in
      (error as? InputError)?.message.contains(expected) == true
    }
  }

  @Test("random token strings are read or rejected with an InputError, never a trap")
  func fuzz() throws {
    let vocabulary = [
      "convolutional", "normalization", "batch", "layer", "nl_activation", "relu", "gelu", "softmax", "pooling", "max",
      "average", "adaptive_avg", "dropout", "dense", "output", "0", "1", "2", "3", "4", "8", "16", "1e-05", "0.1",
      "LIST_1_1", "LIST_2_2", "LIST_3_3", "LIST_0_0", "LIST_2_3", "LIST_", "LIST_x_1", "9999999999999",
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ n: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(n))
    }
    for _ in 0..<2000 {
      let body = (0..<next(24)).map { _ in vocabulary[next(vocabulary.count)] }
      let text = (["dense", "input", "LIST_8_8_\(1 + next(3))"] + body + ["untrained", "Constant", "1", "4", "SGD"]).joined(separator: " ")
      do {
        let model = try TokenSpecReader.read(text)
        _ = try? NetworkCounter.count(try LayerLowering.graph(model.layers, precision: .fp32))
      } catch is InputError {
      }
    }
  }
}
