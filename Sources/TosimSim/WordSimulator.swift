//===--- WordSimulator.swift -----------------------------------------------===//
// Bit-parallel simulation of a FlatCircuit: every node holds `wordsPerNode`
// 64-bit words, one input vector per bit lane. The words are cut into blocks
// of up to 16 (a `WordBlock`); block b of every node, in topological order,
// forms one contiguous block plane, and a batch is simulated plane by plane,
// so each sweep streams a working set of nodes × block bytes. Consecutive
// vectors are adjacent lanes, so a node's toggles are popcount(word ^ word
// shifted by one lane).
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
  /// Words per block (16, 8, 4, 2 or 1: the largest that divides `wordCount`).
  let blockWords: Int
  /// Words of one block plane, `nodeCount × blockWords`.
  let planeStride: Int
  /// Settled node words, word w of node n at `slot(n, w)`.
  let values: UnsafeMutablePointer<UInt64>
  /// Node words during the unit-delay replay, in the layout of `values`
  /// (one word when not counting glitches).
  let delayed: UnsafeMutablePointer<UInt64>
  /// Whether each primary input changed in a counted lane of the batch.
  let inputChanged: UnsafeMutablePointer<Bool>
  /// Each node's value one vector before the first lane of the current
  /// block (0 or 1), carried from block to block during a sweep.
  let carryIn: UnsafeMutablePointer<UInt64>
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
  let fanoutStart: UnsafeMutablePointer<Int>
  let fanouts: UnsafeMutablePointer<Int32>
  /// A node bitmap of `scheduleWords` words: the nodes scheduled for the
  /// next unit-delay step (all clear between steps).
  let scheduled: UnsafeMutablePointer<UInt64>
  let scheduleWords: Int
  /// The unit-delay replay's node lists: the nodes of one step in visiting
  /// order (room for every node plus one fanout list written past the
  /// count), and the nodes that changed in the step before.
  let stepOrder: UnsafeMutablePointer<Int32>
  let stepChanged: UnsafeMutablePointer<Int32>
  /// Each node's settled value in the last lane of the previous batch.
  var lastLane: [UInt64]
  /// Each node's word operation, fanins and gate load, copied from `circuit`.
  let ops: [GateOp]
  let fanins: [Int32]
  let gateLoads: [Int]
  /// `ops`, `fanins` and `loadClass` in raw storage for the inner loops.
  let opTable: UnsafeMutablePointer<GateOp>
  let faninTable: UnsafeMutablePointer<Int32>
  let classTable: UnsafeMutablePointer<Int>

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
    blockWords = [16, 8, 4, 2].first { options.wordsPerNode % $0 == 0 } ?? 1
    planeStride = nodeCount * blockWords
    let total = nodeCount * wordCount
    values = .allocate(capacity: total)
    values.initialize(repeating: 0, count: total)
    delayed = .allocate(capacity: options.countsGlitches ? total : 1)
    delayed.initialize(repeating: 0, count: options.countsGlitches ? total : 1)
    inputChanged = .allocate(capacity: circuit.firstCellNode)
    inputChanged.initialize(repeating: false, count: circuit.firstCellNode)
    carryIn = .allocate(capacity: nodeCount)
    carryIn.initialize(repeating: 0, count: nodeCount)
    opTable = .allocate(capacity: nodeCount)
    opTable.initialize(from: circuit.ops, count: nodeCount)
    faninTable = .allocate(capacity: circuit.fanins.count)
    faninTable.initialize(from: circuit.fanins, count: circuit.fanins.count)
    scratch = .allocate(capacity: max(wordCount, 64))
    scratch.initialize(repeating: 0, count: max(wordCount, 64))
    laneMask = .allocate(capacity: wordCount)
    laneMask.initialize(repeating: ~0, count: wordCount)
    let loads = Array(Set(circuit.gateLoads.filter { $0 > 0 })).sorted()
    classLoads = loads
    let classOfLoad = Dictionary(uniqueKeysWithValues: loads.enumerated().map { ($1, $0) })
    loadClass = circuit.gateLoads.map { classOfLoad[$0] ?? -1 }
    classTable = .allocate(capacity: nodeCount)
    classTable.initialize(from: loadClass, count: nodeCount)
    let planeWords = options.recordsPerVector ? max(1, loads.count) * Self.planeCount * wordCount : 1
    planes = .allocate(capacity: planeWords)
    planes.initialize(repeating: 0, count: planeWords)
    lastLane = [UInt64](repeating: 0, count: nodeCount)
    let readers = circuit.fanoutLists()
    fanoutStart = rawTable(readers.start)
    fanouts = rawTable(readers.nodes)
    scheduleWords = (nodeCount + 63) / 64
    scheduled = .allocate(capacity: scheduleWords)
    scheduled.initialize(repeating: 0, count: scheduleWords)
    let widestFanout = (0..<nodeCount).map { readers.start[$0 + 1] - readers.start[$0] }.max() ?? 0
    stepOrder = .allocate(capacity: nodeCount + widestFanout)
    stepChanged = .allocate(capacity: nodeCount)
    toggleCounts = [Int](repeating: 0, count: nodeCount)
    transitionCounts = [Int](repeating: 0, count: nodeCount)
    // Constant 1 holds ones in every lane.
    for w in 0..<wordCount { values[slot(1, w)] = ~0 }
    if options.countsGlitches { for w in 0..<wordCount { delayed[slot(1, w)] = ~0 } }
    lastLane[1] = 1
  }

  deinit {
    values.deallocate()
    delayed.deallocate()
    scratch.deallocate()
    laneMask.deallocate()
    planes.deallocate()
    carryIn.deallocate()
    scheduled.deallocate()
    fanoutStart.deallocate()
    fanouts.deallocate()
    stepOrder.deallocate()
    stepChanged.deallocate()
    inputChanged.deallocate()
    opTable.deallocate()
    faninTable.deallocate()
    classTable.deallocate()
  }

  /// The index in `values` of word `w` of `node`.
  @inline(__always)
  func slot(_ node: Int, _ w: Int) -> Int {
    (w / blockWords) * planeStride + node * blockWords + w % blockWords
  }
}
