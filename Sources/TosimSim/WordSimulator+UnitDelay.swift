//===--- WordSimulator+UnitDelay.swift -------------------------------------===//
// Unit-delay replay of a WordSimulator batch
// (`countsGlitches`): every vector transition is replayed from the previous
// vector's settled state with one cell delay per step, event-driven over the
// fanout lists, and every transition is counted, hazards included. A node
// is scheduled once per step for the whole batch (a bit in a node bitmap)
// and evaluated block by block, so scheduling is paid once per batch. Reached through `tosim
// explore` and `tosim derive`, whose measurements always count glitches.
//===----------------------------------------------------------------------===//

extension WordSimulator {
  /// Unit-delay replay of the batch in `delayed`, which holds every cell
  /// node at the previous vector's settled value and the inputs at the new
  /// value: step one cell delay at a time. Only the fanouts of nodes that
  /// changed in a counted lane in the previous step are evaluated
  /// (event-driven). The nodes scheduled for a step are bits of a node
  /// bitmap, visited from the highest index down, which keeps each step
  /// reading values of the step before while updating in place, since
  /// fanins have smaller indices than the nodes they feed.
  func replayUnitDelay<B: WordBlock>(
    _: B.Type, changedInputs: [Int], transitions: UnsafeMutableBufferPointer<Int>
  ) {
    let width = B.wordCount
    let blocks = wordCount / width
    var current = scheduled, next = scheduled + scheduleWords
    // The range of bitmap words that may hold set bits, in `current` and `next`.
    var low = scheduleWords, high = -1
    var nextLow = scheduleWords, nextHigh = -1
    fanoutStart.withUnsafeBufferPointer { fanoutStart in
      fanouts.withUnsafeBufferPointer { fanouts in
        @inline(__always) func scheduleFanouts(of node: Int) {
          for k in fanoutStart[node]..<fanoutStart[node + 1] {
            let target = fanouts[k], word = target >> 6
            next[word] |= 1 << UInt64(target & 63)
            nextLow = min(nextLow, word)
            nextHigh = max(nextHigh, word)
          }
        }
        for node in changedInputs { scheduleFanouts(of: node) }
        while nextHigh >= 0 {
          swap(&current, &next)
          (low, high, nextLow, nextHigh) = (nextLow, nextHigh, scheduleWords, -1)
          var word = high
          while word >= low {
            var bits = current[word]
            current[word] = 0
            while bits != 0 {
              let bit = 63 - bits.leadingZeroBitCount
              bits &= ~(1 << UInt64(bit))
              let node = word << 6 | bit
              let op = opTable[node], fanin = faninTable + node * FlatCircuit.maximumFaninCount
              var count = 0
              for block in 0..<blocks {
                let plane = delayed + block * planeStride
                let target = plane + node * width
                let old = B(loading: target)
                let new = evaluateBlock(B.self, node, op: op, fanin: fanin, from: plane, into: target)
                count += ((new ^ old) & B(loading: laneMask + block * width)).bitCount
              }
              if count > 0 {
                transitions[node] += count
                scheduleFanouts(of: node)
              }
            }
            word -= 1
          }
        }
      }
    }
  }
}
