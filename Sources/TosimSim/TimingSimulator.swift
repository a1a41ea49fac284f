//===--- TimingSimulator.swift ---------------------------------------------===//
// An event-driven timing simulator of a FlatCircuit, one vector at a time:
// every cell node has its own integer delay (in ticks), and a transition is
// either propagated as it is (transport delay) or filtered (inertial
// delay: a change at a node's inputs that is undone before the node's delay
// has passed never reaches its output, so a pulse shorter than the delay
// does not propagate). Every applied transition is counted, weighted by
// the node's gate load, as the unit-delay replay of WordSimulator counts
// them. With every delay 1 the two modes coincide and equal the unit-delay
// count exactly; with inertia above every node's input-arrival spread
// (TimingSimulator+Delays) every hazard is filtered and the count equals
// the zero-delay count. The delays of real cells come from their drive and
// load (TosimCost/NodeDelays). Kept apart from WordSimulator's kernels.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// A one-vector-at-a-time, event-driven simulator with per-node delays.
public final class TimingSimulator {
  /// The circuit being simulated.
  public let circuit: FlatCircuit
  /// Each node's delay in ticks (≥ 1 for cell nodes; ignored for inputs).
  public let delays: [Int]
  /// Whether pulses shorter than a node's delay are filtered (inertial).
  public let isInertial: Bool
  /// Transitions of every node so far (the first vector counts none).
  public private(set) var transitionCounts: [Int]
  /// Switched transistor gates of each vector after the first.
  public private(set) var perVectorSwitchedGates: [Int] = []
  /// Vectors simulated so far.
  public private(set) var vectorCount = 0

  // Raw storage for the inner loops (allocated once, freed in deinit).
  private let values: UnsafeMutablePointer<UInt8>
  private let fanoutStart: UnsafeMutablePointer<Int>
  private let fanouts: UnsafeMutablePointer<Int32>
  private let delayTable: UnsafeMutablePointer<Int>
  private let loads: UnsafeMutablePointer<Int>
  private let tables: UnsafeMutablePointer<UInt64>
  private let arities: UnsafeMutablePointer<Int>
  private let faninTable: UnsafeMutablePointer<Int32>
  private let ring: Int
  private var buckets: [[Int32]]
  /// Transport: events still pending per node and the last scheduled value.
  /// Inertial: the one pending event's time (-1: none).
  private let pendingCount: UnsafeMutablePointer<Int32>
  private let lastScheduled: UnsafeMutablePointer<UInt8>
  private let pendingTime: UnsafeMutablePointer<Int>
  private var liveEvents = 0
  private let mark: UnsafeMutablePointer<Int>
  private var stamp = 0
  private let nodeCount: Int

  /// Creates a simulator with every node at 0.
  ///
  /// - Precondition: `delays.count == circuit.nodeCount` and every cell
  ///   node's delay is at least 1.
  public init(_ circuit: FlatCircuit, delays: [Int], isInertial: Bool) {
    precondition(delays.count == circuit.nodeCount, "one delay per node")
    precondition((circuit.firstCellNode..<circuit.nodeCount).allSatisfy { delays[$0] >= 1 }, "cell delays are at least 1")
    self.circuit = circuit
    self.delays = delays
    self.isInertial = isInertial
    let count = circuit.nodeCount
    nodeCount = count
    transitionCounts = [Int](repeating: 0, count: count)
    var initial = [UInt8](repeating: 0, count: count)
    if count > 1 { initial[1] = 1 }
    values = rawTable(initial)
    delayTable = rawTable(delays)
    loads = rawTable(circuit.gateLoads)
    tables = rawTable(circuit.functions.map(\.bits))
    arities = rawTable(circuit.functions.map(\.inputCount))
    faninTable = rawTable(circuit.fanins)
    let readers = circuit.fanoutLists()
    fanoutStart = rawTable(readers.start)
    fanouts = rawTable(readers.nodes)
    ring = (delays[circuit.firstCellNode..<count].max() ?? 1) + 1
    buckets = [[Int32]](repeating: [], count: ring)
    pendingCount = rawTable([Int32](repeating: 0, count: count))
    lastScheduled = rawTable([UInt8](repeating: 0, count: count))
    pendingTime = rawTable([Int](repeating: -1, count: count))
    mark = rawTable([Int](repeating: 0, count: count))
  }

  deinit {
    for pointer in [values, lastScheduled] as [UnsafeMutablePointer<UInt8>] { pointer.deallocate() }
    for pointer in [fanoutStart, delayTable, loads, arities, pendingTime, mark] { pointer.deallocate() }
    fanouts.deallocate()
    faninTable.deallocate()
    pendingCount.deallocate()
    tables.deallocate()
  }

  /// Switched transistor gates so far (transitions weighted by gate load).
  public var switchedGateCount: Int { circuit.switchedGates(transitionCounts) }

  /// The settled value of `node` after the last vector.
  public func value(_ node: Int) -> Bool {
    precondition(node >= 0 && node < nodeCount)
    return values[node] == 1
  }

  /// Simulates vectors `vectors` of `inputs` (one array per input bus,
  /// `⌈width/64⌉` little-endian limbs per vector) in order.
  public func run(_ inputs: [[UInt64]], vectors: Range<Int>) {
    let limbs = circuit.inputNodes.map { ($0.count + 63) / 64 }
    var bits: [UInt8] = []
    for vector in vectors {
      bits.removeAll(keepingCapacity: true)
      for (bus, nodes) in circuit.inputNodes.enumerated() {
        for (bit, _) in nodes.enumerated() {
          bits.append(UInt8(truncatingIfNeeded: inputs[bus][vector * limbs[bus] + bit / 64] >> UInt64(bit % 64) & 1))
        }
      }
      apply(bits)
    }
  }

  /// Applies one vector (one 0/1 value per primary input bit, buses in
  /// order): the first settles without counting, every later one is timed
  /// from the previous settled state and its switched gates recorded.
  public func apply(_ inputBits: [UInt8]) {
    let first = 2
    precondition(inputBits.count == circuit.firstCellNode - first, "one value per primary input bit")
    defer { vectorCount += 1 }
    if vectorCount == 0 {
      for (offset, bit) in inputBits.enumerated() { values[first + offset] = bit & 1 }
      for node in circuit.firstCellNode..<circuit.nodeCount { values[node] = evaluate(node) }
      return
    }
    var switched = 0
    var changed: [Int] = []
    for (offset, bit) in inputBits.enumerated() where values[first + offset] != bit & 1 {
      values[first + offset] = bit & 1
      transitionCounts[first + offset] += 1
      switched += loads[first + offset]
      changed.append(first + offset)
    }
    var now = 0
    var evaluated: [Int] = []
    while true {
      stamp += 1
      evaluated.removeAll(keepingCapacity: true)
      for node in changed {
        for k in fanoutStart[node]..<fanoutStart[node + 1] {
          let target = Int(fanouts[k])
          if mark[target] != stamp {
            mark[target] = stamp
            evaluated.append(target)
          }
        }
      }
      changed.removeAll(keepingCapacity: true)
      for node in evaluated { schedule(node, value: evaluate(node), now: now) }
      guard liveEvents > 0 else { break }
      repeat { now += 1 } while buckets[now % ring].isEmpty
      let slot = now % ring
      for entry in buckets[slot] {
        let node = Int(entry >> 1), value = UInt8(entry & 1)
        if isInertial {
          guard pendingTime[node] == now else { continue }  // cancelled
          pendingTime[node] = -1
        } else {
          pendingCount[node] -= 1
        }
        liveEvents -= 1
        if values[node] != value {
          values[node] = value
          transitionCounts[node] += 1
          switched += loads[node]
          changed.append(node)
        }
      }
      buckets[slot].removeAll(keepingCapacity: true)
    }
    // Events withdrawn by inertial filtering may still sit in slots the
    // loop never reached; left there, one could fire in a later vector.
    for slot in 0..<ring where !buckets[slot].isEmpty { buckets[slot].removeAll(keepingCapacity: true) }
    perVectorSwitchedGates.append(switched)
  }

  /// Schedules `node`'s new evaluation `value` made at time `now`.
  private func schedule(_ node: Int, value: UInt8, now: Int) {
    let at = now + delayTable[node]
    if isInertial {
      if pendingTime[node] >= 0 {
        // A pending change is undone before it took effect: filter it. (The
        // other case, the same value again, keeps the earlier event.)
        if value == values[node] {
          pendingTime[node] = -1
          liveEvents -= 1
        }
        return
      }
      guard value != values[node] else { return }
      pendingTime[node] = at
    } else {
      let projected = pendingCount[node] > 0 ? lastScheduled[node] : values[node]
      guard value != projected else { return }
      pendingCount[node] += 1
      lastScheduled[node] = value
    }
    liveEvents += 1
    buckets[at % ring].append(Int32(node) << 1 | Int32(value))
  }

  /// `node`'s function of its fanins' current values.
  @inline(__always)
  private func evaluate(_ node: Int) -> UInt8 {
    var combination = 0
    let fanin = faninTable + node * FlatCircuit.maximumFaninCount
    for i in 0..<arities[node] { combination |= Int(values[Int(fanin[i])]) << i }
    return UInt8(truncatingIfNeeded: tables[node] >> UInt64(combination) & 1)
  }
}
