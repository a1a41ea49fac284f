//===--- WordSimulator+UnitDelay.swift -------------------------------------===//
// Unit-delay replay of a WordSimulator batch (`countsGlitches`): every
// vector transition is replayed from the previous vector's settled state
// with one cell delay per step, event-driven over the fanout lists, and
// every transition is counted, hazards included. Reached through `tosim
// explore` and `tosim derive`, whose measurements always count glitches.
//===----------------------------------------------------------------------===//

extension WordSimulator {
  /// The previous lane's value of word `w` of `node` (one vector earlier).
  @inline(__always)
  func previousLanes(_ node: Int, _ w: Int, _ word: UInt64) -> UInt64 {
    let carry = w == 0 ? lastLane[node] : values[node * wordCount + w - 1] >> 63
    return word << 1 | carry
  }

  /// Unit-delay replay: start every cell node at the previous vector's
  /// settled value, inputs at the new value, and step one cell delay at a
  /// time. Only the fanouts of nodes that changed in the previous step are
  /// evaluated (event-driven); visiting them in decreasing index order keeps
  /// each step reading values of the step before, since fanins have smaller
  /// indices than the nodes they feed.
  func runUnitDelay(laneCount: Int) {
    let first = circuit.firstCellNode
    for node in 0..<first {
      for w in 0..<wordCount { delayed[node * wordCount + w] = values[node * wordCount + w] }
    }
    for node in first..<nodeCount {
      for w in 0..<wordCount {
        delayed[node * wordCount + w] = previousLanes(node, w, values[node * wordCount + w])
      }
    }
    // Step 0: the primary inputs that changed in some counted lane.
    var changed: [Int] = []
    for node in 2..<first {
      for w in 0..<wordCount where (values[node * wordCount + w] ^ previousLanes(node, w, values[node * wordCount + w])) & laneMask[w] != 0 {
        changed.append(node)
        break
      }
    }
    var active: [Int] = []
    while !changed.isEmpty {
      stepStamp += 1
      active.removeAll(keepingCapacity: true)
      for node in changed {
        for k in fanoutStart[node]..<fanoutStart[node + 1] {
          let target = fanouts[k]
          if scheduledStep[target] != stepStamp {
            scheduledStep[target] = stepStamp
            active.append(target)
          }
        }
      }
      active.sort(by: >)
      changed.removeAll(keepingCapacity: true)
      for node in active {
        evaluate(node, from: delayed, into: scratch)
        let target = delayed + node * wordCount
        var transitions = 0
        for w in 0..<wordCount {
          transitions += ((scratch[w] ^ target[w]) & laneMask[w]).nonzeroBitCount
          target[w] = scratch[w]
        }
        if transitions > 0 {
          transitionCounts[node] += transitions
          changed.append(node)
        }
      }
    }
  }
}
