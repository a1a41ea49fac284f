//===--- AllowUnknownTests.swift -------------------------------------------===//
// `tosim count --allow-unknown`: an unknown operator whose output shape is
// declared (value_info) or assumed (one input, one output: identity) counts
// as zero-cost and the walk goes on; an unknown operator with no shape to
// be had is an error naming the node. The reports' partial marks are tested
// in Tests/TosimCommandsTests/AllowUnknownCommandTests.swift.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimFormats
import TosimIO
import TosimNN
import _TosimTestSupport

@Suite("Allow unknown")
struct AllowUnknownTests {
  let allow = CountOptions(inference: .init(allowUnknown: true))

  /// x → Relu → FancyOp (two outputs) → Relu on the first one.
  func graph(declared: Bool) -> Graph {
    Graph(
      name: "u",
      nodes: [
        Node(name: "a", opType: "Relu", inputs: ["x"], outputs: ["h"]),
        Node(name: "fancy", opType: "FancyOp", domain: "com.example", inputs: ["h"], outputs: ["p", "q"]),
        Node(name: "b", opType: "Relu", inputs: ["p"], outputs: ["z"]),
      ],
      inputs: [ValueInfo(name: "x", type: TensorType(element: .float, dimensions: [.symbol("N"), .value(8)]))],
      valueInfos: declared
        ? [ValueInfo(name: "p", type: TensorType(element: .float, dimensions: [.symbol("N"), .value(2), .value(8)])),
          ValueInfo(name: "q", type: TensorType(element: .float, dimensions: [.value(3)]))] : [])
  }

  @Test("a declared output shape lets the walk go on past the unknown node")
  func declared() throws {
    let count = try NetworkCounter.count(graph(declared: true), options: .init(inference: .init(batchSize: 2, allowUnknown: true)))
    #expect(count.layers.map(\.name) == ["a", "b"])
    #expect(count.layers[1].outputShape == [2, 2, 8] && count.layers[1].forward.ops.counts == [.compare: 32])
    #expect(count.skipped.count == 1 && count.skipped[0].reason.contains("value_info"))
  }

  @Test("one input and one output: the identity assumption, stated")
  func identity() throws {
    var g = graph(declared: false)
    g.nodes[1].outputs = ["p"]
    let count = try NetworkCounter.count(g, options: allow)
    #expect(count.layers.map(\.name) == ["a", "b"] && count.layers[1].forward.ops.counts == [.compare: 8])
    #expect(count.skipped.first?.reason.contains("assumed equal to input 0") == true)
  }

  @Test("no shape to be had: exit 65 naming the node")
  func noShape() throws {
    #expect { try NetworkCounter.count(graph(declared: false), options: allow) } throws: { error in
      (error as? InputError)?.message.hasPrefix("node 'fancy' (FancyOp): unknown operator com.example.FancyOp: no shape for output 'p'") == true
    }
  }

  @Test("a raw-export channel split (Shape → Gather → Div → Slice) counts with no shape nodes left")
  func rawChannelSplit() throws {
    let count = try NetworkCounter.count(try ONNXReader.read(path: Fixtures.path("models/raw_channel_split.onnx")))
    #expect(count.layers.map(\.opType) == ["Shape", "Slice", "Conv"])
    #expect(count.layers.last?.outputShape == [1, 4, 6, 6] && count.layers.last?.forward.macCount == 4 * 36 * 8)
  }
}
