//===--- WordSimulator+Kernels.swift ---------------------------------------===//
// The word kernels of a WordSimulator: one node evaluated over all its words
// from its fanins' words, a loop per `GateOp`, and the Shannon-expansion
// fallback for functions no `GateOp` matches. Both zero-delay and unit-delay
// simulation call them; reached through `tosim explore` and `tosim derive`.
//===----------------------------------------------------------------------===//

extension WordSimulator {
  /// Evaluates `node` from the node words in `source` into `out`.
  @inline(__always)
  func evaluate(_ node: Int, from source: UnsafeMutablePointer<UInt64>, into out: UnsafeMutablePointer<UInt64>) {
    let W = wordCount
    let f = node * FlatCircuit.maximumFaninCount
    @inline(__always) func operand(_ i: Int) -> UnsafeMutablePointer<UInt64> { source + Int(fanins[f + i]) * W }
    switch ops[node] {
    case .input: break
    case .const0: for w in 0..<W { out[w] = 0 }
    case .const1: for w in 0..<W { out[w] = ~0 }
    case .buf: let a = operand(0); for w in 0..<W { out[w] = a[w] }
    case .not: let a = operand(0); for w in 0..<W { out[w] = ~a[w] }
    case .and2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = a[w] & b[w] }
    case .nand2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = ~(a[w] & b[w]) }
    case .or2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = a[w] | b[w] }
    case .nor2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = ~(a[w] | b[w]) }
    case .xor2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = a[w] ^ b[w] }
    case .xnor2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = ~(a[w] ^ b[w]) }
    case .andNot2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = a[w] & ~b[w] }
    case .orNot2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = a[w] | ~b[w] }
    case .and3:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = a[w] & b[w] & c[w] }
    case .nand3:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = ~(a[w] & b[w] & c[w]) }
    case .or3:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = a[w] | b[w] | c[w] }
    case .nor3:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = ~(a[w] | b[w] | c[w]) }
    case .xor3:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = a[w] ^ b[w] ^ c[w] }
    case .xnor3:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = ~(a[w] ^ b[w] ^ c[w]) }
    case .maj3:
      let a = operand(0), b = operand(1), c = operand(2)
      for w in 0..<W { out[w] = (a[w] & b[w]) | (c[w] & (a[w] | b[w])) }
    case .minority3:
      let a = operand(0), b = operand(1), c = operand(2)
      for w in 0..<W { out[w] = ~((a[w] & b[w]) | (c[w] & (a[w] | b[w]))) }
    case .aoi21:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = ~((a[w] & b[w]) | c[w]) }
    case .oai21:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = ~((a[w] | b[w]) & c[w]) }
    case .ao21:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = (a[w] & b[w]) | c[w] }
    case .oa21:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = (a[w] | b[w]) & c[w] }
    case .mux2:
      let a = operand(0), b = operand(1), s = operand(2)
      for w in 0..<W { out[w] = (a[w] & ~s[w]) | (b[w] & s[w]) }
    case .aoi22:
      let a = operand(0), b = operand(1), c = operand(2), d = operand(3)
      for w in 0..<W { out[w] = ~((a[w] & b[w]) | (c[w] & d[w])) }
    case .oai22:
      let a = operand(0), b = operand(1), c = operand(2), d = operand(3)
      for w in 0..<W { out[w] = ~((a[w] | b[w]) & (c[w] | d[w])) }
    case .ao22:
      let a = operand(0), b = operand(1), c = operand(2), d = operand(3)
      for w in 0..<W { out[w] = (a[w] & b[w]) | (c[w] & d[w]) }
    case .oa22:
      let a = operand(0), b = operand(1), c = operand(2), d = operand(3)
      for w in 0..<W { out[w] = (a[w] | b[w]) & (c[w] | d[w]) }
    case .generic:
      evaluateGeneric(node, from: source, into: out)
    }
  }

  /// Shannon expansion over the node's truth table: a multiplexer tree on
  /// the fanins, last fanin at the root.
  func evaluateGeneric(
    _ node: Int, from source: UnsafeMutablePointer<UInt64>, into out: UnsafeMutablePointer<UInt64>
  ) {
    let table = circuit.functions[node]
    let k = table.inputCount
    let f = node * FlatCircuit.maximumFaninCount
    for w in 0..<wordCount {
      var level = (0..<(1 << k)).map { table.value(at: $0) ? UInt64.max : 0 }
      for i in 0..<k {
        let x = source[Int(fanins[f + i]) * wordCount + w]
        level = stride(from: 0, to: level.count, by: 2).map { (level[$0] & ~x) | (level[$0 + 1] & x) }
      }
      out[w] = level[0]
    }
  }
}
