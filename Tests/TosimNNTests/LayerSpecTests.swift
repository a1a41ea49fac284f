//===--- LayerSpecTests.swift ----------------------------------------------===//
// The one-line layer spec and the JSON model spec: parsing, errors with
// columns, lowering to graphs, and hand-computed counts.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimFormats
import TosimIO
import TosimNN

@Suite("Layer specs")
struct LayerSpecTests {
  @Test("parses names, positional and key=value arguments")
  func parses() throws {
    let layers = try LayerSpecParser.parse(" conv2d(c_in=3, c_out=64,k=3, in=32x32) ReLU maxpool(2)  dense(16384,10,bias=false) ")
    #expect(layers.map(\.name) == ["conv2d", "relu", "maxpool", "dense"])
    #expect(layers[0].keywords.map(\.key) == ["c_in", "c_out", "k", "in"])
    #expect(layers[0].keywords.last?.value == "32x32")
    #expect(layers[2].positional == ["2"])
    #expect(layers[3].positional == ["16384", "10"])
    #expect(layers[3].keywords == [.init("bias", "false")])
    #expect(layers[1].location == "column 41")
  }

  @Test("syntax errors name the column", arguments: [
    ("dense(784,512 relu", "column 15"), ("dense(784,,512)", "column 11"), ("dense(784,512)relu", "column 15"),
    ("3dense", "column 1"), ("dense(in=784,512)", "column 14"), ("dense(784", "column 10"), ("", "empty"),
    ("dense(=3)", "column 7"),
  ])
  func syntaxErrors(spec: String, expected: String) {
    do {
      _ = try LayerSpecParser.parse(spec)
      Issue.record("parsed '\(spec)'")
    } catch let error as InputError {
      #expect(error.description.contains(expected), "\(error)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("semantic errors name the layer", arguments: [
    ("dense(784,512) relu dense(500,10)", "layer 3 'dense(500,10)' at column 21: expects 500 input features"),
    ("relu dense(3,4)", "first layer must fix the input shape"),
    ("dense(784)", "missing argument 'out'"),
    ("dense(784,x)", "argument 'out' should be a whole number"),
    ("dense(784,10,bias=maybe)", "should be true or false"),
    ("dense(784,10) frobnicate", "unknown layer 'frobnicate'"),
    ("conv2d(3,8,3)", "needs its input size"),
    ("conv2d(3,8,3,in=4x4) conv2d(4,8,3)", "expects 4 channels"),
    ("conv2d(3,8,5,in=4x4)", "kernel extent 5 exceeds"),
    ("dense(10,10,k=3)", "unknown argument 'k'"),
    ("dense(9999999999999999999,10)", "whole number"),
  ])
  func semanticErrors(spec: String, expected: String) {
    do {
      _ = try countSpec(spec)
      Issue.record("counted '\(spec)'")
    } catch let error as InputError {
      #expect(error.description.contains(expected), "\(error)")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  @Test("MLP counts by hand")
  func mlpCounts() throws {
    // dense(784,512): E = 512 outputs, K = 784 → mul 512·784 = 401,408; add 512·783 + 512 (bias) = 401,408.
    // relu: 512 compares. dense(512,10): mul 5,120; add 10·511 + 10 = 5,120. softmax: 10 elements.
    let count = try countSpec("dense(784,512) relu dense(512,10) softmax")
    let total = try count.stepTotal()
    #expect(total.ops.counts == [.mul: 406_528, .add: 406_528, .compare: 512, .softmax: 10])
    #expect(total.macCount == 401_408 + 5_120)
    // FLOPs: 2·401,408 + 512 bias + 512 relu + 2·5,120 + 10 bias + 10 softmax = 814,100.
    #expect(total.flopCount == 814_100)
    #expect(try count.parameterCount() == 784 * 512 + 512 + 512 * 10 + 10)
    // Bytes read by the first Gemm: input 784 + W 401,408 + b 512 floats = 402,704 × 4.
    #expect(count.layers[0].forward.bytesRead == 402_704 * 4)
    #expect(count.layers[0].forward.bytesWritten == 512 * 4)
    // Batch 4 scales every count but not the parameters.
    let batched = try countSpec("dense(784,512) relu dense(512,10) softmax", options: .init(inference: .init(batchSize: 4)))
    #expect(try batched.stepTotal().macCount == 4 * 406_528)
    #expect(try batched.parameterCount() == 407_050)
  }

  @Test("CNN spec: shapes through conv, pool, flatten")
  func cnn() throws {
    let count = try countSpec(
      "conv2d(c_in=3,c_out=64,k=3,stride=1,pad=1,dilation=1,groups=1,in=32x32) relu maxpool(k=2,stride=2) flatten dense(16384,10)")
    #expect(count.layers.map(\.outputShape) == [[1, 64, 32, 32], [1, 64, 32, 32], [1, 64, 16, 16], [1, 16384], [1, 10]])
    // conv: 65,536 outputs × 27 = 1,769,472 MACs; maxpool 2x2: 16,384 outputs × 3 compares.
    #expect(count.layers[0].forward.macCount == 1_769_472)
    #expect(count.layers[2].forward.ops.counts == [.compare: 49_152])
    #expect(count.layers[3].forward == PassCount())  // flatten is a view
  }

  @Test("every layer kind lowers and counts")
  func everyLayer() throws {
    let spec = """
      input(3x16x16) conv2d(3,8,3,pad=1) batchnorm leakyrelu(alpha=0.1) avgpool(2) conv2d(8,8,3,pad=1,groups=8) \
      hardswish globalavgpool flatten dense(8,16) layernorm gelu silu elu selu softplus hardsigmoid sigmoid tanh \
      dropout(0.1) dense(16,4) softmax
      """
    let count = try countSpec(spec)
    #expect(count.layers.last?.outputShape == [1, 4])
    // depthwise conv: 8 × 8 × 8 outputs × (1 × 9) = 4,608 MACs
    #expect(count.layers[4].opType == "Conv" && count.layers[4].forward.macCount == 4_608)
    let recurrent = try countSpec("lstm(28,64,seq=28) dense(64,10)")
    // 28 steps × 4 gates × 64 × (28 + 64) = 659,456 MACs, as the ONNX LSTM fixture.
    #expect(recurrent.layers[0].forward.macCount == 659_456)
    #expect(try countSpec("gru(10,20,seq=5,sequences=true) dense(20,2)").layers.last?.outputShape == [5, 1, 2])
    #expect(try countSpec("rnn(10,20) dense(20,2)").layers[0].forward.macCount == 20 * 30)
    #expect(try countSpec("conv1d(c_in=2,c_out=4,k=3,in=10) relu").layers[0].outputShape == [1, 4, 8])
  }

  @Test("JSON model spec equals the layer spec")
  func jsonSpec() throws {
    let spec = try ModelSpecReader.read(path: Fixtures.path("mlp.json"))
    #expect(spec.name == "mlp-json")
    #expect(spec.layers.map(\.text) == ["dense(in=784,out=512)", "relu", "dropout(p=0.2)", "dense(512,10,bias=false)", "softmax"])
    let fromJSON = try NetworkCounter.count(try LayerLowering.graph(spec.layers, precision: .fp32))
    let fromText = try countSpec("dense(784,512) relu dropout(0.2) dense(512,10,bias=false) softmax")
    #expect(try fromJSON.stepTotal() == fromText.stepTotal())
  }

  @Test("malformed JSON specs are InputErrors", arguments: [
    ("{\"layers\": [", "malformed JSON"), ("[]", "should be an object"), ("{\"layers\": []}", "non-empty array"),
    ("{\"layers\": [{\"in\": 3}]}", "layers[0].layer: is missing"), ("{\"layers\": [{\"layer\": \"dense\", \"in\": {}}]}", "layers[0].in"),
    ("{\"schema\": \"other/2\", \"layers\": [\"relu\"]}", "schema"),
  ])
  func badJSON(text: String, expected: String) {
    do {
      _ = try ModelSpecReader.decode(Data(text.utf8), file: "spec.json")
      Issue.record("decoded \(text)")
    } catch let error as InputError {
      #expect(error.description.contains(expected), "\(error)")
      #expect(error.file == "spec.json")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
