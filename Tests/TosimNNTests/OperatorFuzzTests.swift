//===--- OperatorFuzzTests.swift -------------------------------------------===//
// A structural fuzzer of the network counter: seeded random small graphs over
// every supported operator, input ranks 0–4 and attribute values including
// extremes (negative and out-of-range axes, zero and huge strides, INT64_MIN
// and INT64_MAX, wrong attribute kinds), built in memory and run through
// shape inference and inference and training counts. Every graph must be
// counted or rejected with an InputError; a trap fails the whole run. Random
// layer specs with extreme arguments go through the same check, and random
// chains of shape arithmetic go through the shape folder, checked against a
// Double reference where every step is defined.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimFormats
import TosimNN

@Suite("Operator fuzzer")
struct OperatorFuzzTests {
  /// Generates random graphs from a SplitMix64 stream.
  struct Generator {
    var random: SplitMix64
    var counter = 0

    mutating func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

    static let extremeInts = [Int.min, Int.min + 1, -(1 << 40), -5, -2, -1, 0, 1, 2, 3, 4, 1 << 40, Int.max - 1, Int.max]

    /// A small integer most of the time, an extreme one sometimes.
    mutating func int() -> Int { chance(25) ? pick(Self.extremeInts) : below(5) - 1 }

    /// A dimension: mostly 1–3, sometimes 0 or huge.
    mutating func dimension() -> Int { chance(8) ? pick([0, 1 << 20, 1 << 31, 1 << 40, Int.max]) : 1 + below(3) }

    mutating func shape(rank: Int) -> [Int] { (0..<rank).map { _ in dimension() } }

    mutating func ints() -> [Int] { (0..<below(6)).map { _ in int() } }

    mutating func attribute(_ name: String) -> Attribute {
      switch below(10) {
      case 0:
        return Attribute(name, .string(pick([
          "NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID", "", "bogus", "forward", "reverse", "bidirectional", "ij,jk->ik", "...ij,jk",
          "ii->i", "i,i", "ab...,b->a...", "a->b", "DCR", "CRD", "linear", "cubic", "nearest", "none", "add", "max", "not_larger",
          "not_smaller", "stretch",
        ])))
      case 1: return Attribute(name, .float(pick([0, 1, 0.5, 2, -1, .nan, .infinity])))
      case 2: return Attribute(name, .ints(ints()))
      case 3: return Attribute(name, .unsupported)
      case 4:
        let dims = shape(rank: below(3))
        let count = dims.reduce(1) { $0 &* $1 }
        let values = count >= 0 && count <= 8 ? (0..<count).map { _ in int() } : nil
        return Attribute(name, .tensor(Initializer(name: "t", element: pick([.int64, .float]), dimensions: dims, integerValues: values)))
      case 5: return Attribute(name, .floats([0.5, 2]))
      default: return Attribute(name, .int(int()))
      }
    }

    static let attributeNames = [
      "axis", "axes", "perm", "kernel_shape", "strides", "dilations", "pads", "group", "transA", "transB", "alpha", "beta",
      "keepdims", "noop_with_empty_axes", "hidden_size", "direction", "layout", "auto_pad", "ceil_mode", "output_padding",
      "output_shape", "to", "start", "end", "allowzero", "value", "value_int", "value_ints", "value_float", "value_floats",
      "starts", "ends", "epsilon", "blocksize", "mode", "equation", "fmod", "num_outputs", "split", "k", "largest", "sorted",
      "select_last_index", "exclusive", "reverse", "reduction", "keep_aspect_ratio_policy", "min", "max", "coordinate_transformation_mode",
    ]

    /// A graph of one to three nodes, each reading the previous node's output and fresh inputs or weights.
    mutating func graph(ops: [String]) -> Graph {
      var graph = Graph(name: "fuzz", opsetVersion: pick([17, 17, 13, 11, 10, 9, 7, 18, 1]))
      func fresh(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
      }
      var previous = fresh("x")
      var previousShape = shape(rank: below(5))
      graph.inputs.append(ValueInfo(name: previous, type: TensorType(element: .float, dimensions: previousShape.map { .value($0) })))
      for _ in 0..<(1 + below(3)) {
        let op = pick(ops)
        var inputs = [previous]
        for _ in 0..<below(6) {
          if chance(10) { inputs.append(""); continue }
          let name = fresh("i")
          let rank = chance(60) ? previousShape.count : below(5)
          // Mostly shapes close to the data input, so that shape rules get past their first checks.
          var dims = (0..<rank).map { i in chance(70) && i < previousShape.count ? previousShape[i] : dimension() }
          if chance(20) { dims = [below(5)] }
          if chance(50) {
            let count = dims.reduce(1) { $0 &* $1 }
            let values = count >= 0 && count <= 16 ? (0..<count).map { _ in int() } : nil
            graph.initializers.append(Initializer(
              name: name, element: chance(60) ? .int64 : .float, dimensions: dims, integerValues: values,
              floatValues: values.map { $0.map { Double($0) } }))
          } else {
            graph.inputs.append(ValueInfo(name: name, type: TensorType(element: pick([.float, .int64, ElementType(.fp16)]),
              dimensions: dims.map { .value($0) })))
          }
          inputs.append(name)
        }
        let attributes = (0..<below(5)).map { _ in attribute(pick(Self.attributeNames)) }
        let outputs = (0..<(1 + below(3))).map { _ in fresh("y") }
        graph.nodes.append(Node(name: fresh("n"), opType: op, inputs: inputs, outputs: outputs, attributes: attributes))
        previous = outputs[0]
        previousShape = shape(rank: below(5))  // unknown until inferred; the next node only needs the name
      }
      graph.outputs = [ValueInfo(name: previous, type: nil)]
      return graph
    }
  }

  /// Valid single-node graphs of the operators whose inputs random graphs rarely fit, to mutate.
  static let templates: [Graph] = {
    func node(_ op: String, _ inputs: [(String, [Int])], weights: [(String, [Int], [Int]?)] = [], _ attributes: [Attribute] = [], outputs: Int = 1) -> Graph {
      Graph(
        name: op, nodes: [Node(name: op, opType: op, inputs: inputs.map(\.0) + weights.map(\.0), outputs: (0..<outputs).map { "y\($0)" }, attributes: attributes)],
        inputs: inputs.map { ValueInfo(name: $0.0, type: TensorType(element: .float, dimensions: $0.1.map { .value($0) })) },
        initializers: weights.map { Initializer(name: $0.0, element: $0.2 == nil ? .float : .int64, dimensions: $0.1, integerValues: $0.2) })
    }
    return [
      node("Conv", [("x", [1, 2, 5, 5])], weights: [("w", [4, 2, 3, 3], nil), ("b", [4], nil)],
        [Attribute("pads", .ints([1, 1, 1, 1])), Attribute("strides", .ints([2, 2])), Attribute("dilations", .ints([1, 1]))]),
      node("ConvTranspose", [("x", [1, 2, 3, 3])], weights: [("w", [2, 3, 3, 3], nil)],
        [Attribute("strides", .ints([2, 2])), Attribute("output_padding", .ints([1, 1])), Attribute("group", .int(1))]),
      node("MaxPool", [("x", [1, 2, 6, 6])], [Attribute("kernel_shape", .ints([2, 2])), Attribute("strides", .ints([2, 2])),
        Attribute("ceil_mode", .int(1))]),
      node("AveragePool", [("x", [1, 2, 6])], [Attribute("kernel_shape", .ints([3])), Attribute("pads", .ints([1, 1])),
        Attribute("auto_pad", .string("NOTSET"))]),
      node("Gemm", [("a", [2, 3])], weights: [("b", [4, 3], nil), ("c", [4], nil)],
        [Attribute("transB", .int(1)), Attribute("alpha", .float(2))]),
      node("LSTM", [("x", [3, 1, 4])], weights: [("w", [1, 8, 4], nil), ("r", [1, 8, 2], nil), ("b", [1, 16], nil)],
        [Attribute("hidden_size", .int(2)), Attribute("layout", .int(0))], outputs: 3),
      node("GRU", [("x", [3, 1, 4])], weights: [("w", [2, 6, 4], nil), ("r", [2, 6, 2], nil)],
        [Attribute("direction", .string("bidirectional"))], outputs: 2),
      node("RNN", [("x", [1, 3, 4])], weights: [("w", [1, 2, 4], nil), ("r", [1, 2, 2], nil)], [Attribute("layout", .int(1))]),
      node("Cast", [("x", [2, 3])], [Attribute("to", .int(10))]),
      node("Reshape", [("x", [2, 3])], weights: [("s", [2], [-1, 3])]),
      node("Slice", [("x", [4, 5])], weights: [("s", [1], [1]), ("e", [1], [-1]), ("a", [1], [1]), ("t", [1], [2])]),
      node("Pad", [("x", [2, 3])], weights: [("p", [4], [0, 1, 1, 0])]),
      node("Unsqueeze", [("x", [2, 3])], weights: [("a", [2], [0, -1])]),
      node("Squeeze", [("x", [1, 3, 1])], weights: [("a", [1], [0])]),
      node("Gather", [("x", [4, 3])], weights: [("i", [2], [0, -1])], [Attribute("axis", .int(0))]),
      node("Concat", [("x", [2, 3]), ("z", [2, 1])], [Attribute("axis", .int(-1))]),
      node("BatchNormalization", [("x", [2, 3, 4])], weights: [("g", [3], nil), ("b", [3], nil), ("m", [3], nil), ("v", [3], nil)]),
      node("ReduceSum", [("x", [2, 3, 4])], weights: [("a", [2], [0, -1])], [Attribute("keepdims", .int(0))]),
      node("Constant", [], [Attribute("value_ints", .ints([1, 2, 3]))]),
      node("Clip", [("x", [2, 3])], weights: [("lo", [], nil), ("hi", [], nil)]),
      node("Mod", [("a", [2, 3]), ("b", [3])], [Attribute("fmod", .int(1))]),
      node("ConstantOfShape", [], weights: [("s", [2], [60, 70])]),
      node("Expand", [("x", [3, 1])], weights: [("s", [3], [2, 3, 4])]),
      node("Tile", [("x", [2, 3])], weights: [("r", [2], [2, 1])]),
      node("Split", [("x", [2, 6])], weights: [("s", [2], [2, 4])], [Attribute("axis", .int(1))], outputs: 2),
      node("TopK", [("x", [2, 5])], weights: [("k", [1], [2])], [Attribute("axis", .int(1))], outputs: 2),
      node("CumSum", [("x", [2, 3])], weights: [("a", [], [1])], [Attribute("reverse", .int(1))]),
      node("Einsum", [("a", [2, 3]), ("b", [3, 4])], [Attribute("equation", .string("ij,jk->ik"))]),
      node("DepthToSpace", [("x", [1, 4, 2, 2])], [Attribute("blocksize", .int(2)), Attribute("mode", .string("CRD"))]),
      node("SpaceToDepth", [("x", [1, 1, 4, 4])], [Attribute("blocksize", .int(2))]),
      node("Range", [], weights: [("a", [], [0]), ("b", [], [5000]), ("d", [], [1])]),
      node("InstanceNormalization", [("x", [1, 2, 3])], weights: [("s", [2], nil), ("b", [2], nil)]),
      node("ScatterND", [("x", [4, 3])], weights: [("i", [2, 1], [0, 2]), ("u", [2, 3], nil)], [Attribute("reduction", .string("add"))]),
      node("ScatterElements", [("x", [4, 3])], weights: [("i", [1, 3], [0, 2, 1]), ("u", [1, 3], nil)], [Attribute("axis", .int(0))]),
      node("ReduceMax", [("x", [2, 3, 4])], weights: [("a", [1], [1])]),
      node("ArgMax", [("x", [2, 3])], [Attribute("axis", .int(-1)), Attribute("keepdims", .int(0))]),
      node("Where", [("c", [2, 1]), ("x", [3]), ("y", [2, 3])]),
      node("Resize", [("x", [1, 1, 2, 2])], weights: [("roi", [0], nil), ("s", [4], nil), ("z", [4], [1, 1, 4, 3])],
        [Attribute("mode", .string("linear"))]),
    ]
  }()

  /// Changes one attribute value, dimension or integer value of `graph` to a random, often extreme, one.
  static func mutate(_ graph: inout Graph, _ g: inout Generator) {
    switch g.below(5) {
    case 0 where !graph.nodes[0].attributes.isEmpty:
      let i = g.below(graph.nodes[0].attributes.count)
      switch graph.nodes[0].attributes[i].value {
      case .ints(var values) where !values.isEmpty:
        values[g.below(values.count)] = g.pick(Generator.extremeInts)
        graph.nodes[0].attributes[i].value = .ints(values)
      case .int: graph.nodes[0].attributes[i].value = .int(g.pick(Generator.extremeInts))
      default: graph.nodes[0].attributes[i] = g.attribute(graph.nodes[0].attributes[i].name)
      }
    case 1 where !graph.initializers.isEmpty:
      let i = g.below(graph.initializers.count)
      if var values = graph.initializers[i].integerValues, !values.isEmpty {
        values[g.below(values.count)] = g.pick(Generator.extremeInts)
        graph.initializers[i].integerValues = values
      } else if !graph.initializers[i].dimensions.isEmpty {
        graph.initializers[i].dimensions[g.below(graph.initializers[i].dimensions.count)] = g.dimension()
      }
    case 2 where !graph.inputs.isEmpty:
      let i = g.below(graph.inputs.count)
      var dims = graph.inputs[i].type?.dimensions ?? []
      if g.chance(30) { dims = Array(dims.dropLast(g.below(dims.count + 1))) } else if !dims.isEmpty { dims[g.below(dims.count)] = .value(g.dimension()) }
      graph.inputs[i].type?.dimensions = dims
    case 3: graph.nodes[0].attributes.append(g.attribute(g.pick(Generator.attributeNames)))
    default: graph.opsetVersion = g.pick([1, 9, 10, 11, 13, 18, 0, -1])
    }
  }

  /// The seed offset and round multiplier of this run (0 and 1 unless benchmarks/nn-fuzz/run.sh sets them).
  static let seedOffset = UInt64(ProcessInfo.processInfo.environment["TOSIM_FUZZ_SEED"] ?? "") ?? 0
  static let scale = max(1, Int(ProcessInfo.processInfo.environment["TOSIM_FUZZ_SCALE"] ?? "") ?? 1)

  /// Counts `graph` for inference and training; `true` when it was counted, `false` for an InputError.
  static func run(_ graph: Graph, precision: Precision?) throws -> Bool {
    do {
      // Batch 2 for symbolic dimensions; a graph with fixed inputs runs at its own batch (BatchDimension).
      let symbolic = graph.inputs.contains { input in
        input.type?.dimensions?.contains { if case .value = $0 { false } else { true } } ?? false
      }
      let inference = InferenceOptions(batchSize: symbolic ? 2 : nil, precisionOverride: precision)
      let counted = try NetworkCounter.count(graph, options: .init(inference: inference))
      _ = try counted.total()
      _ = try NetworkCounter.count(graph, options: .init(inference: inference, mode: .training(.adam))).total()
      return true
    } catch is InputError {
      return false
    }
  }

  @Test("random graphs over every operator are counted or rejected, never trapped")
  func randomGraphs() throws {
    let ops = OperatorRule.all.keys.sorted()
    var generator = Generator(random: SplitMix64(seed: 0x5eed_0f_0a &+ Self.seedOffset))
    var counted: [String: Int] = [:]
    for round in 0..<(4000 * Self.scale) {
      // Every operator first on its own, then mixed chains.
      let graph = round < 4 * ops.count ? generator.graph(ops: [ops[round % ops.count]]) : generator.graph(ops: ops)
      let precision: Precision? = generator.chance(20) ? generator.pick(Precision.allCases) : nil
      if try Self.run(graph, precision: precision) {
        for node in graph.nodes { counted[node.opType, default: 0] += 1 }
      }
    }
    for round in 0..<(3000 * Self.scale) {
      var graph = Self.templates[round % Self.templates.count]
      for _ in 0..<generator.below(4) { Self.mutate(&graph, &generator) }
      if try Self.run(graph, precision: nil) { counted[graph.nodes[0].opType, default: 0] += 1 }
    }
    // Unmutated templates are valid, and mutated ones still reach the counting rules.
    for template in Self.templates { #expect(try Self.run(template, precision: nil), "\(template.name)") }
    // The generator must reach the counting rules, not only the first shape check.
    let reached = ops.filter { counted[$0, default: 0] > 0 }
    #expect(reached.count == ops.count, "counted only \(reached.count) of \(ops.count): missing \(ops.filter { counted[$0] == nil })")
  }

  /// The reference value of `a op b` for the shape-folder fuzzer, computed in Double (exact for |values| < 2^53), or `nil` when undefined.
  static func reference(_ op: String, _ a: Int, _ b: Int) -> Int? {
    let x = Double(a), y = Double(b)
    switch op {
    case "Add": return Int(x + y)
    case "Sub": return Int(x - y)
    case "Mul": return Int(x * y)
    case "Div": return b == 0 ? nil : Int((x / y).rounded(.towardZero))
    case "Mod": return b == 0 ? nil : Int(x - (x / y).rounded(.down) * y)
    case "Max": return max(a, b)
    case "Min": return min(a, b)
    default: return nil
    }
  }

  @Test("shape folder: random chains of integer shape arithmetic match a Double reference or are InputErrors")
  func shapeFolder() throws {
    var g = Generator(random: SplitMix64(seed: 0xf01d_5eed &+ Self.seedOffset))
    let arithmetic = ["Add", "Sub", "Mul", "Div", "Mod", "Max", "Min"]
    let structural = ["Concat", "Gather", "Unsqueeze", "Slice", "Cast", "Range", "ConstantOfShape", "Expand", "Equal", "Where", "Neg",
      "Abs", "Reshape", "Squeeze", "Tile", "Transpose", "Shape", "Less", "Greater", "Sign", "Floor"]
    var checked = 0
    for _ in 0..<(3000 * Self.scale) {
      let n = 1 + g.below(4)
      func vector() -> [Int] { (0..<n).map { _ in g.below(2001) - 1000 } }
      var values = ["a": vector(), "b": vector()]
      var graph = Graph(name: "fold", opsetVersion: g.pick([13, 17, 18]))
      graph.initializers = [Initializer(name: "a", element: .int64, dimensions: [n], integerValues: values["a"]),
        Initializer(name: "b", element: .int64, dimensions: [n], integerValues: values["b"]),
        Initializer(name: "big", element: .int64, dimensions: [1], integerValues: [g.pick(Generator.extremeInts)]),
        Initializer(name: "zero", element: .int64, dimensions: [1], integerValues: [0]),
        Initializer(name: "one", element: .int64, dimensions: [], integerValues: [1])]
      graph.inputs = [ValueInfo(name: "x", type: TensorType(element: .float, dimensions: (0..<g.below(4)).map { _ in .value(1 + g.below(3)) }))]
      var names = ["a", "b", "big", "zero", "one", "x"]
      var reference: [Int]? = nil
      var exact = true  // the chain so far is arithmetic on a and b only, so the reference applies
      var previous = "a"
      for step in 0..<(1 + g.below(3)) {
        let op = g.chance(60) ? g.pick(arithmetic) : g.pick(structural)
        let other = g.chance(80) ? "b" : g.pick(names)
        let output = "v\(step)"
        let inputCount = op == "Where" || op == "Range" || op == "Slice" ? 3 : 2
        var inputs = [previous, other] + (0..<max(0, inputCount - 2)).map { _ in g.pick(names) }
        if ["Neg", "Abs", "Cast", "Shape", "Sign", "Floor", "Transpose", "Squeeze"].contains(op) { inputs = [previous] }
        let attributes = g.chance(30) ? [g.attribute(g.pick(["axis", "to", "perm", "fmod", "value"]))] : (op == "Cast" ? [Attribute("to", .int(7))] : [])
        graph.nodes.append(Node(name: "n\(step)", opType: op, inputs: inputs, outputs: [output], attributes: attributes))
        if exact, arithmetic.contains(op), other == "b", attributes.isEmpty {
          let left = step == 0 ? values["a"]! : reference!
          let results = zip(left, values["b"]!).map { Self.reference(op, $0, $1) }
          reference = results.contains(where: { $0 == nil }) ? nil : results.map { $0! }
          exact = reference != nil && reference!.allSatisfy { abs($0) < 1 << 40 }
        } else {
          exact = false
        }
        values[output] = reference
        names.append(output)
        previous = output
      }
      do {
        let inferred = try ShapeInference.infer(graph)
        if exact, let reference {
          #expect(inferred.tensors[previous]?.integerValues == reference, "\(graph.nodes.map(\.opType))")
          checked += 1
        }
      } catch is InputError {
        // Undefined chains (division by zero, bad attributes, mismatched shapes) must be InputErrors, never traps.
        #expect(!exact || reference == nil, "\(graph.nodes.map(\.opType)) rejected although defined")
      }
    }
    #expect(checked >= 300 * Self.scale, "only \(checked) chains were checked against the reference")
  }

  @Test("random layer specs with extreme arguments are counted or rejected, never trapped")
  func randomLayerSpecs() throws {
    var g = Generator(random: SplitMix64(seed: 0x1a7e_5bec &+ Self.seedOffset))
    let values = ["0", "1", "2", "3", "5", "32", "1099511627776", "1099511627775", "9223372036854775807", "-1", "0.5", "true", "4x4", "1x1x1"]
    var counted = 0
    for _ in 0..<(1500 * Self.scale) {
      // A valid first layer half of the time, so that later layers see real shapes.
      let start = g.chance(50) ? [g.pick(["dense(3,4)", "conv2d(2,3,3,in=5x5)", "input(2x6x6)", "lstm(3,4,seq=2)", "conv1d(2,2,1,in=8)"])] : []
      let layers = start + (0..<(1 + g.below(4))).map { _ -> String in
        let name = g.pick(LayerLowering.layerNames)
        let arguments = (0..<(g.chance(50) ? 0 : g.below(6))).map { _ in
          g.chance(50) ? g.pick(values) : "\(g.pick(["in", "out", "k", "stride", "pad", "dilation", "groups", "c_in", "c_out", "hidden", "seq", "shape", "d", "c", "p"]))=\(g.pick(values))"
        }
        return arguments.isEmpty ? name : "\(name)(\(arguments.joined(separator: ",")))"
      }
      do {
        let training = CountOptions(mode: .training(.momentum))
        _ = try countSpec(layers.joined(separator: " "), options: training, precision: g.pick(Precision.allCases)).total()
        counted += 1
      } catch is InputError {}
    }
    #expect(counted >= 50 * Self.scale, "only \(counted) of \(1500 * Self.scale) random specs counted")
  }
}
