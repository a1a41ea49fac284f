//===--- WordSimulator+UnitDelay.swift -------------------------------------===//
// Unit-delay replay of one block plane of a WordSimulator batch
// (`countsGlitches`): every vector transition is replayed from the previous
// vector's settled state with one cell delay per step, event-driven over the
// fanout lists, and every transition is counted, hazards included. Lanes are
// independent, so each block is replayed on its own. Reached through `tosim
// explore` and `tosim derive`, whose measurements always count glitches.
//===----------------------------------------------------------------------===//

extension WordSimulator {
  /// Unit-delay replay of the block in `delayed`, which holds every cell
  /// node at the previous vector's settled value and the inputs at the new
  /// value: step one cell delay at a time. Only the fanouts of nodes that
  /// changed in a counted lane in the previous step are evaluated
  /// (event-driven); visiting them in decreasing index order keeps each step
  /// reading values of the step before, since fanins have smaller indices
  /// than the nodes they feed.
  func replayUnitDelay<B: WordBlock>(
    _: B.Type, mask: B, changedInputs: [Int], transitions: UnsafeMutableBufferPointer<Int>
  ) {
    let width = B.wordCount
    var changed = changedInputs
    var active: [Int] = []
    while !changed.isEmpty {
      stepStamp += 1
      let stamp = stepStamp
      active.removeAll(keepingCapacity: true)
      for node in changed {
        for k in fanoutStart[node]..<fanoutStart[node + 1] {
          let target = fanouts[k]
          if scheduledStep[target] != stamp {
            scheduledStep[target] = stamp
            active.append(target)
          }
        }
      }
      active.sort(by: >)
      changed.removeAll(keepingCapacity: true)
      for node in active {
        let target = delayed + node * width
        let old = B(loading: target)
        let new = evaluateBlock(
          B.self, node, op: opTable[node], fanin: faninTable + node * FlatCircuit.maximumFaninCount,
          from: delayed, into: target)
        let count = ((new ^ old) & mask).bitCount
        if count > 0 {
          transitions[node] += count
          changed.append(node)
        }
      }
    }
  }
}
