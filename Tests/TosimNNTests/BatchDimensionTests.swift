//===--- BatchDimensionTests.swift -----------------------------------------===//
// The batch a count runs at: symbolic dimensions take the requested batch; a
// model whose inputs are all fixed runs at its own batch, a different one is
// an error naming the inputs, and --rebatch sets every input's first
// dimension (with a baked-in Reshape target explained in the error).
//===----------------------------------------------------------------------===//
import Testing
import TosimFormats
import TosimNN

@Suite("Batch dimension")
struct BatchDimensionTests {
  /// `Relu` over one input of `dimensions`.
  func relu(_ dimensions: [Dimension]) -> Graph {
    Graph(
      name: "relu", nodes: [Node(name: "r", opType: "Relu", inputs: ["x"], outputs: ["y"])],
      inputs: [ValueInfo(name: "x", type: TensorType(element: .float, dimensions: dimensions))])
  }

  /// The message of the InputError `body` throws, or `nil` when it succeeds or throws something else.
  func message(_ body: () throws -> some Any) -> String? { inputErrorMessage(body) }

  @Test("a model with fixed inputs runs at its own batch, and steps follow from it")
  func ownBatch() throws {
    let graph = relu([.value(4), .value(3)])
    var options = CountOptions(mode: .training(.sgd), sampleCount: 10)
    let count = try NetworkCounter.count(graph, options: options)
    #expect(count.batchSize == 4)
    #expect(count.stepCount == 3)  // ceil(10 / 4)
    #expect(count.layers[0].forward.ops.counts == [.compare: 12])
    // Asking for the batch it has is the same count.
    options.inference.batchSize = 4
    #expect(try NetworkCounter.count(graph, options: options).stepCount == 3)
  }

  @Test("another batch for a model with fixed inputs is an error naming them")
  func otherBatch() {
    let graph = relu([.value(4), .value(3)])
    let error = message { try NetworkCounter.count(graph, options: .init(inference: .init(batchSize: 8))) }
    #expect(
      error
        == "batch 8 does not apply: no graph input has a symbolic dimension and its batch is fixed at 4 ('x' 4x3); "
        + "pass --batch 4, export the model at batch 8 or with a dynamic batch axis, or pass --rebatch to set the first dimension of every input to 8")
    var two = graph
    two.inputs.append(ValueInfo(name: "z", type: TensorType(element: .float, dimensions: [.value(5)])))
    let differ = message { try NetworkCounter.count(two, options: .init(inference: .init(batchSize: 8))) }
    #expect(differ?.contains("its inputs' first dimensions differ ('x' 4x3, 'z' 5)") == true)
  }

  @Test("--rebatch sets the first dimension of every fixed input")
  func rebatch() throws {
    let count = try NetworkCounter.count(relu([.value(1), .value(3)]), options: .init(inference: .init(batchSize: 8, rebatch: true)))
    #expect(count.batchSize == 8)
    #expect(count.layers[0].outputShape == [8, 3])
    #expect(count.layers[0].forward.ops.counts == [.compare: 24])
  }

  @Test("a Reshape target that keeps the exported batch fails after --rebatch, saying why")
  func bakedReshape() {
    var graph = Graph(
      name: "view", nodes: [Node(name: "v", opType: "Reshape", inputs: ["x", "shape"], outputs: ["y"])],
      inputs: [ValueInfo(name: "x", type: TensorType(element: .float, dimensions: [.value(1), .value(2), .value(3)]))],
      initializers: [Initializer(name: "shape", element: .int64, dimensions: [2])])
    graph.initializers[0].integerValues = [1, 6]
    let error = message { try NetworkCounter.count(graph, options: .init(inference: .init(batchSize: 4, rebatch: true))) }
    #expect(error?.hasPrefix("node 'v' (Reshape): cannot reshape [4, 2, 3]") == true)
    #expect(error?.hasSuffix("(--rebatch set the inputs' first dimension from 1 to 4; a node whose constants hold the exported batch, such as a Reshape target, cannot follow: export the model at batch 4 or with a dynamic batch axis)") == true)
  }

  @Test("symbolic dimensions take the batch, 1 by default; --rebatch leaves fixed ones of such models alone")
  func symbolic() throws {
    let graph = relu([.symbol("N"), .value(3)])
    #expect(try NetworkCounter.count(graph).batchSize == 1)
    let eight = try NetworkCounter.count(graph, options: .init(inference: .init(batchSize: 8)))
    #expect(eight.batchSize == 8 && eight.layers[0].outputShape == [8, 3])
    let mixed = relu([.value(2), .symbol("T")])
    let rebatched = try NetworkCounter.count(mixed, options: .init(inference: .init(batchSize: 5, rebatch: true)))
    #expect(rebatched.layers[0].outputShape == [2, 5])
  }
}
