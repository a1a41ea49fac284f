//===--- WordSimulator+ZeroDelay.swift -------------------------------------===//
// Running one batch of a WordSimulator, block plane by block plane: each
// sweep evaluates every node over one block of words in topological order
// and counts its toggles while the block is in registers (popcount of the
// block XOR the block shifted by one lane), then, with `countsGlitches`,
// replays the same block unit-delay; per-vector counters are collected at
// the end. Reached through `tosim explore` and `tosim derive`.
//===----------------------------------------------------------------------===//

extension WordSimulator {
  /// Simulates the first `laneCount` vectors of the loaded batch and adds
  /// their toggles (and, with `countsGlitches`, transitions) to the totals.
  public func run(laneCount: Int) {
    precondition(laneCount >= 1 && laneCount <= lanesPerBatch)
    for w in 0..<wordCount {
      let lo = w * 64
      laneMask[w] = laneCount >= lo + 64 ? ~0 : (laneCount <= lo ? 0 : (1 << UInt64(laneCount - lo)) - 1)
    }
    if vectorCount == 0 { laneMask[0] &= ~1 }  // no predecessor for the very first vector
    if options.recordsPerVector {
      planes.update(repeating: 0, count: max(1, classLoads.count) * Self.planeCount * wordCount)
    }
    for node in 0..<nodeCount { carryIn[node] = lastLane[node] }
    toggleCounts.withUnsafeMutableBufferPointer { toggles in
      transitionCounts.withUnsafeMutableBufferPointer { transitions in
        switch blockWords {
        case 16: simulateBatch(SIMD16<UInt64>.self, toggles: toggles, transitions: transitions)
        case 8: simulateBatch(SIMD8<UInt64>.self, toggles: toggles, transitions: transitions)
        case 4: simulateBatch(SIMD4<UInt64>.self, toggles: toggles, transitions: transitions)
        case 2: simulateBatch(SIMD2<UInt64>.self, toggles: toggles, transitions: transitions)
        default: simulateBatch(UInt64.self, toggles: toggles, transitions: transitions)
        }
      }
    }
    if options.recordsPerVector { collectPerVector(laneCount: laneCount) }
    // Remember the last valid lane of every node for the next batch. In a
    // full batch that is the top lane the sweep left in `carryIn`, which
    // spares a cache-missing load per node from the value planes.
    if laneCount == lanesPerBatch {
      for node in 0..<nodeCount { lastLane[node] = carryIn[node] }
    } else {
      let lastWord = (laneCount - 1) / 64, lastBit = UInt64((laneCount - 1) % 64)
      for node in 0..<nodeCount {
        lastLane[node] = values[slot(node, lastWord)] >> lastBit & 1
      }
    }
    vectorCount += laneCount
  }

  /// Sweeps every block plane zero-delay and, with `countsGlitches`,
  /// replays it unit-delay right after.
  func simulateBatch<B: WordBlock>(
    _: B.Type, toggles: UnsafeMutableBufferPointer<Int>, transitions: UnsafeMutableBufferPointer<Int>
  ) {
    for block in 0..<(wordCount / blockWords) {
      inputChanged.update(repeating: false, count: circuit.firstCellNode)
      simulateBlock(B.self, block, toggles: toggles, transitions: transitions)
      if options.countsGlitches {
        let changed = (2..<circuit.firstCellNode).filter { inputChanged[$0] }
        replayUnitDelay(B.self, block: block, changedInputs: changed, transitions: transitions)
      }
    }
  }

  /// Simulates block plane `block`: every node is evaluated (primary inputs
  /// are read as loaded) and its toggles over the counted lanes are added
  /// to `toggles`; with `countsGlitches` the block's unit-delay start state
  /// is set up in `delayed` and the inputs' transitions are counted.
  func simulateBlock<B: WordBlock>(
    _: B.Type, _ block: Int, toggles: UnsafeMutableBufferPointer<Int>, transitions: UnsafeMutableBufferPointer<Int>
  ) {
    let width = B.wordCount
    let plane = values + block * planeStride
    let firstWord = block * width
    let mask = B(loading: laneMask + firstWord)
    let first = circuit.firstCellNode
    let glitches = options.countsGlitches
    let records = options.recordsPerVector
    for node in 2..<nodeCount {
      let out = plane + node * width
      let value =
        node < first
        ? B(loading: out)
        : evaluateBlock(B.self, node, op: opTable[node], fanin: faninTable + node * FlatCircuit.maximumFaninCount, from: plane, into: out)
      let previous = value.shiftedOneLane(carry: carryIn[node])
      carryIn[node] = value.word(width - 1) >> 63
      let toggled = (value ^ previous) & mask
      let count = toggled.bitCount
      toggles[node] += count
      if records && count != 0 {
        let loadClass = classTable[node]
        if loadClass >= 0 { accumulate(block: toggled, loadClass: loadClass, word: firstWord) }
      }
      if glitches {
        // Unit-delay start: inputs at the new vector, cells at the previous one.
        let start = delayed + block * planeStride + node * width
        if node < first {
          value.store(to: start)
          // Primary inputs switch once, at time 0, in unit-delay mode too.
          if count != 0 {
            transitions[node] += count
            inputChanged[node] = true
          }
        } else {
          previous.store(to: start)
        }
      }
    }
  }
}
