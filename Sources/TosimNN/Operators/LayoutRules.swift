//===--- LayoutRules.swift -------------------------------------------------===//
// Rules of the operators that build or rearrange tensors without arithmetic
// on their values: Expand, Tile, Split (attribute, input and opset-18
// num_outputs forms), DepthToSpace, SpaceToDepth and ConstantOfShape (copies:
// the output is written), ScatterND and ScatterElements (a copy, plus one op
// per update under a reduction), and Range (one add per element). Their shape
// targets (shape, repeats, split, start/limit/delta) must be known, which
// the shape folder (ShapeFolding.swift) arranges for raw exports. Reached
// through OperatorRule+Registry from `tosim count`.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// Layout and tensor-construction operators.
  public static let layoutRules: [OperatorRule] = [
    .movement("Expand", .copy, metadataInputs: [1], shape: { c in
      let x = try c.input(0)
      let target = try c.integerValues(ofInput: 1, what: "shape")
      if let bad = target.first(where: { $0 < 0 }) { throw c.error("shape \(target) has a negative size \(bad)") }
      return [ResolvedTensor(element: x.element, shape: try broadcast(x.shape, target, c))]
    }),
    .movement("Tile", .copy, metadataInputs: [1], shape: { c in
      let x = try c.input(0)
      let repeats = try c.integerValues(ofInput: 1, what: "repeats")
      guard repeats.count == x.shape.count else {
        throw c.error("repeats \(repeats) need one entry per dimension of the rank-\(x.shape.count) input")
      }
      if let bad = repeats.first(where: { $0 < 0 }) { throw c.error("repeats \(repeats) has a negative entry \(bad)") }
      return [ResolvedTensor(element: x.element, shape: try zip(x.shape, repeats).map { try Checked.multiply($0, $1, "tiled size") })]
    }),
    .movement("Split", .copy, metadataInputs: [1], shape: { c in try splitOutputs(c) }),
    .movement("DepthToSpace", .copy, shape: { c in
      let (x, b) = try blockInput(c)
      if c.node.attribute("mode") != nil {
        let mode = try c.string("mode", default: "DCR")
        guard mode == "DCR" || mode == "CRD" else { throw c.error("attribute 'mode' is '\(mode)', expected DCR or CRD") }
      }
      let b2 = try Checked.multiply(b, b, "blocksize²")
      guard x.shape[1] % b2 == 0 else { throw c.error("channels \(x.shape[1]) are not a multiple of blocksize² = \(b2)") }
      return [ResolvedTensor(element: x.element, shape: [
        x.shape[0], x.shape[1] / b2, try Checked.multiply(x.shape[2], b, "height"), try Checked.multiply(x.shape[3], b, "width"),
      ])]
    }),
    .movement("SpaceToDepth", .copy, shape: { c in
      let (x, b) = try blockInput(c)
      guard x.shape[2] % b == 0, x.shape[3] % b == 0 else {
        throw c.error("height \(x.shape[2]) and width \(x.shape[3]) must be multiples of attribute 'blocksize' \(b)")
      }
      return [ResolvedTensor(element: x.element, shape: [
        x.shape[0], try Checked.multiply(x.shape[1], try Checked.multiply(b, b, "blocksize²"), "channels"), x.shape[2] / b, x.shape[3] / b,
      ])]
    }),
    .movement("ConstantOfShape", .copy, metadataInputs: [0], shape: { c in
      let shape = try c.integerValues(ofInput: 0, what: "shape")
      if let bad = shape.first(where: { $0 < 0 }) { throw c.error("shape \(shape) has a negative size \(bad)") }
      let element: ElementType
      switch c.node.attribute("value") {
      case nil: element = .float
      case .tensor(let t)?:
        guard t.dimensions.reduce(1, { $0 &* $1 }) == 1, t.dimensions.allSatisfy({ $0 >= 0 }) else {
          throw c.error("attribute 'value' must be a one-element tensor, got dimensions \(t.dimensions)")
        }
        element = t.element
      default: throw c.error("attribute 'value' should be a tensor")
      }
      return [ResolvedTensor(element: element, shape: shape)]
    }),
    // The data copied with the updates written in; a reduction other than none is one op per update element.
    OperatorRule("ScatterND", metadataInputs: [1], shape: { c in try scattered(c, elements: false) }, forward: { c, _ in
      try scatterReduction(c)
    }),
    OperatorRule("ScatterElements", metadataInputs: [1], shape: { c in try scattered(c, elements: true) }, forward: { c, _ in
      try scatterReduction(c)
    }),
    // output[i] = start + i × delta, as a running sum: one add per element.
    OperatorRule("Range", metadataInputs: [0, 1, 2], shape: { c in
      [ResolvedTensor(element: try c.input(0).element, shape: [try rangeCount(c)])]
    }, forward: { _, e in try .arithmetic(.perElement([(.add, 1)], e)) }),
  ]

  /// ScatterND's or ScatterElements' output: the data's shape, after checking indices against updates.
  static func scattered(_ c: NodeContext, elements: Bool) throws -> [ResolvedTensor] {
    let data = try c.input(0), indices = try c.input(1), updates = try c.input(2)
    _ = try scatterOperation(c)
    if elements {
      _ = try c.axis(try c.int("axis", default: 0), rank: data.shape.count)
      guard indices.shape == updates.shape, indices.shape.count == data.shape.count else {
        throw c.error("indices \(indices.shape) and updates \(updates.shape) must have equal shapes of the data's rank \(data.shape.count)")
      }
    } else {
      guard let depth = indices.shape.last, depth >= 1, depth <= data.shape.count else {
        throw c.error("indices \(indices.shape) must end in a size between 1 and the data's rank \(data.shape.count)")
      }
      let expected = Array(indices.shape.dropLast()) + Array(data.shape[depth...])
      guard updates.shape == expected else { throw c.error("updates have shape \(updates.shape), expected \(expected)") }
    }
    return [ResolvedTensor(element: data.element, shape: data.shape)]
  }

  /// The op a scatter's `reduction` attribute applies per update element (`nil` for none).
  static func scatterOperation(_ c: NodeContext) throws -> ArithmeticOperation? {
    switch try c.string("reduction", default: "none") {
    case "none": return nil
    case "add": return .add
    case "mul": return .mul
    case "max", "min": return .compare
    case let other: throw c.error("attribute 'reduction' is '\(other)', expected none, add, mul, max or min")
    }
  }

  /// One reduction op per update element.
  static func scatterReduction(_ c: NodeContext) throws -> PassCount {
    guard let op = try scatterOperation(c) else { return PassCount() }
    return try .arithmetic(try OpCounts([(op, try c.input(2).elementCount())]))
  }

  /// Input 0 of DepthToSpace or SpaceToDepth (rank 4) and attribute `blocksize` (≥ 1).
  static func blockInput(_ c: NodeContext) throws -> (ResolvedTensor, Int) {
    let x = try c.input(0)
    guard x.shape.count == 4 else { throw c.error("input 0 has shape \(x.shape), expected rank 4 [N, C, H, W]") }
    guard c.node.attribute("blocksize") != nil else { throw c.error("attribute 'blocksize' is required") }
    let b = try c.int("blocksize", default: 0)
    guard b >= 1 else { throw c.error("attribute 'blocksize' is \(b), expected 1 or more") }
    return (x, b)
  }

  /// Split's outputs: sizes from input 1 (opset 13+), attribute `split` (before 13), or equal parts
  /// (the last one smaller from opset 18, where `num_outputs` gives their number).
  static func splitOutputs(_ c: NodeContext) throws -> [ResolvedTensor] {
    let x = try c.input(0)
    let axis = try c.axis(try c.int("axis", default: 0), rank: x.shape.count)
    let size = x.shape[axis]
    let n = c.node.outputs.count
    guard n >= 1 else { throw c.error("Split needs at least one output") }
    var sizes: [Int]
    if c.opsetVersion >= 13, c.optionalInput(1) != nil {
      sizes = try c.integerValues(ofInput: 1, what: "split")
    } else if c.opsetVersion < 13, let given = try c.ints("split") {
      sizes = given
    } else {
      var parts = n
      if c.opsetVersion >= 18 {
        guard c.node.attribute("num_outputs") != nil else { throw c.error("attribute 'num_outputs' or input 'split' is required from opset 18") }
        parts = try c.int("num_outputs", default: n)
        guard parts == n else { throw c.error("attribute 'num_outputs' is \(parts) but the node declares \(n) outputs") }
      }
      if size % parts == 0 {
        sizes = Array(repeating: size / parts, count: parts)
      } else {
        guard c.opsetVersion >= 18 else { throw c.error("axis \(axis) of size \(size) does not split into \(parts) equal parts") }
        let chunk = size / parts + 1
        guard chunk * (parts - 1) < size else { throw c.error("axis \(axis) of size \(size) does not split into \(parts) parts") }
        sizes = Array(repeating: chunk, count: parts - 1) + [size - chunk * (parts - 1)]
      }
    }
    guard sizes.count == n else { throw c.error("split \(sizes) has \(sizes.count) entries for \(n) outputs") }
    if let bad = sizes.first(where: { $0 < 0 }) { throw c.error("split \(sizes) has a negative size \(bad)") }
    var total = 0
    for s in sizes { total = try Checked.add(total, s, "split sizes") }
    guard total == size else { throw c.error("split \(sizes) sums to \(total), but axis \(axis) has size \(size)") }
    return sizes.map { s in
      var shape = x.shape
      shape[axis] = s
      return ResolvedTensor(element: x.element, shape: shape)
    }
  }

  /// ConstantOfShape's fill value (0.0 as float when the `value` attribute is absent).
  static func constantOfShapeValue(_ c: NodeContext) throws -> FoldedValues {
    guard case .tensor(let t)? = c.node.attribute("value") else { return .reals([0]) }
    if t.element.isFloatingPoint { return .reals(t.floatValues ?? t.integerValues?.map(Double.init) ?? [0]) }
    return .ints(t.integerValues ?? [0])
  }

  /// The three scalar operands of Range (start, limit, delta).
  static func rangeOperands(_ c: NodeContext) throws -> [FoldedValues] {
    try (0..<3).map { i in
      let tensor = try c.input(i)
      guard let values = FoldedValues(tensor) else {
        throw c.error("\(["start", "limit", "delta"][i]) (input \(i)) must be a constant known before running the model")
      }
      guard values.count == 1 else { throw c.error("\(["start", "limit", "delta"][i]) (input \(i)) must be a scalar, got shape \(tensor.shape)") }
      return values
    }
  }

  /// The number of elements of Range: max(ceil((limit − start) / delta), 0).
  static func rangeCount(_ c: NodeContext) throws -> Int {
    let operands = try rangeOperands(c)
    if case .ints(let s) = operands[0], case .ints(let l) = operands[1], case .ints(let d) = operands[2] {
      guard d[0] != 0 else { throw c.error("delta (input 2) is 0") }
      let (span, overflow) = l[0].subtractingReportingOverflow(s[0])
      guard !overflow else { throw c.error("limit − start overflows a 64-bit integer (\(l[0]) − \(s[0]))") }
      if (span > 0) != (d[0] > 0) || span == 0 { return 0 }
      guard let n = Int(exactly: (span.magnitude - 1) / d[0].magnitude + 1) else { throw c.error("Range is too long") }
      return n
    }
    let s = operands[0].reals[0], l = operands[1].reals[0], d = operands[2].reals[0]
    guard s.isFinite, l.isFinite, d.isFinite, d != 0 else { throw c.error("start \(s), limit \(l) and delta \(d) must be finite with delta ≠ 0") }
    let n = ((l - s) / d).rounded(.up)
    guard n < 9.0e15 else { throw c.error("Range of \(n) elements is too long") }
    return max(0, Int(n))
  }

  /// The values of Range, for the shape folder.
  static func rangeValues(_ c: NodeContext) throws -> FoldedValues {
    let n = try rangeCount(c)
    let operands = try rangeOperands(c)
    if case .ints(let s) = operands[0], case .ints(let d) = operands[2], case .ints = operands[1] {
      return .ints((0..<n).map { s[0] &+ $0 &* d[0] })  // every value lies between start and limit
    }
    let s = operands[0].reals[0], d = operands[2].reals[0]
    return .reals((0..<n).map { s + Double($0) * d })
  }
}
