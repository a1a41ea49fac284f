//===--- CounterHardeningTests.swift ---------------------------------------===//
// Regression tests of the network counter's crash and defect fixes: rank-0
// Concat and Gather, layer-spec overflow, parameters at integer precisions,
// repeated layer-spec keys, duplicate node outputs, out-of-range axes,
// non-positive opsets, cost-table checks, and the operator-rule registry.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimFormats
import TosimIO
import TosimNN

@Suite("Counter hardening")
struct CounterHardeningTests {
  /// The message of the InputError `body` throws, or `nil` when it succeeds or throws something else.
  func message(_ body: () throws -> some Any) -> String? { inputErrorMessage(body) }

  @Test("rank-0 Concat and Gather are InputErrors naming the node and axis")
  func rankZero() throws {
    let concat = singleNode("Concat", inputs: [("a", []), ("b", [])], attributes: [Attribute("axis", .int(0))], name: "cat")
    #expect(message { try NetworkCounter.count(concat) } == "node 'cat' (Concat): axis 0 given for a rank-0 tensor, which has no axes")
    var gather = singleNode("Gather", inputs: [("x", [])], weights: [("i", [2])], name: "pick")
    gather.initializers[0].element = .int64
    gather.initializers[0].integerValues = [0, 0]
    #expect(message { try NetworkCounter.count(gather) } == "node 'pick' (Gather): axis 0 given for a rank-0 tensor, which has no axes")
    // Rank 1 still works: indices [2] of a [4] vector give [2].
    gather.inputs[0].type?.dimensions = [.value(4)]
    #expect(try NetworkCounter.count(gather).layers[0].outputShape == [2])
  }

  @Test("out-of-range axes are InputErrors", arguments: [Int.min, Int.max, 2, -3])
  func axes(axis: Int) {
    let softmax = singleNode("Softmax", inputs: [("x", [2, 3])], attributes: [Attribute("axis", .int(axis))], name: "s")
    #expect(message { try NetworkCounter.count(softmax) } == "node 's' (Softmax): axis \(axis) is out of range for rank 2")
  }

  @Test("in-range Softmax axes count one softmax per element", arguments: [-2, -1, 0, 1])
  func softmaxAxes(axis: Int) throws {
    let softmax = singleNode("Softmax", inputs: [("x", [2, 3])], attributes: [Attribute("axis", .int(axis))])
    #expect(try NetworkCounter.count(softmax).layers[0].forward.ops.counts == [.softmax: 6])
  }

  @Test("bad window attributes name the node and attribute", arguments: [
    ("Conv", Attribute("strides", .ints([0, 1])), "attribute 'strides' [0, 1] should be 2 values of at least 1"),
    ("Conv", Attribute("dilations", .ints([1])), "attribute 'dilations' [1] should be 2 values of at least 1"),
    ("Conv", Attribute("pads", .ints([0, 0, -1, 0])), "attribute 'pads' [0, 0, -1, 0] should be 4 values of at least 0"),
    ("Conv", Attribute("group", .int(0)), "attribute 'group' is 0"),
    ("Conv", Attribute("auto_pad", .string("SOMETIMES")), "attribute 'auto_pad' is 'SOMETIMES'"),
    ("Conv", Attribute("dilations", .ints([Int.max, 1])), "overflows a 64-bit integer"),
    ("ConvTranspose", Attribute("output_padding", .ints([Int.max, 0])), "overflows a 64-bit integer"),
    ("ConvTranspose", Attribute("strides", .ints([Int.max, 1])), "overflows a 64-bit integer"),
  ])
  func windowAttributes(op: String, attribute: Attribute, expected: String) {
    let graph = singleNode(op, inputs: [("x", [1, 2, 5, 5])], weights: [("w", [2, 2, 3, 3])], attributes: [attribute], name: "w")
    let text = message { try NetworkCounter.count(graph) }
    #expect(text?.hasPrefix("node 'w' (\(op)): ") == true && text?.contains(expected) == true, "\(text ?? "no error")")
  }

  @Test("layer-spec sizes go through checked arithmetic")
  func layerSpecOverflow() {
    let text = message { try countSpec("conv1d(1,1,1099511627776,dilation=1099511627776,in=32)") }
    #expect(text?.contains("layer 1 'conv1d(1,1,1099511627776,dilation=1099511627776,in=32)' at column 1") == true)
    #expect(text?.contains("overflows a 64-bit integer") == true)
    // 2^40 × 2^40 weights do not fit either.
    #expect(message { try countSpec("dense(1099511627776,1099511627776)") }?.contains("overflows") == true)
  }

  @Test("integer precisions count parameters and the optimizer update")
  func integerParameters() throws {
    let training = CountOptions(mode: .training(.sgd))
    let count = try countSpec("dense(784,512)", options: training, precision: .int8)
    // W 512 × 784 + b 512 = 401,920 parameters, one byte each.
    #expect(try count.parameterCount() == 401_920 && count.layers[0].precision == .int8)
    let update = try #require(count.optimizerByPrecision[.int8])
    #expect(update.ops.counts == [.mul: 401_920, .add: 401_920])
    #expect(update.bytesRead == 2 * 401_920 && update.bytesWritten == 401_920)
    // ONNX float weights counted at --precision int16 are parameters too.
    var options = training
    options.inference.precisionOverride = .int16
    let gemm = singleNode("Gemm", inputs: [("a", [1, 3])], weights: [("b", [3, 4])])
    #expect(try NetworkCounter.count(gemm, options: options).parameterCount() == 12)
    // Shape vectors are not: the int64 target of a Reshape, or a known int64 scale of shape arithmetic.
    var reshape = singleNode("Reshape", inputs: [("x", [2, 3])], weights: [("s", [1])])
    reshape.initializers[0].element = .int64
    reshape.initializers[0].integerValues = [6]
    #expect(try NetworkCounter.count(reshape).parameterCount() == 0)
    var scale = singleNode("Mul", inputs: [("x", [2])], weights: [("k", [1])], element: .int64)
    scale.initializers[0].integerValues = [4]
    #expect(try NetworkCounter.count(scale).parameterCount() == 0)
  }

  @Test("a layer-spec argument given twice is an error", arguments: [
    "dense(in=784,out=512,in=3)", "dense(784,512,in=3)", "conv2d(3,8,3,in=4x4,k=5)",
  ])
  func duplicateKeys(spec: String) {
    #expect(message { try countSpec(spec) }?.contains("given twice") == true)
  }

  @Test("a JSON model spec whose keys differ only in case repeats an argument")
  func duplicateJSONKeys() throws {
    let spec = try ModelSpecReader.decode(Data(#"{"layers": [{"layer": "dense", "in": 784, "IN": 3, "out": 2}]}"#.utf8), file: "m.json")
    #expect(message { try LayerLowering.graph(spec.layers, precision: .fp32) }?.contains("argument 'in' given twice") == true)
  }

  @Test("a JSON model spec repeating a key in one object is an error", arguments: [
    #"{"layers": [{"layer": "dense", "in": 784, "in": 3, "out": 2}]}"#,
    #"{"name": "a", "layers": ["relu"], "name": "b"}"#,
    #"{"layers": [{"layer": "dense", "args": [784, 2], "bias": true, "bias": false}]}"#,
  ])
  func repeatedJSONKeys(text: String) {
    #expect(message { try ModelSpecReader.decode(Data(text.utf8), file: "m.json") }?.contains("appears twice in one object") == true)
  }

  @Test("keys may repeat across objects, inside strings and after escaped quotes")
  func distinctJSONKeys() throws {
    let text = #"{"name": "in \"in\": 1, \"in\"", "layers": [{"layer": "dense", "in": 4, "out": 2}, {"layer": "dense", "in": 2, "out": 1}]}"#
    #expect(try ModelSpecReader.decode(Data(text.utf8), file: "m.json").layers.count == 2)
  }

  @Test("a value produced twice is an error")
  func duplicateOutputs() {
    var graph = singleNode("Relu", inputs: [("x", [2])], name: "first")
    graph.nodes.append(Node(name: "second", opType: "Relu", inputs: ["x"], outputs: ["y0"]))
    #expect(message { try NetworkCounter.count(graph) }?.hasPrefix("node 'second' (Relu): output 'y0' is already produced") == true)
    let overwritesInput = Graph(
      name: "g", nodes: [Node(name: "n", opType: "Relu", inputs: ["x"], outputs: ["x"])],
      inputs: [ValueInfo(name: "x", type: TensorType(element: .float, dimensions: [.value(2)]))])
    #expect(message { try NetworkCounter.count(overwritesInput) }?.contains("output 'x' is already produced") == true)
    let twiceInOneNode = Graph(
      name: "g", nodes: [Node(name: "d", opType: "Dropout", inputs: ["x"], outputs: ["y", "y"])],
      inputs: [ValueInfo(name: "x", type: TensorType(element: .float, dimensions: [.value(2)]))])
    #expect(message { try NetworkCounter.count(twiceInOneNode) }?.contains("output 'y' is already produced") == true)
  }

  @Test("opset versions below 1 are errors", arguments: [0, -1, Int.min])
  func opset(version: Int) {
    let graph = singleNode("Relu", inputs: [("x", [2])], opset: version)
    #expect(message { try NetworkCounter.count(graph) } == "opset version \(version) of the default ONNX domain is not positive")
  }

  @Test("an ONNX file importing opset 0 is an InputError naming the file")
  func onnxOpset() throws {
    // ModelProto { graph (7): empty GraphProto; opset_import (8): { version (2): v } }.
    for version: [UInt8] in [[0x00], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]] {
      let bytes: [UInt8] = [0x3A, 0x00, 0x42, UInt8(1 + version.count), 0x10] + version
      #expect(message { try ONNXReader.decode(Data(bytes), file: "m.onnx") }?.hasPrefix("m.onnx: opset_import of the default ONNX domain has version") == true)
    }
    #expect(try ONNXReader.decode(Data([0x3A, 0x00, 0x42, 0x02, 0x10, 0x0D]), file: "m.onnx").opsetVersion == 13)
  }

  @Test("cost tables: one per precision, and unused ones are reported")
  func tables() throws {
    let count = try countSpec("dense(4,3) relu")
    #expect(try count.precisionsNeedingTables() == [.fp32])
    #expect(try count.costTableWarnings(given: [("a.json", .fp32)]).isEmpty)
    #expect(try count.costTableWarnings(given: [("a.json", .fp32), ("h.json", .fp16)]) == [
      "warning: h.json is a fp16 cost table, but the count has ops at fp32 only; it is not used",
    ])
    #expect(message { try count.costTableWarnings(given: [("a.json", .fp32), ("b.json", .fp32)]) }
      == "b.json: a.json and b.json are both fp32 cost tables; give one table per precision")
    let views = try countSpec("input(4) flatten")
    #expect(try views.costTableWarnings(given: [("a.json", .fp32)]) == [
      "warning: a.json is a fp32 cost table, but no layer has arithmetic ops; it is not used",
    ])
  }

  @Test("every operator has exactly one rule, in one family")
  func registry() {
    let declared = OperatorRule.families.flatMap { $0.rules.map(\.opType) }
    #expect(declared.count == Set(declared).count)
    #expect(Set(declared) == Set(OperatorRule.all.keys))
    #expect(OperatorRule.all.values.allSatisfy { OperatorRule.all[$0.opType]?.opType == $0.opType })
    // Data movement is declared once: views move no bytes, copies no arithmetic.
    let views = OperatorRule.all.values.filter { $0.movement == .view }.map(\.opType).sorted()
    #expect(views == ["Constant", "Dropout", "Flatten", "Identity", "Reshape", "Shape", "Squeeze", "Unsqueeze"])
    let copies = OperatorRule.all.values.filter { $0.movement == .copy }.map(\.opType).sorted()
    #expect(copies == [
      "Cast", "Concat", "ConstantOfShape", "DepthToSpace", "Expand", "Gather", "Pad", "Slice", "SpaceToDepth", "Split", "Tile",
      "Transpose",
    ])
    #expect(OperatorRule.rule(for: "Relu", domain: "com.microsoft") == nil && OperatorRule.rule(for: "Relu", domain: "ai.onnx") != nil)
  }
}
