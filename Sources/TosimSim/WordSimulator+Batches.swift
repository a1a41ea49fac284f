//===--- WordSimulator+Batches.swift ---------------------------------------===//
// Loading a batch of input vectors into a WordSimulator and reading node
// values back: operands are bit-transposed 64 lanes at a time between one
// value per vector and one word per node. `tosim explore`, `tosim eval` and
// `tosim derive` feed their vectors through these.
//===----------------------------------------------------------------------===//

extension WordSimulator {
  /// Loads operand values of input bus `bus` into the batch.
  ///
  /// - Parameters:
  ///   - values: one operand per vector, `limbsPerValue` 64-bit limbs each
  ///     (least significant limb first); at most `lanesPerBatch` operands.
  ///     Lanes past the end are filled with zeros.
  public func setInput(_ bus: Int, values operands: [UInt64], limbsPerValue: Int = 1) {
    let nodes = circuit.inputNodes[bus]
    let laneCount = operands.count / limbsPerValue
    precondition(laneCount <= lanesPerBatch)
    for w in 0..<wordCount {
      for limb in 0..<limbsPerValue where limb * 64 < nodes.count {
        for lane in 0..<64 {
          let vector = w * 64 + lane
          scratch[lane] = vector < laneCount ? operands[vector * limbsPerValue + limb] : 0
        }
        BitTranspose.transpose64(scratch)
        for bit in 0..<min(64, nodes.count - limb * 64) {
          values[nodes[limb * 64 + bit] * wordCount + w] = scratch[bit]
        }
      }
    }
  }

  /// Sets input bus `bus` from raw bit planes: `planes[bit][word]`.
  public func setInput(_ bus: Int, planes bitPlanes: [[UInt64]]) {
    for (bit, node) in circuit.inputNodes[bus].enumerated() {
      for w in 0..<wordCount { values[node * wordCount + w] = bitPlanes[bit][w] }
    }
  }

  /// The values of output bus `bus` for the first `laneCount` vectors of the
  /// last batch, `limbsPerValue` limbs each.
  public func output(_ bus: Int, laneCount: Int, limbsPerValue: Int = 1) -> [UInt64] {
    nodeValues(circuit.outputNodes[bus], laneCount: laneCount, limbsPerValue: limbsPerValue)
  }

  /// The values of input bus `bus` as loaded, in the layout of `output`.
  public func input(_ bus: Int, laneCount: Int, limbsPerValue: Int = 1) -> [UInt64] {
    nodeValues(circuit.inputNodes[bus], laneCount: laneCount, limbsPerValue: limbsPerValue)
  }

  /// The word of node `node` for lanes `64w…64w+63` of the last batch.
  public func word(node: Int, _ w: Int) -> UInt64 { values[node * wordCount + w] }

  /// The values of `nodes` (one bit each, limb by limb) for the first
  /// `laneCount` vectors of the last batch.
  func nodeValues(_ nodes: [Int], laneCount: Int, limbsPerValue: Int) -> [UInt64] {
    var result = [UInt64](repeating: 0, count: laneCount * limbsPerValue)
    for w in 0..<wordCount where w * 64 < laneCount {
      for limb in 0..<limbsPerValue {
        for bit in 0..<64 {
          let index = limb * 64 + bit
          scratch[bit] = index < nodes.count ? values[nodes[index] * wordCount + w] : 0
        }
        BitTranspose.transpose64(scratch)
        for lane in 0..<min(64, laneCount - w * 64) {
          result[(w * 64 + lane) * limbsPerValue + limb] = scratch[lane]
        }
      }
    }
    return result
  }
}
