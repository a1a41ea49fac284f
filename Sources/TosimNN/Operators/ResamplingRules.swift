//===--- ResamplingRules.swift ---------------------------------------------===//
// The rule of Resize (opsets 10–19): output sizes from input `sizes`, or
// floor(size × scale) from input `scales` (input 1 before opset 11), on all
// axes or (opset 18+) the attribute `axes`, with keep_aspect_ratio_policy.
// Nearest-neighbour resizing only copies; linear and cubic interpolate on the
// k resized axes with 2^k − 1 linear or (4^k − 1) / 3 cubic 1-D
// interpolations per output element (docs/network-counter.md, §Counting
// rules). Reached through OperatorRule+Registry from `tosim count`.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// Resampling operators.
  public static let resamplingRules: [OperatorRule] = [
    OperatorRule("Resize", metadataInputs: [1, 2, 3], shape: { c in
      [ResolvedTensor(element: try c.input(0).element, shape: try resized(c).shape)]
    }, forward: { c, e in try resizeArithmetic(c, e) }, backward: { c, e, _ in try resizeArithmetic(c, e) }),
  ]

  /// Resize's output shape and the number of axes whose size changes.
  static func resized(_ c: NodeContext) throws -> (shape: [Int], resizedAxes: Int) {
    let x = try c.input(0)
    let rank = x.shape.count
    let mode = try c.string("mode", default: "nearest")
    guard ["nearest", "linear", "cubic"].contains(mode) else { throw c.error("attribute 'mode' is '\(mode)', expected nearest, linear or cubic") }
    var axes = Array(0..<rank)
    if c.opsetVersion >= 18, let given = try c.ints("axes") {
      axes = try given.map { try c.axis($0, rank: rank) }
      guard Set(axes).count == axes.count else { throw c.error("attribute 'axes' \(given) repeats an axis") }
    }
    var shape = x.shape
    let sizesInput = c.opsetVersion >= 11 ? 3 : -1
    if sizesInput > 0, let sizesTensor = c.optionalInput(sizesInput), try sizesTensor.elementCount() > 0 {
      let sizes = try c.integerValues(ofInput: sizesInput, what: "sizes")
      guard sizes.count == axes.count else { throw c.error("sizes \(sizes) need \(axes.count) entries") }
      if let bad = sizes.first(where: { $0 < 0 }) { throw c.error("sizes \(sizes) has a negative size \(bad)") }
      let policy = c.opsetVersion >= 18 ? try c.string("keep_aspect_ratio_policy", default: "stretch") : "stretch"
      switch policy {
      case "stretch": for (j, axis) in axes.enumerated() { shape[axis] = sizes[j] }
      case "not_larger", "not_smaller":
        let ratios = zip(axes, sizes).map { axis, size in x.shape[axis] == 0 ? 1 : Double(size) / Double(x.shape[axis]) }
        let scale = policy == "not_larger" ? ratios.min() ?? 1 : ratios.max() ?? 1
        for axis in axes { shape[axis] = try scaledSize(x.shape[axis], scale, c) }
      default: throw c.error("attribute 'keep_aspect_ratio_policy' is '\(policy)', expected stretch, not_larger or not_smaller")
      }
    } else {
      let scalesInput = c.opsetVersion >= 11 ? 2 : 1
      guard let tensor = c.optionalInput(scalesInput) else { throw c.error("Resize needs scales (input \(scalesInput)) or sizes (input 3)") }
      guard let scales = tensor.floatValues ?? tensor.integerValues?.map(Double.init) else {
        throw c.error("scales (input \(scalesInput)) must be a constant known before running the model")
      }
      guard scales.count == axes.count else { throw c.error("scales \(scales) need \(axes.count) entries") }
      for (j, axis) in axes.enumerated() {
        guard scales[j] > 0, scales[j].isFinite else { throw c.error("scales \(scales) must be positive and finite") }
        shape[axis] = try scaledSize(x.shape[axis], scales[j], c)
      }
    }
    return (shape, zip(shape, x.shape).filter { $0 != $1 }.count)
  }

  /// floor(size × scale), checked to fit in 64 bits.
  static func scaledSize(_ size: Int, _ scale: Double, _ c: NodeContext) throws -> Int {
    let value = (Double(size) * scale).rounded(.down)
    guard value.isFinite, value >= 0, value < 9.0e18 else { throw c.error("scaled size \(size) × \(scale) does not fit in 64 bits") }
    return Int(value)
  }

  /// Per output element: nothing for nearest; (2^k − 1) × (sub, mul, add) for linear; (4^k − 1) / 3 × (4 mul, 3 add) for cubic.
  static func resizeArithmetic(_ c: NodeContext, _ e: Int) throws -> PassCount {
    let k = try resized(c).resizedAxes
    let mode = try c.string("mode", default: "nearest")
    guard mode != "nearest", k > 0 else { return PassCount() }
    guard k <= 16 else { throw c.error("Resize interpolates \(k) axes, more than the 16 tosim counts") }
    if mode == "linear" {
      let lerps = try Checked.multiply(e, (1 << k) - 1, "Resize interpolations")
      return try .arithmetic(try OpCounts([(.sub, lerps), (.mul, lerps), (.add, lerps)]))
    }
    let cubics = try Checked.multiply(e, ((1 << (2 * k)) - 1) / 3, "Resize interpolations")
    return try .arithmetic(try OpCounts([(.mul, try Checked.multiply(cubics, 4)), (.add, try Checked.multiply(cubics, 3))]))
  }
}
