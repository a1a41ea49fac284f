//===--- WordTimingSimulator.swift -----------------------------------------===//
// The timing simulator of TimingSimulator.swift, bit-parallel: 64 ×
// `wordsPerNode` consecutive vectors are timed at once, one per lane, each
// lane starting from the previous vector's settled state (the settled state
// is the zero-delay value, so a batch is first swept zero-delay and each
// lane's start is its neighbour's settled value). Events carry lane masks:
// a node changing at one time in several lanes is one event, evaluated and
// applied once for all of them. Lanes are independent and each follows
// exactly the one-vector-at-a-time rules (transport, or inertial: a pending
// change that its inputs undo before it takes effect is withdrawn, lane by
// lane), so every count equals TimingSimulator's; re-evaluating a node in
// lanes whose inputs did not change leaves them as they are. Lanes past
// the end of a stream repeat its last vector and so never switch.
// `tosim derive` (the to_inertial column), `tosim explore --per-vector`
// and `tosim export spice --testbench` time their vectors with it.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// A bit-parallel, event-driven simulator with per-node delays.
public final class WordTimingSimulator {
  /// The circuit being simulated.
  public let circuit: FlatCircuit
  /// Each node's delay in ticks (≥ 1 for cell nodes; ignored for inputs).
  public let delays: [Int]
  /// Whether pulses shorter than a node's delay are filtered (inertial).
  public let isInertial: Bool
  /// 64-bit words per node: a batch times 64 × this many vectors.
  public let wordsPerNode: Int
  /// Vectors per batch.
  public var lanesPerBatch: Int { 64 * wordsPerNode }
  /// Transitions of every node so far (the first vector counts none).
  public private(set) var transitionCounts: [Int]
  /// Whether each vector's switched gates are kept (`perVectorSwitchedGates`).
  public let recordsPerVector: Bool
  /// Switched transistor gates of each vector after the first (empty
  /// unless `recordsPerVector`).
  public private(set) var perVectorSwitchedGates: [Int] = []
  /// Vectors simulated so far.
  public private(set) var vectorCount = 0

  private let nodeCount: Int
  /// Per node, `wordsPerNode` words each: settled values of the batch,
  /// values during the replay, and the held lanes (inertial: lanes with a
  /// change pending; transport: the value after every scheduled change).
  private let settled: UnsafeMutablePointer<UInt64>
  private let current: UnsafeMutablePointer<UInt64>
  private let held: UnsafeMutablePointer<UInt64>
  /// Each node's settled value in the last vector so far (0 or 1).
  private let lastLane: UnsafeMutablePointer<UInt64>
  /// Switched transistor gates of each lane of the batch.
  private let laneGates: UnsafeMutablePointer<Int>
  /// Transposes and one evaluation's result.
  private let scratch: UnsafeMutablePointer<UInt64>
  private let opTable: UnsafeMutablePointer<GateOp>
  private let faninTable: UnsafeMutablePointer<Int32>
  private let delayTable: UnsafeMutablePointer<Int>
  private let loads: UnsafeMutablePointer<Int>
  private let fanoutStart: UnsafeMutablePointer<Int>
  private let fanouts: UnsafeMutablePointer<Int32>
  /// One bit per node, set while the node is on the list of nodes to
  /// evaluate at one time (deduplicating it), cleared as the list is
  /// evaluated; 1/64 of the size of a stamp per node, so it stays cached.
  private let scheduled: UnsafeMutablePointer<UInt64>
  /// The nodes to evaluate at one time, in first-scheduled order (room for
  /// every node plus one fanout list written past the count), and the
  /// nodes that changed at the time before (each at most once).
  private let evaluated: UnsafeMutablePointer<Int32>
  private let changed: UnsafeMutablePointer<Int32>
  /// Each node's oldest and newest pending event (-1: none).
  private let queueHead: UnsafeMutablePointer<Int32>
  private let queueTail: UnsafeMutablePointer<Int32>
  /// The time wheel: the first event due in each of `ringMask + 1` slots
  /// (-1: none), a power of two above the largest delay, so a time's slot
  /// is `time & ringMask`.
  private let ringMask: Int
  private let slotHead: UnsafeMutablePointer<Int32>
  private var pool: LaneEventPool

  /// Creates a simulator with every node at 0.
  ///
  /// - Precondition: `delays.count == circuit.nodeCount`, every cell node's
  ///   delay is at least 1, and `wordsPerNode` is 1, 2, 4 or 8.
  public init(
    _ circuit: FlatCircuit, delays: [Int], isInertial: Bool, wordsPerNode: Int = 8, recordsPerVector: Bool = true
  ) {
    precondition(delays.count == circuit.nodeCount, "one delay per node")
    precondition((circuit.firstCellNode..<circuit.nodeCount).allSatisfy { delays[$0] >= 1 }, "cell delays are at least 1")
    precondition([1, 2, 4, 8].contains(wordsPerNode), "1, 2, 4 or 8 words per node")
    self.circuit = circuit
    self.delays = delays
    self.isInertial = isInertial
    self.wordsPerNode = wordsPerNode
    self.recordsPerVector = recordsPerVector
    let count = circuit.nodeCount
    nodeCount = count
    transitionCounts = [Int](repeating: 0, count: count)
    let words = count * wordsPerNode
    settled = rawTable([UInt64](repeating: 0, count: words))
    current = rawTable([UInt64](repeating: 0, count: words))
    held = rawTable([UInt64](repeating: 0, count: words))
    if count > 1 {
      // Constant 1 holds ones in every lane, settled and during the replay.
      for w in 0..<wordsPerNode { (settled[wordsPerNode + w], current[wordsPerNode + w]) = (~0, ~0) }
    }
    var last = [UInt64](repeating: 0, count: count)
    if count > 1 { last[1] = 1 }
    lastLane = rawTable(last)
    laneGates = rawTable([Int](repeating: 0, count: 64 * wordsPerNode))
    scratch = rawTable([UInt64](repeating: 0, count: 64))
    opTable = rawTable(circuit.ops)
    faninTable = rawTable(circuit.fanins)
    delayTable = rawTable(delays)
    loads = rawTable(circuit.gateLoads)
    let readers = circuit.fanoutLists()
    fanoutStart = rawTable(readers.start)
    fanouts = rawTable(readers.nodes)
    scheduled = rawTable([UInt64](repeating: 0, count: (count + 63) / 64))
    let widestFanout = (0..<count).map { readers.start[$0 + 1] - readers.start[$0] }.max() ?? 0
    evaluated = .allocate(capacity: count + widestFanout)
    changed = .allocate(capacity: max(1, count))
    queueHead = rawTable([Int32](repeating: -1, count: count))
    queueTail = rawTable([Int32](repeating: -1, count: count))
    let ring = 1 << (Int.bitWidth - (delays[circuit.firstCellNode..<count].max() ?? 1).leadingZeroBitCount)
    ringMask = ring - 1
    slotHead = rawTable([Int32](repeating: -1, count: ring))
    pool = LaneEventPool(width: wordsPerNode)
  }

  deinit {
    for pointer in [settled, current, held, lastLane, scratch, scheduled] { pointer.deallocate() }
    for pointer in [laneGates, delayTable, loads, fanoutStart] { pointer.deallocate() }
    for pointer in [fanouts, faninTable, queueHead, queueTail, slotHead] { pointer.deallocate() }
    opTable.deallocate()
    evaluated.deallocate()
    changed.deallocate()
    pool.deallocate()
  }

  /// Switched transistor gates so far (transitions weighted by gate load).
  public var switchedGateCount: Int { circuit.switchedGates(transitionCounts) }

  /// The settled value of `node` after the last vector.
  public func value(_ node: Int) -> Bool {
    precondition(node >= 0 && node < nodeCount)
    return lastLane[node] == 1
  }

  /// Simulates vectors `vectors` of `inputs` (one array per input bus,
  /// `⌈width/64⌉` little-endian limbs per vector) in order, batch by batch.
  public func run(_ inputs: [[UInt64]], vectors: Range<Int>) {
    var start = vectors.lowerBound
    while start < vectors.upperBound {
      let batch = start..<min(vectors.upperBound, start + lanesPerBatch)
      load(inputs, vectors: batch)
      switch wordsPerNode {
      case 8: simulateBatch(SIMD8<UInt64>.self, laneCount: batch.count)
      case 4: simulateBatch(SIMD4<UInt64>.self, laneCount: batch.count)
      case 2: simulateBatch(SIMD2<UInt64>.self, laneCount: batch.count)
      default: simulateBatch(UInt64.self, laneCount: batch.count)
      }
      start = batch.upperBound
    }
  }

  /// Transposes `vectors` into the input nodes' settled words; lanes past
  /// the end repeat the last vector.
  private func load(_ inputs: [[UInt64]], vectors: Range<Int>) {
    let width = wordsPerNode
    for (bus, nodes) in circuit.inputNodes.enumerated() {
      let limbs = (nodes.count + 63) / 64
      for w in 0..<width {
        for limb in 0..<limbs {
          for lane in 0..<64 {
            let vector = min(vectors.lowerBound + w * 64 + lane, vectors.upperBound - 1)
            scratch[lane] = inputs[bus][vector * limbs + limb]
          }
          BitTranspose.transpose64(scratch)
          for bit in 0..<min(64, nodes.count - limb * 64) {
            settled[nodes[limb * 64 + bit] * width + w] = scratch[bit]
          }
        }
      }
    }
  }

  /// Times the loaded batch: settles it zero-delay, starts every lane from
  /// its predecessor's settled state and runs the events until none is left.
  private func simulateBatch<B: WordBlock>(_: B.Type, laneCount: Int) {
    let width = B.wordCount
    let first = circuit.firstCellNode
    let functions = circuit.functions
    @inline(__always) func evaluate(_ node: Int, from source: UnsafeMutablePointer<UInt64>, into out: UnsafeMutablePointer<UInt64>) -> B {
      WordKernel.evaluate(
        B.self, opTable[node], fanin: faninTable + node &* FlatCircuit.maximumFaninCount, from: source, into: out,
        function: functions[node])
    }
    for node in first..<nodeCount { _ = evaluate(node, from: settled, into: settled + node * width) }
    laneGates.update(repeating: 0, count: 64 * width)
    let changed = self.changed, evaluated = self.evaluated
    let perVector = recordsPerVector
    var changedCount = 0
    transitionCounts.withUnsafeMutableBufferPointer { transitions in
      @inline(__always) func record(_ node: Int, _ lanes: B) {
        transitions[node] += lanes.bitCount
        guard perVector else { return }
        let load = loads[node]
        guard load > 0 else { return }
        for w in 0..<width {
          var bits = lanes.word(w)
          while bits != 0 {
            laneGates[w &* 64 &+ bits.trailingZeroBitCount] += load
            bits &= bits &- 1
          }
        }
      }
      // Start: inputs at the new vector, cells at the previous one's value.
      for node in 2..<nodeCount {
        let value = B(loading: settled + node * width)
        let previous = value.shiftedOneLane(carry: vectorCount == 0 ? value.word(0) & 1 : lastLane[node])
        let start = node < first ? value : previous
        start.store(to: current + node * width)
        (isInertial ? B(repeating: 0) : start).store(to: held + node * width)
        if node < first {
          let lanes = value ^ previous
          if !lanes.isZero {
            record(node, lanes)
            changed[changedCount] = Int32(node)
            changedCount += 1
          }
        }
      }
      var events = pool
      defer { pool = events }
      let scheduled = self.scheduled
      var now = 0, live = 0
      while true {
        // Evaluate, once each, the fanouts of the nodes that just changed.
        // Free of branches on the data: every fanout is written to the
        // list, which grows only when the fanout's bit was clear.
        var evaluatedCount = 0
        for i in 0..<changedCount {
          let node = Int(changed[i])
          var k = fanoutStart[node]
          let end = fanoutStart[node + 1]
          while k < end {
            let target = fanouts[k]
            k &+= 1
            let word = Int(target >> 6), shift = UInt64(truncatingIfNeeded: target & 63)
            let before = scheduled[word]
            scheduled[word] = before | 1 << shift
            evaluated[evaluatedCount] = target
            evaluatedCount &+= Int(truncatingIfNeeded: ~before >> shift & 1)
          }
        }
        changedCount = 0
        for i in 0..<evaluatedCount {
          let target = evaluated[i]
          let node = Int(target)
          scheduled[node >> 6] &= ~(1 << UInt64(truncatingIfNeeded: node & 63))
          let value = evaluate(node, from: current, into: scratch)
          let differs = value ^ B(loading: current + node * width)
          let fresh: B
          if isInertial {
            var pending = B(loading: held + node * width)
            if !pending.isZero {
              // Lanes whose pending change is undone before it took effect.
              let undone = pending & ~differs
              if !undone.isZero {
                var event = queueHead[node]
                while event >= 0 {
                  let mask = events.mask(event)
                  (B(loading: mask) & ~undone).store(to: mask)
                  event = events.nextOfNode(event)
                }
                pending = pending & differs
              }
            }
            fresh = differs & ~pending
            (pending | fresh).store(to: held + node * width)
          } else {
            fresh = value ^ B(loading: held + node * width)
            value.store(to: held + node * width)
          }
          guard !fresh.isZero else { continue }
          let event = events.allocate(node: target)
          fresh.store(to: events.mask(event))
          let slot = (now &+ delayTable[node]) & ringMask
          events.link(event, nextInSlot: slotHead[slot])
          slotHead[slot] = event
          if isInertial {
            if queueTail[node] >= 0 { events.link(queueTail[node], nextOfNode: event) } else { queueHead[node] = event }
            queueTail[node] = event
          }
          live += 1
        }
        guard live > 0 else { break }
        repeat { now += 1 } while slotHead[now & ringMask] < 0
        // Apply the events due now.
        let slot = now & ringMask
        var event = slotHead[slot]
        slotHead[slot] = -1
        while event >= 0 {
          let next = events.nextInSlot(event)
          let node = Int(events.node(event))
          let lanes = B(loading: events.mask(event))
          if isInertial {
            // A node's events fall due in the order they were scheduled.
            queueHead[node] = events.nextOfNode(event)
            if queueHead[node] < 0 { queueTail[node] = -1 }
            (B(loading: held + node * width) & ~lanes).store(to: held + node * width)
          }
          live -= 1
          events.release(event)
          if !lanes.isZero {
            (B(loading: current + node * width) ^ lanes).store(to: current + node * width)
            record(node, lanes)
            changed[changedCount] = Int32(node)
            changedCount += 1
          }
          event = next
        }
      }
    }
    if perVector {
      for lane in 0..<laneCount where vectorCount + lane > 0 { perVectorSwitchedGates.append(laneGates[lane]) }
    }
    let lastWord = (laneCount - 1) / 64, lastBit = UInt64((laneCount - 1) % 64)
    for node in 0..<nodeCount { lastLane[node] = settled[node * width + lastWord] >> lastBit & 1 }
    vectorCount += laneCount
  }
}
