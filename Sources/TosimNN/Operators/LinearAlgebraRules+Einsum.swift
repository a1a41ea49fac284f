//===--- LinearAlgebraRules+Einsum.swift -----------------------------------===//
// The rule of Einsum: the equation (`bij,bjk->bik`, implicit outputs and one
// `...` per term) is parsed into labels, label sizes are checked across
// operands, and the output shape follows. Arithmetic: with P the product of
// every label's size (and the broadcast ellipsis), n ≥ 2 operands make
// (n − 1) × P multiplies and P − E adds (a MatMul written as Einsum counts as
// the MatMul), a single operand only sums. Reached through
// OperatorRule+Registry from `tosim count`.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

extension OperatorRule {
  /// Einsum.
  public static let einsumRules: [OperatorRule] = [
    OperatorRule("Einsum", shape: { c in
      [ResolvedTensor(element: try c.input(0).element, shape: try EinsumEquation(c).output)]
    }, forward: { c, e in
      let equation = try EinsumEquation(c)
      let n = c.inputs.count
      let adds = max(equation.points - e, 0)
      guard n >= 2 else { return try .arithmetic(try OpCounts([(.add, adds)])) }
      let muls = try Checked.multiply(n - 1, equation.points, "Einsum products")
      return try .products(ops: try OpCounts([(.mul, muls), (.add, adds)]), macs: muls, biasAdds: 0)
    }, backward: { c, _, forward in
      // Each operand's gradient is an Einsum over the same points: n × the forward products.
      let n = c.inputs.count
      guard n >= 2 else { return PassCount() }
      let macs = try Checked.multiply(n, forward.macCount, "MAC count")
      return try .products(ops: try OpCounts([(.mul, macs), (.add, macs)]), macs: macs, biasAdds: 0)
    }),
  ]
}

/// A parsed Einsum equation over a node's input shapes.
struct EinsumEquation {
  /// The output shape.
  var output: [Int]
  /// The number of points of the full iteration space (every label, and the ellipsis).
  var points: Int

  init(_ c: NodeContext) throws {
    guard c.node.attribute("equation") != nil else { throw c.error("attribute 'equation' is required") }
    let text = try c.string("equation", default: "").filter { $0 != " " }
    let sides = text.components(separatedBy: "->")
    guard sides.count <= 2 else { throw c.error("attribute 'equation' '\(text)' has more than one '->'") }
    let terms = sides[0].components(separatedBy: ",")
    guard terms.count == c.inputs.count, !c.inputs.isEmpty else {
      throw c.error("attribute 'equation' '\(text)' has \(terms.count) operands, the node \(c.inputs.count) inputs")
    }
    func parse(_ term: String) throws -> (labels: [Character], ellipsisAt: Int?) {
      let parts = term.components(separatedBy: "...")
      guard parts.count <= 2 else { throw c.error("attribute 'equation' term '\(term)' has more than one '...'") }
      let labels = Array(parts.joined())
      guard labels.allSatisfy({ $0.isASCII && $0.isLetter }) else {
        throw c.error("attribute 'equation' term '\(term)' has a character other than a letter or '...'")
      }
      return (labels, parts.count == 2 ? parts[0].count : nil)
    }
    var sizes: [Character: Int] = [:]
    var ellipsis: [Int] = []
    var occurrences: [Character: Int] = [:]
    for (i, term) in terms.enumerated() {
      let shape = try c.input(i).shape
      let (labels, at) = try parse(term)
      let extra = shape.count - labels.count
      guard extra >= 0, at != nil || extra == 0 else {
        throw c.error("attribute 'equation' term '\(term)' does not match input \(i) of shape \(shape)")
      }
      var dims = shape
      if let at {
        let mine = Array(shape[at..<(at + extra)])
        ellipsis = try OperatorRule.broadcast(ellipsis, mine, c)
        dims.removeSubrange(at..<(at + extra))
      }
      for (label, size) in zip(labels, dims) {
        if let known = sizes[label], known != size {
          throw c.error("attribute 'equation' label '\(label)' has sizes \(known) and \(size)")
        }
        sizes[label] = size
        occurrences[label, default: 0] += 1
      }
    }
    var outputLabels: [Character]
    var outputEllipsis: Int?
    if sides.count == 2 {
      (outputLabels, outputEllipsis) = try parse(sides[1])
      guard Set(outputLabels).count == outputLabels.count, outputLabels.allSatisfy({ sizes[$0] != nil }) else {
        throw c.error("attribute 'equation' output '\(sides[1])' repeats a label or uses one no operand has")
      }
    } else {
      outputLabels = occurrences.filter { $0.value == 1 }.keys.sorted()
      outputEllipsis = 0
    }
    var shape = outputLabels.map { sizes[$0] ?? 1 }  // every output label was checked to be in `sizes`
    // Without `...` in the output the ellipsis axes are summed; their points are still counted.
    if let at = outputEllipsis { shape.insert(contentsOf: ellipsis, at: at) }
    output = shape
    points = try Checked.product(ellipsis + Array(sizes.values), "Einsum iteration space")
  }
}
