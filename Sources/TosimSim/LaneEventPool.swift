//===--- LaneEventPool.swift -----------------------------------------------===//
// The events of WordTimingSimulator: each event is one node changing, at one
// time, in a set of lanes (a lane mask of `width` words). Events live in a
// pool of reusable slots linked two ways: into the time-wheel slot they fall
// due in, and into their node's queue of pending events (oldest first), so
// that inertial filtering can withdraw lanes from every pending event of a
// node. Plain storage, grown by doubling; the simulator holds the pool in a
// local variable while it runs a batch.
//===----------------------------------------------------------------------===//

/// A growable pool of lane-mask events.
struct LaneEventPool {
  /// Words per lane mask.
  let width: Int
  /// Slots allocated.
  private(set) var capacity: Int
  /// The lane mask of event e: words `e × width ..< (e + 1) × width`.
  private(set) var masks: UnsafeMutablePointer<UInt64>
  /// The node event e changes.
  private(set) var nodes: UnsafeMutablePointer<Int32>
  /// The next event due in the same time-wheel slot (-1: none).
  private(set) var nextInSlot: UnsafeMutablePointer<Int32>
  /// The next pending event of the same node (-1: none).
  private(set) var nextOfNode: UnsafeMutablePointer<Int32>
  /// Released slots, chained through `nextInSlot` (-1: none).
  private var freeList: Int32 = -1
  /// Slots handed out at least once.
  private var used = 0

  /// A pool of `capacity` slots for masks of `width` words.
  init(width: Int, capacity: Int = 1024) {
    self.width = width
    self.capacity = capacity
    masks = .allocate(capacity: capacity * width)
    nodes = .allocate(capacity: capacity)
    nextInSlot = .allocate(capacity: capacity)
    nextOfNode = .allocate(capacity: capacity)
  }

  /// Frees the storage; the pool is unusable afterwards.
  func deallocate() {
    masks.deallocate()
    nodes.deallocate()
    nextInSlot.deallocate()
    nextOfNode.deallocate()
  }

  /// A slot for an event of `node`, its links cleared; the caller sets its mask.
  mutating func allocate(node: Int32) -> Int32 {
    let event: Int32
    if freeList >= 0 {
      event = freeList
      freeList = nextInSlot[Int(event)]
    } else {
      if used == capacity { grow() }
      event = Int32(used)
      used += 1
    }
    nodes[Int(event)] = node
    nextInSlot[Int(event)] = -1
    nextOfNode[Int(event)] = -1
    return event
  }

  /// Returns `event`'s slot to the pool.
  mutating func release(_ event: Int32) {
    nextInSlot[Int(event)] = freeList
    freeList = event
  }

  /// Sets the link from `event` to the next event in its time-wheel slot.
  @inline(__always)
  func link(_ event: Int32, nextInSlot next: Int32) { nextInSlot[Int(event)] = next }

  /// Sets the link from `event` to its node's next pending event.
  @inline(__always)
  func link(_ event: Int32, nextOfNode next: Int32) { nextOfNode[Int(event)] = next }

  /// The first word of `event`'s lane mask.
  @inline(__always)
  func mask(_ event: Int32) -> UnsafeMutablePointer<UInt64> { masks + Int(event) &* width }

  private mutating func grow() {
    let larger = capacity * 2
    func moved<T>(_ old: UnsafeMutablePointer<T>, _ count: Int, _ newCount: Int) -> UnsafeMutablePointer<T> {
      let new = UnsafeMutablePointer<T>.allocate(capacity: newCount)
      new.moveInitialize(from: old, count: count)
      old.deallocate()
      return new
    }
    masks = moved(masks, capacity * width, larger * width)
    nodes = moved(nodes, capacity, larger)
    nextInSlot = moved(nextInSlot, capacity, larger)
    nextOfNode = moved(nextOfNode, capacity, larger)
    capacity = larger
  }
}
