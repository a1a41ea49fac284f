//===--- SharedWeightTests.swift -------------------------------------------===//
// A weight that several nodes read (shared, or sliced into gates as
// torch.export writes recurrent layers) is one set of parameters: counted
// once in `params` and updated once by the optimizer, while every product
// that reads it still counts its MACs and gradient.
//===----------------------------------------------------------------------===//
import Testing
import TosimCostModel
import TosimNN

@Suite("Shared weights")
struct SharedWeightTests {
  /// x[1×4] → MatMul W[4×4] → MatMul W → y: one 16-element weight read twice.
  static func graph() -> Graph {
    Graph(
      name: "shared",
      nodes: [
        Node(name: "first", opType: "MatMul", inputs: ["x", "W"], outputs: ["h"]),
        Node(name: "second", opType: "MatMul", inputs: ["h", "W"], outputs: ["y"]),
      ],
      inputs: [ValueInfo(name: "x", type: TensorType(element: .float, dimensions: [.value(1), .value(4)]))],
      outputs: [ValueInfo(name: "y", type: nil)],
      initializers: [Initializer(name: "W", element: .float, dimensions: [4, 4])])
  }

  @Test("params count the weight once; both products count their MACs")
  func countedOnce() throws {
    let count = try NetworkCounter.count(Self.graph())
    #expect(try count.parameterCount() == 16)
    #expect(count.layers.map(\.parameterCount) == [16, 0])
    #expect(count.layers.map(\.forward.macCount) == [16, 16])
  }

  @Test("the optimizer updates the shared weight once")
  func updatedOnce() throws {
    let count = try NetworkCounter.count(Self.graph(), options: CountOptions(mode: .training(.sgd)))
    #expect(try count.trainableParameterCount() == 16)
    let update = try #require(count.optimizerByPrecision[.fp32])
    #expect(update.ops.counts == [.mul: 16, .add: 16])
    // Each product still has its weight gradient (dW = xᵀ·dY): 16 MACs each.
    #expect(count.layers.map(\.backward.macCount).allSatisfy { $0 >= 16 })
  }
}
