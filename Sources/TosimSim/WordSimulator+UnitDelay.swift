//===--- WordSimulator+UnitDelay.swift -------------------------------------===//
// Unit-delay replay of a WordSimulator batch
// (`countsGlitches`): every vector transition is replayed from the previous
// vector's settled state with one cell delay per step, event-driven over the
// fanout lists, and every transition is counted, hazards included. Lanes are
// independent, so each block plane is replayed on its own, right after its
// zero-delay sweep, and stops as soon as its own lanes settle. Reached through `tosim
// explore` and `tosim derive`, whose measurements always count glitches.
//===----------------------------------------------------------------------===//

extension WordSimulator {
  /// Unit-delay replay of block plane `block` of `delayed`, which holds every cell
  /// node at the previous vector's settled value and the inputs at the new
  /// value: step one cell delay at a time. Only the fanouts of nodes that
  /// changed in a counted lane in the previous step are evaluated
  /// (event-driven). The nodes scheduled for a step are visited from the
  /// highest index down, which keeps each step reading values of the step
  /// before while updating in place, since fanins have smaller indices than
  /// the nodes they feed: a dense step scans the node bitmap from the top,
  /// a sparse one sorts its list of scheduled nodes.
  func replayUnitDelay<B: WordBlock>(
    _: B.Type, block: Int, changedInputs: [Int], transitions: UnsafeMutableBufferPointer<Int>
  ) {
    let width = B.wordCount
    let plane = delayed + block * planeStride
    let mask = B(loading: laneMask + block * width)
    let bitmap = scheduled
    var changed = changedInputs
    var order: [Int] = []
    fanoutStart.withUnsafeBufferPointer { fanoutStart in
      fanouts.withUnsafeBufferPointer { fanouts in
        while !changed.isEmpty {
          // Schedule the fanouts of the nodes that changed, once each.
          order.removeAll(keepingCapacity: true)
          var low = Int.max, high = -1
          for node in changed {
            for k in fanoutStart[node]..<fanoutStart[node + 1] {
              let target = fanouts[k], word = target >> 6, bit: UInt64 = 1 << UInt64(target & 63)
              if bitmap[word] & bit == 0 {
                bitmap[word] |= bit
                order.append(target)
                low = min(low, word)
                high = max(high, word)
              }
            }
          }
          changed.removeAll(keepingCapacity: true)
          if order.count * 32 < high - low + 1 {
            // Sparse step: sort the few scheduled nodes.
            order.sort(by: >)
            for node in order { bitmap[node >> 6] = 0 }
          } else {
            // Dense step: read them off the bitmap from the top.
            order.removeAll(keepingCapacity: true)
            var word = high
            while word >= low {
              var bits = bitmap[word]
              bitmap[word] = 0
              while bits != 0 {
                let bit = 63 - bits.leadingZeroBitCount
                bits &= ~(1 << UInt64(bit))
                order.append(word << 6 | bit)
              }
              word -= 1
            }
          }
          for node in order {
            let target = plane + node * width
            let old = B(loading: target)
            let new = evaluateBlock(
              B.self, node, op: opTable[node], fanin: faninTable + node * FlatCircuit.maximumFaninCount,
              from: plane, into: target)
            let count = ((new ^ old) & mask).bitCount
            if count > 0 {
              transitions[node] += count
              changed.append(node)
            }
          }
        }
      }
    }
  }
}
