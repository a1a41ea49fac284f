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
  /// a sparse one sorts its list of scheduled nodes. Scheduling is free of
  /// branches on the data: every fanout is written to the list and the
  /// list's length grows only when the fanout's bit was clear.
  func replayUnitDelay<B: WordBlock>(
    _: B.Type, block: Int, changedInputs: [Int], transitions: UnsafeMutableBufferPointer<Int>
  ) {
    let width = B.wordCount
    let plane = delayed + block * planeStride
    let mask = B(loading: laneMask + block * width)
    let bitmap = scheduled, order = stepOrder, changed = stepChanged
    var changedCount = 0
    for node in changedInputs {
      changed[changedCount] = Int32(truncatingIfNeeded: node)
      changedCount += 1
    }
    while changedCount > 0 {
      // Schedule the fanouts of the nodes that changed, once each.
      var count = 0
      var low = Int.max, high = -1
      for i in 0..<changedCount {
        let node = Int(changed[i])
        var k = fanoutStart[node]
        let end = fanoutStart[node + 1]
        while k < end {
          let target = fanouts[k]
          k &+= 1
          let word = Int(target >> 6), shift = UInt64(truncatingIfNeeded: target & 63)
          let before = bitmap[word]
          bitmap[word] = before | 1 << shift
          order[count] = target
          count &+= Int(truncatingIfNeeded: ~before >> shift & 1)
          low = min(low, word)
          high = max(high, word)
        }
      }
      changedCount = 0
      if count * 32 < high - low + 1 {
        // Sparse step: sort the few scheduled nodes.
        var list = UnsafeMutableBufferPointer(start: order, count: count)
        list.sort(by: >)
        for i in 0..<count { bitmap[Int(order[i] >> 6)] = 0 }
      } else {
        // Dense step: read them off the bitmap from the top.
        count = 0
        var word = high
        while word >= low {
          var bits = bitmap[word]
          bitmap[word] = 0
          while bits != 0 {
            let bit = 63 - bits.leadingZeroBitCount
            bits &= ~(1 << UInt64(bit))
            order[count] = Int32(truncatingIfNeeded: word << 6 | bit)
            count += 1
          }
          word -= 1
        }
      }
      for i in 0..<count {
        let node = Int(order[i])
        let target = plane + node * width
        let old = B(loading: target)
        let new = evaluateBlock(
          B.self, node, op: opTable[node], fanin: faninTable + node * FlatCircuit.maximumFaninCount,
          from: plane, into: target)
        let difference = (new ^ old) & mask
        if !difference.isZero {
          transitions[node] &+= difference.bitCount
          changed[changedCount] = Int32(truncatingIfNeeded: node)
          changedCount += 1
        }
      }
    }
  }
}
