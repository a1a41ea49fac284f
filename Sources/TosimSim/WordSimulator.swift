//===--- WordSimulator.swift -----------------------------------------------===//
// Bit-parallel simulation of a FlatCircuit: every node holds `wordsPerNode`
// 64-bit words, one input vector per bit lane, in one flat array in
// topological order (as in ABC's giaSim.c). Consecutive vectors are adjacent
// lanes, so a node's toggles are popcount(word ^ word shifted by one lane).
//
// This file holds the simulator's storage and its initialisation. Loading
// and reading batches is in WordSimulator+Batches.swift, zero-delay
// simulation and toggle counting in +ZeroDelay, per-vector switched-gate
// counters in +PerVectorCounts, unit-delay replay (every transition,
// hazards included) in +UnitDelay, the word kernels in +Kernels and the
// totals in +Totals. Reached from the CLI through `tosim explore` and
// `tosim derive`.
//===----------------------------------------------------------------------===//

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
  public internal(set) var toggleCounts: [Int]
  /// Unit-delay transitions of every node so far (glitches included).
  public internal(set) var transitionCounts: [Int]
  /// Vectors simulated so far.
  public internal(set) var vectorCount = 0
  /// Switched transistor gates of each vector, when `recordsPerVector`.
  public internal(set) var perVectorSwitchedGates: [Int] = []

  /// 64-bit words per node (`options.wordsPerNode`).
  let wordCount: Int
  /// Nodes of the circuit, constants and inputs included.
  let nodeCount: Int
  /// Settled node words, `values[node × wordCount + word]`.
  let values: UnsafeMutablePointer<UInt64>
  /// Node words during the unit-delay replay (one word when not counting glitches).
  let delayed: UnsafeMutablePointer<UInt64>
  /// Working words for transposes and one node's unit-delay evaluation.
  let scratch: UnsafeMutablePointer<UInt64>
  /// The lanes of each word that count in the current batch.
  let laneMask: UnsafeMutablePointer<UInt64>
  /// Bit-sliced per-lane toggle counters, one set per distinct gate load:
  /// `planes[((loadClass × planeCount) + plane) × wordCount + word]`.
  let planes: UnsafeMutablePointer<UInt64>
  static let planeCount = 24
  /// The distinct nonzero gate loads, and each node's index into them.
  let classLoads: [Int]
  let loadClass: [Int]
  /// Fanout lists in compressed form: the nodes reading node n are
  /// `fanouts[fanoutStart[n]..<fanoutStart[n + 1]]`.
  let fanoutStart: [Int]
  let fanouts: [Int]
  /// The last unit-delay step each node was scheduled in, numbered by
  /// `stepStamp`, which only grows (across batches too).
  var scheduledStep: [Int]
  var stepStamp = 0
  /// Each node's settled value in the last lane of the previous batch.
  var lastLane: [UInt64]
  /// Each node's word operation, fanins and gate load, copied from `circuit`.
  let ops: [GateOp]
  let fanins: [Int32]
  let gateLoads: [Int]

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
}
