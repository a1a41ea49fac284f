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
  /// (event-driven). Each step first evaluates every scheduled node from
  /// the previous step's values into `stepValues`, then commits them, so
  /// the order of evaluation within a step does not matter.
  func replayUnitDelay<B: WordBlock>(
    _: B.Type, mask: B, changedInputs: [Int], transitions: UnsafeMutableBufferPointer<Int>
  ) {
    let width = B.wordCount
    var changed = changedInputs
    var active: [Int] = []
    fanoutStart.withUnsafeBufferPointer { fanoutStart in
      fanouts.withUnsafeBufferPointer { fanouts in
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
          changed.removeAll(keepingCapacity: true)
          var next = stepValues
          for node in active {
            _ = evaluateBlock(
              B.self, node, op: opTable[node], fanin: faninTable + node * FlatCircuit.maximumFaninCount,
              from: delayed, into: next)
            next += width
          }
          next = stepValues
          for node in active {
            let target = delayed + node * width
            let old = B(loading: target)
            let new = B(loading: next)
            new.store(to: target)
            next += width
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
