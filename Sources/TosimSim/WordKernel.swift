//===--- WordKernel.swift --------------------------------------------------===//
// The word kernels of the bit-parallel simulators: one node evaluated over
// one block of words (a `WordBlock`: 1, 2, 4, 8 or 16 words) from its fanins'
// blocks in the same node-major plane, one expression per `GateOp`, and the
// Shannon-expansion fallback for functions no `GateOp` matches.
// WordSimulator's zero-delay sweep and unit-delay replay and
// WordTimingSimulator's event loop call them; reached through `tosim
// explore` and `tosim derive`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension WordSimulator {
  /// Evaluates `node` (operation `op`, fanins at `fanin`) over one block
  /// from the block plane `source`, stores the result at `out` and returns it.
  @inline(__always)
  func evaluateBlock<B: WordBlock>(
    _: B.Type, _ node: Int, op: GateOp, fanin: UnsafePointer<Int32>,
    from source: UnsafeMutablePointer<UInt64>, into out: UnsafeMutablePointer<UInt64>
  ) -> B {
    WordKernel.evaluate(B.self, op, fanin: fanin, from: source, into: out, function: circuit.functions[node])
  }
}

/// The word kernels.
enum WordKernel {
  /// Evaluates a node of operation `op` (fanins at `fanin`, function
  /// `function`, read only for `generic`) over one block from the
  /// node-major plane `source` (node n's block at `n × B.wordCount`),
  /// stores the result at `out` and returns it.
  @inline(__always)
  static func evaluate<B: WordBlock>(
    _: B.Type, _ op: GateOp, fanin: UnsafePointer<Int32>, from source: UnsafeMutablePointer<UInt64>,
    into out: UnsafeMutablePointer<UInt64>, function: @autoclosure () -> TruthTable
  ) -> B {
    @inline(__always) func x(_ i: Int) -> B { B(loading: source + Int(fanin[i]) &* B.wordCount) }
    let r: B
    switch op {
    case .input: return B(loading: out)
    case .const0: r = B(repeating: 0)
    case .const1: r = B(repeating: ~0)
    case .buf: r = x(0)
    case .not: r = ~x(0)
    case .and2: r = x(0) & x(1)
    case .nand2: r = ~(x(0) & x(1))
    case .or2: r = x(0) | x(1)
    case .nor2: r = ~(x(0) | x(1))
    case .xor2: r = x(0) ^ x(1)
    case .xnor2: r = ~(x(0) ^ x(1))
    case .andNot2: r = x(0) & ~x(1)
    case .orNot2: r = x(0) | ~x(1)
    case .and3: r = x(0) & x(1) & x(2)
    case .nand3: r = ~(x(0) & x(1) & x(2))
    case .or3: r = x(0) | x(1) | x(2)
    case .nor3: r = ~(x(0) | x(1) | x(2))
    case .xor3: r = x(0) ^ x(1) ^ x(2)
    case .xnor3: r = ~(x(0) ^ x(1) ^ x(2))
    case .maj3:
      let a = x(0), b = x(1), c = x(2)
      r = (a & b) | (c & (a | b))
    case .minority3:
      let a = x(0), b = x(1), c = x(2)
      r = ~((a & b) | (c & (a | b)))
    case .aoi21: r = ~((x(0) & x(1)) | x(2))
    case .oai21: r = ~((x(0) | x(1)) & x(2))
    case .ao21: r = (x(0) & x(1)) | x(2)
    case .oa21: r = (x(0) | x(1)) & x(2)
    case .mux2:
      let s = x(2)
      r = (x(0) & ~s) | (x(1) & s)
    case .aoi22: r = ~((x(0) & x(1)) | (x(2) & x(3)))
    case .oai22: r = ~((x(0) | x(1)) & (x(2) | x(3)))
    case .ao22: r = (x(0) & x(1)) | (x(2) & x(3))
    case .oa22: r = (x(0) | x(1)) & (x(2) | x(3))
    case .generic:
      evaluateGeneric(function(), fanin: fanin, from: source, stride: B.wordCount, into: out)
      return B(loading: out)
    }
    r.store(to: out)
    return r
  }

  /// Shannon expansion over the node's truth table, a multiplexer tree on
  /// the fanins with the last fanin at the root, for the `stride` words of
  /// one block: fanin `i`'s words are at `source + fanin × stride`.
  static func evaluateGeneric(
    _ table: TruthTable, fanin: UnsafePointer<Int32>, from source: UnsafeMutablePointer<UInt64>, stride: Int,
    into out: UnsafeMutablePointer<UInt64>
  ) {
    let k = table.inputCount
    let minterms = (0..<(1 << k)).map { table.value(at: $0) ? UInt64.max : 0 }
    var level = minterms
    for w in 0..<stride {
      level.replaceSubrange(0..<level.count, with: minterms)
      var width = minterms.count
      for i in 0..<k {
        let x = source[Int(fanin[i]) * stride + w]
        width /= 2
        for j in 0..<width { level[j] = (level[2 * j] & ~x) | (level[2 * j + 1] & x) }
      }
      out[w] = level[0]
    }
  }
}
