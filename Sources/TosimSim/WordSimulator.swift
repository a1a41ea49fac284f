//===--- WordSimulator.swift -----------------------------------------------===//
// Bit-parallel simulation of a FlatCircuit: every node holds `wordsPerNode`
// 64-bit words, one input vector per bit lane, in one flat array in
// topological order (as in ABC's giaSim.c). Consecutive vectors are adjacent
// lanes, so a node's toggles are popcount(word ^ word shifted by one lane).
//
// Zero-delay mode counts toggles of settled values; unit-delay mode replays
// each vector transition with one cell delay per step from the previous
// vector's settled state and counts every transition, hazards included.
// Reached from the CLI through `tosim explore` and `tosim derive`.
//===----------------------------------------------------------------------===//

/// Options of a `WordSimulator`.
public struct SimulationOptions: Sendable {
  /// 64-bit words per node per batch; a batch holds 64 × this many vectors.
  public var wordsPerNode = 16
  /// Also run unit-delay simulation and count transitions with glitches.
  public var countsGlitches = false
  /// Also record switched transistor gates for every vector (for the
  /// per-operation mean and standard deviation).
  public var recordsPerVector = false
  /// Creates the default options: 16 words per node, zero-delay only.
  public init(wordsPerNode: Int = 16, countsGlitches: Bool = false, recordsPerVector: Bool = false) {
    self.wordsPerNode = wordsPerNode
    self.countsGlitches = countsGlitches
    self.recordsPerVector = recordsPerVector
  }
}

/// A bit-parallel, toggle-counting simulator of one circuit.
///
/// Feed batches with `setInput`, call `run(laneCount:)`, read results with
/// `output`. Toggles between the last vector of one batch and the first of
/// the next are counted, so a stream split into batches counts the same as
/// one long batch. The first vector ever simulated has no predecessor and
/// counts no toggles.
public final class WordSimulator {
  /// The circuit being simulated.
  public let circuit: FlatCircuit
  /// The options in force.
  public let options: SimulationOptions
  /// Vectors per batch.
  public var lanesPerBatch: Int { 64 * wordCount }

  /// Zero-delay toggles of every node so far.
  public private(set) var toggleCounts: [Int]
  /// Unit-delay transitions of every node so far (glitches included).
  public private(set) var transitionCounts: [Int]
  /// Vectors simulated so far.
  public private(set) var vectorCount = 0
  /// Switched transistor gates of each vector, when `recordsPerVector`.
  public private(set) var perVectorSwitchedGates: [Int] = []

  private let wordCount: Int
  private let nodeCount: Int
  private let values: UnsafeMutablePointer<UInt64>
  private let delayed: UnsafeMutablePointer<UInt64>
  private let scratch: UnsafeMutablePointer<UInt64>
  private let laneMask: UnsafeMutablePointer<UInt64>
  /// Bit-sliced per-lane toggle counters, one set per distinct gate load:
  /// `planes[((loadClass × planeCount) + plane) × wordCount + word]`.
  private let planes: UnsafeMutablePointer<UInt64>
  private static let planeCount = 24
  /// The distinct nonzero gate loads, and each node's index into them.
  private let classLoads: [Int]
  private let loadClass: [Int]
  /// Fanout lists in compressed form: the nodes reading node n are
  /// `fanouts[fanoutStart[n]..<fanoutStart[n + 1]]`.
  private let fanoutStart: [Int]
  private let fanouts: [Int]
  /// The last unit-delay step each node was scheduled in, numbered by
  /// `stepStamp`, which only grows (across batches too).
  private var scheduledStep: [Int]
  private var stepStamp = 0
  /// Each node's settled value in the last lane of the previous batch.
  private var lastLane: [UInt64]
  private let ops: [GateOp]
  private let fanins: [Int32]
  private let gateLoads: [Int]

  /// Creates a simulator with every node at 0.
  public init(_ circuit: FlatCircuit, options: SimulationOptions = SimulationOptions()) {
    precondition(options.wordsPerNode >= 1)
    precondition(circuit.nodeCount < 1 << Self.planeCount, "per-lane counters hold up to 2^24 nodes per load")
    self.circuit = circuit
    self.options = options
    wordCount = options.wordsPerNode
    nodeCount = circuit.nodeCount
    ops = circuit.ops
    fanins = circuit.fanins
    gateLoads = circuit.gateLoads
    let total = nodeCount * wordCount
    values = .allocate(capacity: total)
    values.initialize(repeating: 0, count: total)
    delayed = .allocate(capacity: options.countsGlitches ? total : 1)
    delayed.initialize(repeating: 0, count: options.countsGlitches ? total : 1)
    scratch = .allocate(capacity: max(wordCount, 64))
    scratch.initialize(repeating: 0, count: max(wordCount, 64))
    laneMask = .allocate(capacity: wordCount)
    laneMask.initialize(repeating: ~0, count: wordCount)
    let loads = Array(Set(circuit.gateLoads.filter { $0 > 0 })).sorted()
    classLoads = loads
    let classOfLoad = Dictionary(uniqueKeysWithValues: loads.enumerated().map { ($1, $0) })
    loadClass = circuit.gateLoads.map { classOfLoad[$0] ?? -1 }
    let planeWords = options.recordsPerVector ? max(1, loads.count) * Self.planeCount * wordCount : 1
    planes = .allocate(capacity: planeWords)
    planes.initialize(repeating: 0, count: planeWords)
    lastLane = [UInt64](repeating: 0, count: nodeCount)
    var fanoutCount = [Int](repeating: 0, count: nodeCount + 1)
    for node in circuit.firstCellNode..<nodeCount {
      for fanin in Set(circuit.faninList(node)) { fanoutCount[fanin + 1] += 1 }
    }
    for node in 0..<nodeCount { fanoutCount[node + 1] += fanoutCount[node] }
    var fill = fanoutCount
    var fanoutList = [Int](repeating: 0, count: fanoutCount[nodeCount])
    for node in circuit.firstCellNode..<nodeCount {
      for fanin in Set(circuit.faninList(node)) {
        fanoutList[fill[fanin]] = node
        fill[fanin] += 1
      }
    }
    fanoutStart = fanoutCount
    fanouts = fanoutList
    scheduledStep = [Int](repeating: 0, count: nodeCount)
    toggleCounts = [Int](repeating: 0, count: nodeCount)
    transitionCounts = [Int](repeating: 0, count: nodeCount)
    // Constant 1 holds ones in every lane.
    for w in 0..<wordCount { values[wordCount + w] = ~0 }
    lastLane[1] = 1
  }

  deinit {
    values.deallocate()
    delayed.deallocate()
    scratch.deallocate()
    laneMask.deallocate()
    planes.deallocate()
  }

  // MARK: - Inputs and outputs

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

  private func nodeValues(_ nodes: [Int], laneCount: Int, limbsPerValue: Int) -> [UInt64] {
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

  // MARK: - Simulation

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

  /// The previous lane's value of word `w` of `node` (one vector earlier).
  @inline(__always)
  private func previousLanes(_ node: Int, _ w: Int, _ word: UInt64) -> UInt64 {
    let carry = w == 0 ? lastLane[node] : values[node * wordCount + w - 1] >> 63
    return word << 1 | carry
  }

  @discardableResult
  private func countToggles(_ node: Int) -> Int {
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

  /// Adds one to the bit-sliced counters of `loadClass` in word `w` at the
  /// lanes set in `lanes` (a ripple of half adders across the planes).
  @inline(__always)
  private func accumulate(_ lanes: UInt64, loadClass: Int, word w: Int) {
    var carry = lanes
    var slot = planes + loadClass * Self.planeCount * wordCount + w
    var plane = 0
    while carry != 0 && plane < Self.planeCount {
      let sum = slot.pointee ^ carry
      carry &= slot.pointee
      slot.pointee = sum
      slot += wordCount
      plane += 1
    }
  }

  /// Turns the counters into switched gates per lane: the planes of each
  /// word are transposed so each lane's count becomes one integer.
  private func collectPerVector(laneCount: Int) {
    var totals = [Int](repeating: 0, count: laneCount)
    for (loadClass, load) in classLoads.enumerated() {
      for w in 0..<wordCount where w * 64 < laneCount {
        for plane in 0..<64 {
          scratch[plane] = plane < Self.planeCount ? planes[(loadClass * Self.planeCount + plane) * wordCount + w] : 0
        }
        BitTranspose.transpose64(scratch)
        for lane in 0..<min(64, laneCount - w * 64) { totals[w * 64 + lane] += load * Int(scratch[lane]) }
      }
    }
    let skipsFirst = vectorCount == 0
    perVectorSwitchedGates.append(contentsOf: skipsFirst ? totals.dropFirst() : totals[...])
  }

  /// Unit-delay replay: start every cell node at the previous vector's
  /// settled value, inputs at the new value, and step one cell delay at a
  /// time. Only the fanouts of nodes that changed in the previous step are
  /// evaluated (event-driven); visiting them in decreasing index order keeps
  /// each step reading values of the step before, since fanins have smaller
  /// indices than the nodes they feed.
  private func runUnitDelay(laneCount: Int) {
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

  // MARK: - Word kernels

  /// Evaluates `node` from the node words in `source` into `out`.
  @inline(__always)
  private func evaluate(_ node: Int, from source: UnsafeMutablePointer<UInt64>, into out: UnsafeMutablePointer<UInt64>) {
    let W = wordCount
    let f = node * FlatCircuit.maximumFaninCount
    @inline(__always) func operand(_ i: Int) -> UnsafeMutablePointer<UInt64> { source + Int(fanins[f + i]) * W }
    switch ops[node] {
    case .input: break
    case .const0: for w in 0..<W { out[w] = 0 }
    case .const1: for w in 0..<W { out[w] = ~0 }
    case .buf: let a = operand(0); for w in 0..<W { out[w] = a[w] }
    case .not: let a = operand(0); for w in 0..<W { out[w] = ~a[w] }
    case .and2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = a[w] & b[w] }
    case .nand2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = ~(a[w] & b[w]) }
    case .or2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = a[w] | b[w] }
    case .nor2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = ~(a[w] | b[w]) }
    case .xor2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = a[w] ^ b[w] }
    case .xnor2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = ~(a[w] ^ b[w]) }
    case .andNot2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = a[w] & ~b[w] }
    case .orNot2: let a = operand(0), b = operand(1); for w in 0..<W { out[w] = a[w] | ~b[w] }
    case .and3:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = a[w] & b[w] & c[w] }
    case .nand3:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = ~(a[w] & b[w] & c[w]) }
    case .or3:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = a[w] | b[w] | c[w] }
    case .nor3:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = ~(a[w] | b[w] | c[w]) }
    case .xor3:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = a[w] ^ b[w] ^ c[w] }
    case .xnor3:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = ~(a[w] ^ b[w] ^ c[w]) }
    case .maj3:
      let a = operand(0), b = operand(1), c = operand(2)
      for w in 0..<W { out[w] = (a[w] & b[w]) | (c[w] & (a[w] | b[w])) }
    case .minority3:
      let a = operand(0), b = operand(1), c = operand(2)
      for w in 0..<W { out[w] = ~((a[w] & b[w]) | (c[w] & (a[w] | b[w]))) }
    case .aoi21:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = ~((a[w] & b[w]) | c[w]) }
    case .oai21:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = ~((a[w] | b[w]) & c[w]) }
    case .ao21:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = (a[w] & b[w]) | c[w] }
    case .oa21:
      let a = operand(0), b = operand(1), c = operand(2); for w in 0..<W { out[w] = (a[w] | b[w]) & c[w] }
    case .mux2:
      let a = operand(0), b = operand(1), s = operand(2)
      for w in 0..<W { out[w] = (a[w] & ~s[w]) | (b[w] & s[w]) }
    case .aoi22:
      let a = operand(0), b = operand(1), c = operand(2), d = operand(3)
      for w in 0..<W { out[w] = ~((a[w] & b[w]) | (c[w] & d[w])) }
    case .oai22:
      let a = operand(0), b = operand(1), c = operand(2), d = operand(3)
      for w in 0..<W { out[w] = ~((a[w] | b[w]) & (c[w] | d[w])) }
    case .ao22:
      let a = operand(0), b = operand(1), c = operand(2), d = operand(3)
      for w in 0..<W { out[w] = (a[w] & b[w]) | (c[w] & d[w]) }
    case .oa22:
      let a = operand(0), b = operand(1), c = operand(2), d = operand(3)
      for w in 0..<W { out[w] = (a[w] | b[w]) & (c[w] | d[w]) }
    case .generic:
      evaluateGeneric(node, from: source, into: out)
    }
  }

  /// Shannon expansion over the node's truth table: a multiplexer tree on
  /// the fanins, last fanin at the root.
  private func evaluateGeneric(
    _ node: Int, from source: UnsafeMutablePointer<UInt64>, into out: UnsafeMutablePointer<UInt64>
  ) {
    let table = circuit.functions[node]
    let k = table.inputCount
    let f = node * FlatCircuit.maximumFaninCount
    for w in 0..<wordCount {
      var level = (0..<(1 << k)).map { table.value(at: $0) ? UInt64.max : 0 }
      for i in 0..<k {
        let x = source[Int(fanins[f + i]) * wordCount + w]
        level = stride(from: 0, to: level.count, by: 2).map { (level[$0] & ~x) | (level[$0 + 1] & x) }
      }
      out[w] = level[0]
    }
  }

  // MARK: - Totals

  /// Switched transistor gates so far, zero-delay (the dynamic TO count).
  public var switchedGateCount: Int {
    zip(toggleCounts, gateLoads).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// Switched transistor gates so far, unit-delay (glitches included).
  public var unitDelaySwitchedGateCount: Int {
    zip(transitionCounts, gateLoads).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// Zero-delay toggles of all nodes so far.
  public var totalToggleCount: Int { toggleCounts.reduce(0, +) }
  /// Unit-delay transitions of all nodes so far.
  public var totalTransitionCount: Int { transitionCounts.reduce(0, +) }
}
