//===--- ShapeFolding.swift ------------------------------------------------===//
// Constant folding of shape computations: after a node's shape rule has run,
// shape inference (ShapeInference.swift) asks the folder for the values of
// its first output when every operand's values are known and the output has
// at most `valueLimit` elements. Raw PyTorch exports compute Reshape, Slice,
// Expand and ConstantOfShape targets at run time (Shape → Gather → Div →
// Concat …); folding them lets `tosim count` read such files as exported.
// Integer arithmetic is overflow-checked and division by zero is an
// InputError naming the node. The element-wise helpers are in
// ShapeFolding+Values.swift.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

/// Evaluates small integer and floating-point tensors (shapes, axes, scales) during shape inference.
public enum ShapeFolding {
  /// Outputs with more elements than this are never folded.
  public static let valueLimit = 4096

  /// `outputs` with the values of the first output filled in where `c`'s operator can be evaluated.
  ///
  /// - Throws: `InputError` naming the node for Int64 overflow, division by zero or a
  ///   value that does not fit the output type.
  public static func fold(_ c: NodeContext, _ outputs: [ResolvedTensor]) throws -> [ResolvedTensor] {
    guard var first = outputs.first, let n = try? first.elementCount(), n <= valueLimit else { return outputs }
    if n == 0 {  // nothing to evaluate (and no axis walk over a huge empty shape)
      FoldedValues.ints([]).store(into: &first)
      return [first] + outputs.dropFirst()
    }
    guard let values = try c.labelling({ try evaluate(c, first) }), values.count == n else { return outputs }
    values.store(into: &first)
    return [first] + outputs.dropFirst()
  }

  /// Whether every input and output of the resolved node `c` has known values, so that it is
  /// shape arithmetic that costs nothing at run time (a simplifier would fold it away).
  public static func isConstant(_ c: NodeContext) -> Bool {
    guard !c.outputs.isEmpty, c.outputs.allSatisfy({ FoldedValues($0) != nil }) else { return false }
    return c.inputs.allSatisfy { input in input.map { FoldedValues($0) != nil } ?? true }
  }

  /// The values of `out` (the node's first output), or `nil` when an operand is unknown or the operator is not folded.
  static func evaluate(_ c: NodeContext, _ out: ResolvedTensor) throws -> FoldedValues? {
    let op = c.node.opType
    switch op {
    case "Add", "Sub", "Mul", "Div", "Mod", "Max", "Min", "Pow", "Equal", "Less", "Greater", "LessOrEqual",
      "GreaterOrEqual", "And", "Or", "Xor":
      return try foldVariadic(c, out, op)
    case "Neg", "Abs", "Floor", "Ceil", "Round", "Sign", "Not", "Relu", "Sqrt", "Reciprocal":
      guard let x = c.inputValues(0) else { return nil }
      if case .ints = x, op == "Sqrt" || op == "Reciprocal" { return nil }  // not defined on integer tensors
      return try x.unary(op, c).converted(to: out.element, c)
    case "Identity", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Dropout":
      return c.inputValues(0)
    case "Cast", "CastLike":
      return try c.inputValues(0)?.converted(to: out.element, c)
    case "Where":
      guard let condition = c.inputValues(0), let x = c.inputValues(1), let y = c.inputValues(2) else { return nil }
      let shapes = try [c.input(0).shape, c.input(1).shape, c.input(2).shape]
      let picks = try condition.broadcast(from: shapes[0], to: out.shape, c).asInts(c)
      let a = try x.broadcast(from: shapes[1], to: out.shape, c), b = try y.broadcast(from: shapes[2], to: out.shape, c)
      return FoldedValues.select(picks, a, b)
    case "Expand":
      return try c.inputValues(0)?.broadcast(from: try c.input(0).shape, to: out.shape, c)
    case "Tile":
      guard let x = c.inputValues(0) else { return nil }
      return try x.tiled(from: try c.input(0).shape, to: out.shape)
    case "ConstantOfShape":
      return FoldedValues.filled(try OperatorRule.constantOfShapeValue(c), count: try out.elementCount())
    case "Range":
      return try OperatorRule.rangeValues(c)
    case "Size":
      return .ints([try c.input(0).elementCount()])
    case "Slice":
      return try foldSlice(c, out)
    case "Transpose":
      return try foldTranspose(c, out)
    default:
      return nil
    }
  }

  /// Binary and variadic element-wise operators, folded left to right over numpy broadcasting.
  static func foldVariadic(_ c: NodeContext, _ out: ResolvedTensor, _ op: String) throws -> FoldedValues? {
    var operands: [FoldedValues] = []
    for i in c.inputs.indices {
      guard c.inputs[i] != nil else { continue }
      guard let values = c.inputValues(i) else { return nil }
      operands.append(try values.broadcast(from: try c.input(i).shape, to: out.shape, c))
    }
    guard var result = operands.first, operands.count >= (op == "Max" || op == "Min" ? 1 : 2) else { return nil }
    let fmod = op == "Mod" ? try c.int("fmod", default: 0) : 0
    for operand in operands.dropFirst() { result = try result.combined(with: operand, op, fmod: fmod != 0, c) }
    return try result.converted(to: out.element, c)
  }

  /// A Slice of known values (any rank; starts, ends, axes and steps as Slice's shape rule reads them).
  static func foldSlice(_ c: NodeContext, _ out: ResolvedTensor) throws -> FoldedValues? {
    let x = try c.input(0)
    guard let values = c.inputValues(0), c.opsetVersion >= 10, out.shape.count == x.shape.count else { return nil }
    let starts = try c.integerValues(ofInput: 1, what: "starts")
    let axes = c.optionalInput(3) == nil ? Array(starts.indices) : try c.integerValues(ofInput: 3, what: "axes")
    let steps = c.optionalInput(4) == nil ? Array(repeating: 1, count: starts.count) : try c.integerValues(ofInput: 4, what: "steps")
    guard axes.count == starts.count, steps.count == starts.count else { return nil }
    // Per axis, the input index of each output index.
    var picks = x.shape.map { Array(0..<$0) }
    for (j, given) in axes.enumerated() {
      let axis = try c.axis(given, rank: x.shape.count)
      let size = x.shape[axis], step = steps[j]
      let s = starts[j] < 0 ? (starts[j] < -size ? -size : starts[j]) + size : starts[j]
      let first = step > 0 ? min(max(s, 0), size) : min(max(s, -1), size - 1)
      picks[axis] = (0..<out.shape[axis]).map { first &+ $0 &* step }
      guard picks[axis].allSatisfy({ $0 >= 0 && $0 < size }) else { return nil }
    }
    let strides = rowMajorStrides(x.shape)
    return values.picking(try FoldedValues.sourceIndices(out.shape) { position in
      position.indices.reduce(0) { $0 + picks[$1][position[$1]] * strides[$1] }
    })
  }

  /// A Transpose of known values.
  static func foldTranspose(_ c: NodeContext, _ out: ResolvedTensor) throws -> FoldedValues? {
    let x = try c.input(0)
    guard let values = c.inputValues(0) else { return nil }
    let perm = try c.ints("perm") ?? Array((0..<x.shape.count).reversed())
    let strides = rowMajorStrides(x.shape)
    return values.picking(try FoldedValues.sourceIndices(out.shape) { position in
      position.indices.reduce(0) { $0 + position[$1] * strides[perm[$1]] }
    })
  }

  /// Row-major strides of `shape` (sizes of shapes whose element count is known to fit).
  static func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = Array(repeating: 1, count: shape.count)
    for axis in shape.indices.dropLast().reversed() { strides[axis] = strides[axis + 1] &* shape[axis + 1] }
    return strides
  }
}

extension NodeContext {
  /// The known values of input `i` as folder values, or `nil` when they are unknown or incomplete.
  func inputValues(_ i: Int) -> FoldedValues? {
    guard let tensor = optionalInput(i) else { return nil }
    return FoldedValues(tensor)
  }
}
