//===--- ShapeFoldingTests.swift -------------------------------------------===//
// Constant folding of shape computations on hand-built graphs shaped like raw
// PyTorch exports: Shape → Gather → Div → Unsqueeze → Concat → Reshape, a
// Slice whose end is computed (shufflenet's channel split), the
// ConstantOfShape → Mul → Equal → Where → Expand chain of `expand(n, -1, -1)`,
// Range and Mod; and overflow and division by zero as InputErrors.
//===----------------------------------------------------------------------===//
import Testing
import TosimFormats
import TosimNN

@Suite("Shape folding")
struct ShapeFoldingTests {
  /// A graph over float input `x` of `shape`, int64 constants, and `nodes` given as (op, inputs, output, attributes).
  func graph(_ shape: [Int], constants: [String: [Int]], _ nodes: [(String, [String], String, [Attribute])], opset: Int = 17) -> Graph {
    Graph(
      name: "fold",
      nodes: nodes.enumerated().map { i, n in Node(name: "n\(i)", opType: n.0, inputs: n.1, outputs: [n.2], attributes: n.3) },
      inputs: [ValueInfo(name: "x", type: TensorType(element: .float, dimensions: shape.map { .value($0) }))],
      initializers: constants.sorted { $0.key < $1.key }.map { name, values in
        Initializer(name: name, element: .int64, dimensions: values.count == 1 && name.hasPrefix("s") ? [] : [values.count], integerValues: values)
      }, opsetVersion: opset)
  }

  func tensor(_ g: Graph, _ name: String) throws -> ResolvedTensor {
    try #require(try ShapeInference.infer(g).tensors[name])
  }

  @Test("Shape → Gather → Div → Slice resolves a computed end (channel split)")
  func computedSlice() throws {
    let g = graph([1, 116, 28, 28], constants: ["s1": [1], "s2": [2], "zero": [0], "one": [1]], [
      ("Shape", ["x"], "shape", []),
      ("Gather", ["shape", "s1"], "channels", [Attribute("axis", .int(0))]),
      ("Div", ["channels", "s2"], "half", []),
      ("Unsqueeze", ["half", "zero"], "end", []),
      ("Slice", ["x", "zero", "end", "one"], "y", []),
    ])
    #expect(try tensor(g, "half").integerValues == [58])
    #expect(try tensor(g, "y").shape == [1, 58, 28, 28])
  }

  @Test("Shape → Gather → Unsqueeze → Concat → Reshape flattens as the exporter wrote it")
  func computedReshape() throws {
    let g = graph([2, 8, 3, 3], constants: ["s0": [0], "zero": [0], "minus": [-1]], [
      ("Shape", ["x"], "shape", []),
      ("Gather", ["shape", "s0"], "batch", []),
      ("Unsqueeze", ["batch", "zero"], "b1", []),
      ("Concat", ["b1", "minus"], "target", [Attribute("axis", .int(0))]),
      ("Reshape", ["x", "target"], "y", []),
    ])
    #expect(try tensor(g, "target").integerValues == [2, -1])
    #expect(try tensor(g, "y").shape == [2, 72])
  }

  @Test("ConstantOfShape → Mul → Equal → Where → Expand, as `expand(n, -1, -1)` exports")
  func expandChain() throws {
    let g = graph([1, 1, 768], constants: ["three": [3], "minus1": [-1], "wanted": [4, -1, -1]], [
      ("ConstantOfShape", ["three"], "ones", [Attribute("value", .tensor(Initializer(name: "v", element: .int64, dimensions: [1], integerValues: [1])))]),
      ("Mul", ["ones", "minus1"], "negs", []),
      ("Equal", ["wanted", "negs"], "isneg", []),
      ("Where", ["isneg", "ones", "wanted"], "target", []),
      ("Expand", ["x", "target"], "y", []),
    ])
    #expect(try tensor(g, "isneg").integerValues == [0, 1, 1])
    #expect(try tensor(g, "target").integerValues == [4, 1, 1])
    #expect(try tensor(g, "y").shape == [4, 1, 768])
  }

  @Test("Range, Mod, Cast and Sub fold; Range drives a Reshape")
  func rangeAndMod() throws {
    let g = graph([12], constants: ["s0": [0], "s4": [4], "s1": [1], "s3": [-3], "four": [4], "zero": [0]], [
      ("Range", ["s0", "s4", "s1"], "r", []),
      ("Mod", ["r", "s3"], "m", []),
      ("Cast", ["r", ], "rf", [Attribute("to", .int(1))]),
      ("Sub", ["s4", "s1"], "three", []),
      ("Unsqueeze", ["three", "zero"], "t1", []),
      ("Concat", ["t1", "four"], "target", [Attribute("axis", .int(0))]),
      ("Reshape", ["x", "target"], "y", []),
    ])
    #expect(try tensor(g, "r").integerValues == [0, 1, 2, 3])
    #expect(try tensor(g, "m").integerValues == [0, -2, -1, 0])  // Python-style: the sign follows the divisor
    #expect(try tensor(g, "rf").floatValues == [0, 1, 2, 3])
    #expect(try tensor(g, "y").shape == [3, 4])
  }

  @Test("swin's pads: Reshape to [-1, 2] → Slice(step −1) → Transpose → Reshape → Pad")
  func reversedPads() throws {
    let g = graph([1, 3, 5, 5], constants: [
      "pads": [0, 0, 0, 0, 1, 2, 3, 4], "pairs": [-1, 2], "begin": [-1], "end": [Int.min], "zero": [0], "back": [-1], "flat": [-1],
    ], [
      ("Reshape", ["pads", "pairs"], "p2", []),
      ("Slice", ["p2", "begin", "end", "zero", "back"], "reversed", []),
      ("Transpose", ["reversed"], "t", [Attribute("perm", .ints([1, 0]))]),
      ("Reshape", ["t", "flat"], "onnxPads", []),
      ("Pad", ["x", "onnxPads"], "y", []),
    ])
    #expect(try tensor(g, "reversed").integerValues == [3, 4, 1, 2, 0, 0, 0, 0])  // torch pads, last axis first
    #expect(try tensor(g, "onnxPads").integerValues == [3, 1, 0, 0, 4, 2, 0, 0])
    #expect(try tensor(g, "y").shape == [1 + 3 + 4, 3 + 1 + 2, 5, 5])
    let inferred = try ShapeInference.infer(g)
    #expect(inferred.nodes.map(\.node.opType) == ["Pad"] && inferred.foldedCount == 4)
  }

  @Test("shape arithmetic that overflows or divides by zero is an InputError naming the node")
  func overflow() {
    let big = graph([1], constants: ["a": [Int.max], "b": [2]], [("Mul", ["a", "b"], "y", [])])
    #expect { try ShapeInference.infer(big) } throws: { error in
      (error as? InputError)?.message == "node 'n0' (Mul): shape arithmetic overflows a 64-bit integer (9223372036854775807 × 2)"
    }
    let zero = graph([1], constants: ["a": [5], "b": [0]], [("Div", ["a", "b"], "y", [])])
    #expect { try ShapeInference.infer(zero) } throws: { error in
      (error as? InputError)?.message.hasPrefix("node 'n0' (Div): shape arithmetic divides by zero") == true
    }
    let negate = graph([1], constants: ["a": [Int.min]], [("Neg", ["a"], "y", [])])
    #expect(throws: InputError.self) { try ShapeInference.infer(negate) }
  }

  @Test("large tensors are not folded")
  func limit() throws {
    let g = graph([1], constants: ["s": [5000]], [("ConstantOfShape", ["s"], "y", [])])
    let y = try tensor(g, "y")
    #expect(y.shape == [5000] && y.floatValues == nil && y.integerValues == nil)
  }
}
