//===--- WordSimulator+ZeroDelay.swift -------------------------------------===//
// Running one batch of a WordSimulator: zero-delay evaluation of every node
// in topological order, each node's toggles counted while its words are in
// cache (popcount of the word XOR the word shifted by one lane), then the
// optional unit-delay replay and per-vector collection. Reached through
// `tosim explore` and `tosim derive`.
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

    let first = circuit.firstCellNode
    for node in 2..<first {
      let toggles = countToggles(node)
      // Primary inputs switch once, at time 0, in unit-delay mode too.
      if options.countsGlitches { transitionCounts[node] += toggles }
    }
    // Evaluate and count each node while its words are still in cache.
    for node in first..<nodeCount {
      evaluate(node, from: values, into: values + node * wordCount)
      countToggles(node)
    }
    if options.countsGlitches { runUnitDelay(laneCount: laneCount) }
    if options.recordsPerVector { collectPerVector(laneCount: laneCount) }
    // Remember the last valid lane of every node for the next batch.
    let lastWord = (laneCount - 1) / 64, lastBit = UInt64((laneCount - 1) % 64)
    for node in 0..<nodeCount {
      lastLane[node] = values[node * wordCount + lastWord] >> lastBit & 1
    }
    vectorCount += laneCount
  }

  /// Adds the zero-delay toggles of `node` over the counted lanes to its
  /// total and returns them.
  @discardableResult
  func countToggles(_ node: Int) -> Int {
    let base = values + node * wordCount
    var count = 0
    let loadClass = self.loadClass[node]
    let recordsLanes = options.recordsPerVector && loadClass >= 0
    var carry = lastLane[node]
    for w in 0..<wordCount {
      let word = base[w]
      let toggled = (word ^ (word << 1 | carry)) & laneMask[w]
      carry = word >> 63
      count += toggled.nonzeroBitCount
      if recordsLanes && toggled != 0 { accumulate(toggled, loadClass: loadClass, word: w) }
    }
    toggleCounts[node] += count
    return count
  }
}
