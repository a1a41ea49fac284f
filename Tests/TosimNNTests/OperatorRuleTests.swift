//===--- OperatorRuleTests.swift -------------------------------------------===//
// Shape and counting rules of single operators: convolution geometry (pads,
// strides, dilation, groups, auto_pad, transpose), broadcasting, reductions,
// data movement, unknown operators and overflow on absurd dimensions.
//===----------------------------------------------------------------------===//
import Testing
import TosimFormats
import TosimNN

@Suite("Operator rules")
struct OperatorRuleTests {
  func layer(_ graph: Graph, _ options: CountOptions = .init()) throws -> LayerCount {
    try #require(try NetworkCounter.count(graph, options: options).layers.first)
  }

  @Test("Conv geometry and MACs")
  func conv() throws {
    // 1-D: 100 samples, k 5, pad 2 → 100 outputs × 16 channels; MACs 1,600 × 3·5 = 24,000.
    let conv1d = try layer(singleNode("Conv", inputs: [("x", [1, 3, 100])], weights: [("w", [16, 3, 5])],
      attributes: [Attribute("pads", .ints([2, 2]))]))
    #expect(conv1d.outputShape == [1, 16, 100] && conv1d.forward.macCount == 24_000)
    // Depthwise 3x3, pad 1: 8·10·10 = 800 outputs × 9 = 7,200 MACs.
    let depthwise = try layer(singleNode("Conv", inputs: [("x", [1, 8, 10, 10])], weights: [("w", [8, 1, 3, 3])],
      attributes: [Attribute("group", .int(8)), Attribute("pads", .ints([1, 1, 1, 1]))]))
    #expect(depthwise.outputShape == [1, 8, 10, 10] && depthwise.forward.macCount == 7_200)
    // Dilation 2 makes a 3-tap kernel span 5: 10 → 6.
    let dilated = try layer(singleNode("Conv", inputs: [("x", [1, 1, 10, 10])], weights: [("w", [1, 1, 3, 3])],
      attributes: [Attribute("dilations", .ints([2, 2]))]))
    #expect(dilated.outputShape == [1, 1, 6, 6])
    // SAME_UPPER with stride 2 on 7 → ceil(7/2) = 4; VALID → (7 − 3)/2 + 1 = 3.
    for (pad, size) in [("SAME_UPPER", 4), ("SAME_LOWER", 4), ("VALID", 3)] {
      let same = try layer(singleNode("Conv", inputs: [("x", [1, 1, 7, 7])], weights: [("w", [2, 1, 3, 3])],
        attributes: [Attribute("auto_pad", .string(pad)), Attribute("strides", .ints([2, 2]))]))
      #expect(same.outputShape == [1, 2, size, size])
    }
    // ConvTranspose stride 2: (5 − 1)·2 + 3 = 11; MACs = 100 inputs × 2·9 = 1,800.
    let transposed = try layer(singleNode("ConvTranspose", inputs: [("x", [1, 4, 5, 5])], weights: [("w", [4, 2, 3, 3])],
      attributes: [Attribute("strides", .ints([2, 2]))]))
    #expect(transposed.outputShape == [1, 2, 11, 11] && transposed.forward.macCount == 1_800)
  }

  @Test("MaxPool with ceil_mode, AveragePool")
  func pooling() throws {
    let pool = try layer(singleNode("MaxPool", inputs: [("x", [1, 2, 5, 5])],
      attributes: [Attribute("kernel_shape", .ints([2, 2])), Attribute("strides", .ints([2, 2])), Attribute("ceil_mode", .int(1))]))
    #expect(pool.outputShape == [1, 2, 3, 3] && pool.forward.ops.counts == [.compare: 18 * 3])
  }

  @Test("Gemm with transposes, alpha and MatMul broadcasting")
  func products() throws {
    let gemm = try layer(singleNode("Gemm", inputs: [("a", [5, 3])], weights: [("b", [4, 5]), ("c", [4])],
      attributes: [Attribute("transA", .int(1)), Attribute("transB", .int(1)), Attribute("alpha", .float(0.5))]))
    // A^T is 3×5, B^T is 5×4 → 12 outputs × 5 = 60 MACs; + 12 bias adds; alpha scales 12 outputs.
    #expect(gemm.outputShape == [3, 4])
    #expect(gemm.forward.ops.counts == [.mul: 60 + 12, .add: 12 * 4 + 12])
    #expect(gemm.forward.flopCount == 2 * 60 + 12 + 12)
    let matmul = try layer(singleNode("MatMul", inputs: [("a", [2, 1, 3, 4]), ("b", [5, 4, 6])]))
    #expect(matmul.outputShape == [2, 5, 3, 6] && matmul.forward.macCount == 180 * 4)
    let vector = try layer(singleNode("MatMul", inputs: [("a", [4]), ("b", [4, 6])]))
    #expect(vector.outputShape == [6])
  }

  @Test("broadcasting elementwise ops and Pow special cases")
  func elementwise() throws {
    let add = try layer(singleNode("Add", inputs: [("a", [2, 1, 4]), ("b", [3, 1])]))
    #expect(add.outputShape == [2, 3, 4] && add.forward.ops.counts == [.add: 24])
    var square = singleNode("Pow", inputs: [("a", [10])], weights: [("p", [])])
    square.initializers[0].floatValues = [2]
    #expect(try layer(square).forward.ops.counts == [.mul: 10])
    let general = try layer(singleNode("Pow", inputs: [("a", [10]), ("p", [10])]))
    #expect(general.forward.ops.counts == [.log: 10, .mul: 10, .exp: 10])
  }

  @Test("reductions and data movement")
  func movement() throws {
    let mean = try layer(singleNode("ReduceMean", inputs: [("x", [2, 3, 4])],
      attributes: [Attribute("axes", .ints([-1])), Attribute("keepdims", .int(0))]))
    #expect(mean.outputShape == [2, 3] && mean.forward.ops.counts == [.add: 18, .div: 6])
    var slice = singleNode("Slice", inputs: [("x", [10, 20])], weights: [("s", [1]), ("e", [1]), ("a", [1]), ("t", [1])])
    for (i, v) in [[1], [Int.max], [1], [3]].enumerated() {
      slice.initializers[i].element = .int64
      slice.initializers[i].integerValues = v
    }
    let sliced = try layer(slice)
    #expect(sliced.outputShape == [10, 7])  // 1, 4, …, 19
    #expect(sliced.forward.ops.counts.isEmpty && sliced.forward.bytesWritten == 70 * 4)
    let transposed = try layer(singleNode("Transpose", inputs: [("x", [2, 3, 4])]))
    #expect(transposed.outputShape == [4, 3, 2])
    let reshape = try layer(singleNode("Flatten", inputs: [("x", [2, 3, 4])]))
    #expect(reshape.outputShape == [2, 12] && reshape.forward == PassCount())
  }

  @Test("inconsistent shapes name the node")
  func inconsistent() {
    let cases = [
      singleNode("Add", inputs: [("a", [2, 3]), ("b", [4])], name: "bad"),
      singleNode("Gemm", inputs: [("a", [2, 3])], weights: [("b", [4, 5])], name: "bad"),
      singleNode("Conv", inputs: [("x", [1, 3, 8, 8])], weights: [("w", [4, 2, 3, 3])], name: "bad"),
      singleNode("Conv", inputs: [("x", [1, 3, 2, 2])], weights: [("w", [4, 3, 3, 3])], name: "bad"),
      singleNode("Reshape", inputs: [("x", [2, 3]), ("s", [2])], name: "bad"),
      singleNode("MaxPool", inputs: [("x", [1, 3, 8, 8])], name: "bad"),
    ]
    for graph in cases {
      #expect {
        try NetworkCounter.count(graph)
      } throws: { error in
        (error as? InputError)?.message.hasPrefix("node 'bad' (\(graph.nodes[0].opType))") == true
      }
    }
  }

  @Test("unknown operators fail, or count as zero-cost with --allow-unknown and the walk goes on")
  func unknown() throws {
    var graph = singleNode("FancyOp", inputs: [("x", [4])], name: "weird")
    graph.nodes.append(Node(name: "after", opType: "Relu", inputs: ["y0"], outputs: ["z"]))
    #expect {
      try NetworkCounter.count(graph)
    } throws: { error in
      (error as? InputError)?.message
        == "node 'weird' (FancyOp): unknown operator FancyOp (pass --allow-unknown to count it as zero-cost when its output shape is known)"
    }
    let count = try NetworkCounter.count(graph, options: .init(inference: .init(allowUnknown: true)))
    #expect(count.layers.map(\.name) == ["after"])
    #expect(count.layers.first?.forward.ops.counts == [.compare: 4])
    #expect(count.skipped.map(\.label) == ["node 'weird' (FancyOp)"])
  }

  @Test("huge dimensions are reported, not trapped")
  func overflow() {
    let graphs = [
      singleNode("Relu", inputs: [("x", [1 << 40, 1 << 40])]),
      singleNode("Gemm", inputs: [("a", [1 << 31, 1 << 31])], weights: [("b", [1 << 31, 1 << 31])]),
      singleNode("Conv", inputs: [("x", [1, 1, 1 << 30, 1 << 30])], weights: [("w", [1 << 20, 1, 1, 1])]),
    ]
    for graph in graphs {
      #expect(throws: InputError.self) { try NetworkCounter.count(graph) }
    }
  }

  @Test("symbolic dimensions take the batch size")
  func batch() throws {
    var graph = singleNode("Relu", inputs: [("x", [0, 10])])
    graph.inputs[0].type?.dimensions = [.symbol("batch"), .value(10)]
    #expect(try layer(graph, .init(inference: .init(batchSize: 32))).forward.ops.counts == [.compare: 320])
  }
}
