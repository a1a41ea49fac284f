//===--- ExportOperatorTests.swift -----------------------------------------===//
// Shape and count rules of the operators raw PyTorch exports use beyond the
// classic set (Clip, Mod, ConstantOfShape, Expand, Max/Min, comparisons,
// Where, Tile, Split, Resize, ReduceMax/Min/L2, ArgMax, TopK, CumSum,
// InstanceNormalization, Einsum, DepthToSpace, SpaceToDepth, Range, rounding,
// Sin/Cos and the extra activations), each against a hand count, and their
// bad attributes and shapes as InputErrors naming node and attribute.
//===----------------------------------------------------------------------===//
import Testing
import TosimFormats
import TosimNN

@Suite("Export operators")
struct ExportOperatorTests {
  func layer(_ graph: Graph, training: Bool = false) throws -> LayerCount {
    // The operator is the graph's first layer: its input gradient is asked for, so its backward rule is counted.
    var options = CountOptions(mode: training ? .training(.sgd) : .inference)
    options.inputGradient = true
    return try #require(try NetworkCounter.count(graph, options: options).layers.last)
  }

  /// A one-node graph whose `constants` are int64 (or, with floats, float) initializers with known values.
  func node(
    _ op: String, _ inputs: [(String, [Int])], constants: [(String, [Int], [Int])] = [], floats: [(String, [Int], [Double])] = [],
    _ attributes: [Attribute] = [], outputs: Int = 1, opset: Int = 17
  ) -> Graph {
    var graph = singleNode(op, inputs: inputs, attributes: attributes, outputs: outputs, opset: opset)
    for (name, dims, values) in constants {
      graph.initializers.append(Initializer(name: name, element: .int64, dimensions: dims, integerValues: values))
    }
    for (name, dims, values) in floats {
      graph.initializers.append(Initializer(name: name, element: .float, dimensions: dims, floatValues: values))
    }
    graph.nodes[0].inputs = inputs.map(\.0) + constants.map(\.0) + floats.map(\.0)
    return graph
  }

  func rejects(_ graph: Graph, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(sourceLocation: sourceLocation) {
      try NetworkCounter.count(graph)
    } throws: { error in
      guard let message = (error as? InputError)?.message else { return false }
      return message.hasPrefix("node 'n' (") && message.contains(fragment)
    }
  }

  @Test("Clip: one compare per given bound, bounds are not parameters")
  func clip() throws {
    let relu6 = try layer(node("Clip", [("x", [2, 3])], floats: [("lo", [], [0]), ("hi", [], [6])]), training: true)
    #expect(relu6.outputShape == [2, 3] && relu6.forward.ops.counts == [.compare: 12] && relu6.backward.ops.counts == [.compare: 12])
    #expect(relu6.parameterCount == 0)
    let old = try layer(node("Clip", [("x", [5])], [Attribute("max", .float(1))], opset: 9))
    #expect(old.forward.ops.counts == [.compare: 5])
    rejects(node("Clip", [("x", [5])], floats: [("lo", [2], [0, 1])]), "min (input 1) must be a scalar")
  }

  @Test("Mod, rounding, Sign, Sin and Cos")
  func unary() throws {
    let mod = try layer(node("Mod", [("a", [2, 3]), ("b", [3])]))
    #expect(mod.outputShape == [2, 3] && mod.forward.ops.counts == [.div: 6, .compare: 6, .mul: 6, .sub: 6])
    rejects(node("Mod", [("a", [2]), ("b", [2])], [Attribute("fmod", .int(2))]), "attribute 'fmod' is 2")
    for op in ["Floor", "Ceil", "Round", "Sign"] {
      let l = try layer(node(op, [("x", [7])]), training: true)
      #expect(l.forward.ops.counts == [.compare: 7] && l.backward.ops.counts.isEmpty, "\(op)")
    }
    let sin = try layer(node("Sin", [("x", [10])]), training: true)
    #expect(sin.forward.ops.counts == [.mul: 90, .add: 50, .sub: 10, .compare: 10])
    #expect(sin.backward.ops.counts == [.mul: 100, .add: 50, .sub: 10, .compare: 10])
  }

  @Test("Max, Min, comparisons, Where, IsNaN")
  func comparisons() throws {
    let max3 = try layer(singleNode("Max", inputs: [("a", [4, 1]), ("b", [3]), ("c", [1])]))
    #expect(max3.outputShape == [4, 3] && max3.forward.ops.counts == [.compare: 24])
    for op in ["Equal", "Less", "Greater", "GreaterOrEqual", "LessOrEqual"] {
      let l = try layer(node(op, [("a", [2, 1]), ("b", [5])]))
      #expect(l.outputShape == [2, 5] && l.forward.ops.counts == [.compare: 10] && l.forward.bytesWritten == 10, "\(op)")
    }
    let graph = Graph(
      name: "w", nodes: [Node(name: "n", opType: "Where", inputs: ["c", "x", "y"], outputs: ["z"])],
      inputs: [ValueInfo(name: "c", type: TensorType(element: ElementType(onnxCode: 9)!, dimensions: [.value(2), .value(1)])),
        ValueInfo(name: "x", type: TensorType(element: .float, dimensions: [.value(3)])),
        ValueInfo(name: "y", type: TensorType(element: .float, dimensions: []))])
    let w = try layer(graph, training: true)
    #expect(w.outputShape == [2, 3] && w.forward.ops.counts == [.compare: 6] && w.backward.ops.counts == [.compare: 12])
    #expect(try layer(node("IsNaN", [("x", [3, 3])])).forward.ops.counts == [.compare: 9])
    let and = try layer(node("And", [("a", [4]), ("b", [1])]))
    #expect(and.forward.ops.counts.isEmpty && and.forward.bytesWritten == 4)
    rejects(node("Equal", [("a", [2]), ("b", [3])]), "do not broadcast")
  }

  @Test("ArgMax and TopK")
  func indices() throws {
    let arg = try layer(node("ArgMax", [("x", [2, 5])], [Attribute("axis", .int(1)), Attribute("keepdims", .int(0))]))
    #expect(arg.outputShape == [2] && arg.forward.ops.counts == [.compare: 8])
    rejects(node("ArgMax", [("x", [2, 5])], [Attribute("axis", .int(2))]), "axis 2 is out of range")
    // k = 3 of 8: ⌈log2 4⌉ = 2 compares per input element.
    let top = try layer(node("TopK", [("x", [2, 8])], constants: [("k", [1], [3])], outputs: 2))
    #expect(top.outputShape == [2, 3] && top.forward.ops.counts == [.compare: 32])
    rejects(node("TopK", [("x", [2, 8])], constants: [("k", [1], [9])], outputs: 2), "K = 9 is outside 0...8")
  }

  @Test("ReduceMax, ReduceMin, ReduceL2 (opset 18 axes input), CumSum")
  func reductions() throws {
    let r = try layer(node("ReduceMax", [("x", [2, 3, 4])], constants: [("a", [1], [1])], opset: 18))
    #expect(r.outputShape == [2, 1, 4] && r.forward.ops.counts == [.compare: 16])
    let l2 = try layer(node("ReduceL2", [("x", [2, 3])], [Attribute("axes", .ints([1])), Attribute("keepdims", .int(0))], opset: 17))
    #expect(l2.outputShape == [2] && l2.forward.ops.counts == [.mul: 6, .add: 4, .sqrt: 2])
    let mean18 = try layer(node("ReduceMean", [("x", [2, 3])], constants: [("a", [1], [-1])], opset: 18))
    #expect(mean18.outputShape == [2, 1] && mean18.forward.ops.counts == [.add: 4, .div: 2])
    let sum18 = try layer(node("ReduceSum", [("x", [2, 3])], constants: [("a", [1], [0])], [Attribute("keepdims", .int(0))], opset: 18))
    #expect(sum18.outputShape == [3] && sum18.forward.ops.counts == [.add: 3])
    // Pad from opset 18: pads for the axes named by input 3 only.
    var pad = node("Pad", [("x", [2, 3, 4])], constants: [("p", [2], [1, 2]), ("a", [1], [-1])], opset: 18)
    pad.nodes[0].inputs = ["x", "p", "", "a"]
    #expect(try layer(pad).outputShape == [2, 3, 7])
    pad.initializers[0].integerValues = [1, 2, 3, 4]
    rejects(pad, "pads [1, 2, 3, 4] need 2 entries")
    let cum = try layer(node("CumSum", [("x", [3, 4])], constants: [("a", [], [1])]), training: true)
    #expect(cum.outputShape == [3, 4] && cum.forward.ops.counts == [.add: 9] && cum.backward.ops.counts == [.add: 9])
    rejects(node("CumSum", [("x", [3, 4])], constants: [("a", [], [1])], [Attribute("reverse", .int(3))]), "attribute 'reverse' is 3")
  }

  @Test("Expand, Tile, Split (13 and 18 forms), DepthToSpace, SpaceToDepth, ConstantOfShape, Range")
  func layout() throws {
    let e = try layer(node("Expand", [("x", [3, 1])], constants: [("s", [3], [2, 1, 4])]))
    #expect(e.outputShape == [2, 3, 4] && e.forward.bytesWritten == 96 && e.forward.ops.counts.isEmpty)
    rejects(node("Expand", [("x", [3, 2])], constants: [("s", [2], [3, 4])]), "do not broadcast")
    #expect(try layer(node("Tile", [("x", [2, 3])], constants: [("r", [2], [3, 1])])).outputShape == [6, 3])
    rejects(node("Tile", [("x", [2, 3])], constants: [("r", [1], [3])]), "repeats [3] need one entry per dimension")
    let split13 = try NetworkCounter.count(node("Split", [("x", [2, 10])], constants: [("s", [2], [3, 7])], [Attribute("axis", .int(1))], outputs: 2))
    #expect(split13.layers.count == 1)
    let inferred = try ShapeInference.infer(node("Split", [("x", [2, 10])], [Attribute("axis", .int(1)), Attribute("num_outputs", .int(3))], outputs: 3, opset: 18))
    #expect(inferred.nodes[0].outputs.map(\.shape) == [[2, 4], [2, 4], [2, 2]])
    let legacy = try ShapeInference.infer(node("Split", [("x", [6])], [Attribute("split", .ints([1, 5]))], outputs: 2, opset: 11))
    #expect(legacy.nodes[0].outputs.map(\.shape) == [[1], [5]])
    rejects(node("Split", [("x", [2, 10])], [Attribute("axis", .int(1))], outputs: 3, opset: 18), "attribute 'num_outputs' or input 'split' is required")
    rejects(node("Split", [("x", [10])], constants: [("s", [2], [3, 6])], outputs: 2), "sums to 9")
    #expect(try layer(node("DepthToSpace", [("x", [1, 8, 2, 3])], [Attribute("blocksize", .int(2))])).outputShape == [1, 2, 4, 6])
    #expect(try layer(node("SpaceToDepth", [("x", [1, 2, 4, 6])], [Attribute("blocksize", .int(2))])).outputShape == [1, 8, 2, 3])
    rejects(node("DepthToSpace", [("x", [1, 6, 2, 3])], [Attribute("blocksize", .int(2))]), "not a multiple of blocksize²")
    rejects(node("SpaceToDepth", [("x", [1, 6, 2, 3])], [Attribute("blocksize", .int(0))]), "attribute 'blocksize' is 0")
    // Small constant results are shape arithmetic and fold away; large ones are counted.
    let fill = try layer(node("ConstantOfShape", [], constants: [("s", [2], [300, 50])],
      [Attribute("value", .tensor(Initializer(name: "v", element: .int64, dimensions: [1], integerValues: [7])))]))
    #expect(fill.outputShape == [300, 50] && fill.forward.bytesWritten == 120_000)
    let small = try ShapeInference.infer(node("ConstantOfShape", [], constants: [("s", [2], [3, 5])]))
    #expect(small.nodes.isEmpty && small.foldedCount == 1 && small.tensors["y0"]?.floatValues == Array(repeating: 0, count: 15))
    rejects(node("ConstantOfShape", [], constants: [("s", [2], [3, -5])]), "negative size -5")
    let range = try layer(node("Range", [], constants: [("a", [], [2]), ("b", [], [30_001]), ("d", [], [3])]))
    #expect(range.outputShape == [10_000] && range.forward.ops.counts == [.add: 10_000])
    let down = try ShapeInference.infer(node("Range", [], floats: [("a", [], [1]), ("b", [], [-1]), ("d", [], [-0.5])]))
    #expect(down.tensors["y0"]?.floatValues == [1, 0.5, 0, -0.5])
    rejects(node("Range", [], constants: [("a", [], [0]), ("b", [], [4]), ("d", [], [0])]), "delta (input 2) is 0")
  }

  @Test("ScatterND and ScatterElements: the data's shape, one op per update under a reduction")
  func scatter() throws {
    var graph = node("ScatterND", [("x", [4, 3]), ("u", [2, 3])], constants: [("i", [2, 1], [0, 2])])
    graph.nodes[0].inputs = ["x", "i", "u"]
    let plain = try layer(graph)
    #expect(plain.outputShape == [4, 3] && plain.forward.ops.counts.isEmpty)
    var added = node("ScatterND", [("x", [4, 3])], constants: [("i", [2, 1], [0, 2])], [Attribute("reduction", .string("add"))])
    added.inputs.append(ValueInfo(name: "u", type: TensorType(element: .float, dimensions: [.value(2), .value(3)])))
    added.nodes[0].inputs = ["x", "i", "u"]
    #expect(try layer(added).forward.ops.counts == [.add: 6])
    added.nodes[0].attributes = [Attribute("reduction", .string("sum"))]
    rejects(added, "attribute 'reduction' is 'sum'")
    var elements = node("ScatterElements", [("x", [4, 3]), ("u", [1, 3])], constants: [("i", [1, 2], [0, 1])])
    elements.nodes[0].inputs = ["x", "i", "u"]
    rejects(elements, "must have equal shapes of the data's rank 2")
  }

  @Test("Resize: sizes, scales, nearest and linear counts")
  func resize() throws {
    let nearest = try layer(node("Resize", [("x", [1, 2, 4, 4])], floats: [("roi", [0], []), ("sc", [4], [1, 1, 2, 2])]))
    #expect(nearest.outputShape == [1, 2, 8, 8] && nearest.forward.ops.counts.isEmpty && nearest.parameterCount == 0)
    // Bilinear on 2 axes: 3 lerps (sub, mul, add) per output element of 128.
    var linear = node("Resize", [("x", [1, 2, 4, 4])], constants: [("sz", [4], [1, 2, 8, 8])], [Attribute("mode", .string("linear"))])
    linear.nodes[0].inputs = ["x", "", "", "sz"]
    #expect(try layer(linear).forward.ops.counts == [.sub: 384, .mul: 384, .add: 384])
    rejects(node("Resize", [("x", [1, 2])], floats: [("roi", [0], []), ("sc", [2], [1, 0])]), "must be positive")
    rejects(node("Resize", [("x", [1, 2])], floats: [("roi", [0], []), ("sc", [2], [1, 2])], [Attribute("mode", .string("area"))]),
      "attribute 'mode' is 'area'")
  }

  @Test("InstanceNormalization and Einsum")
  func normalisationAndEinsum() throws {
    var graph = singleNode("InstanceNormalization", inputs: [("x", [2, 3, 4])], weights: [("s", [3]), ("b", [3])])
    let inst = try layer(graph)
    // 6 instances of 4: adds 6·(2·3 + 1) + 24 bias, divs 12, rsqrt 6, subs 24, muls 72.
    #expect(inst.outputShape == [2, 3, 4] && inst.forward.ops.counts == [.add: 66, .div: 12, .rsqrt: 6, .sub: 24, .mul: 72])
    graph.initializers[0].dimensions = [4]
    rejects(graph, "expected [3] (one per channel)")
    // bij,bjk->bik counts exactly as the MatMul of the same shapes.
    let einsum = try layer(singleNode("Einsum", inputs: [("a", [2, 3, 4]), ("b", [2, 4, 5])],
      attributes: [Attribute("equation", .string("bij,bjk->bik"))]))
    let matmul = try layer(singleNode("MatMul", inputs: [("a", [2, 3, 4]), ("b", [2, 4, 5])]))
    #expect(einsum.outputShape == [2, 3, 5] && einsum.forward == matmul.forward)
    let implicit = try layer(singleNode("Einsum", inputs: [("a", [7, 3, 4]), ("b", [4, 5])],
      attributes: [Attribute("equation", .string("...ij,jk"))]))
    #expect(implicit.outputShape == [7, 3, 5] && implicit.forward.macCount == 7 * 3 * 4 * 5)
    rejects(singleNode("Einsum", inputs: [("a", [2, 3]), ("b", [4, 5])], attributes: [Attribute("equation", .string("ij,jk->ik"))]),
      "label 'j' has sizes 3 and 4")
    rejects(singleNode("Einsum", inputs: [("a", [2, 3])]), "attribute 'equation' is required")
  }

  @Test("Mish, Softsign, ThresholdedRelu, Celu, HardSwish, HardSigmoid")
  func activations() throws {
    #expect(try layer(node("Mish", [("x", [4])])).forward.ops.counts == [.softplus: 4, .tanh: 4, .mul: 4])
    #expect(try layer(node("Softsign", [("x", [4])])).forward.ops.counts == [.compare: 4, .add: 4, .div: 4])
    #expect(try layer(node("ThresholdedRelu", [("x", [4])])).forward.ops.counts == [.compare: 4])
    #expect(try layer(node("Celu", [("x", [4])])).forward.ops.counts == [.div: 4, .elu: 4, .mul: 4])
    rejects(node("Celu", [("x", [4])], [Attribute("alpha", .float(0))]), "attribute 'alpha' is 0.0")
    #expect(try layer(node("HardSwish", [("x", [4])])).forward.ops.counts == [.mul: 8, .add: 4, .compare: 8])
  }
}
