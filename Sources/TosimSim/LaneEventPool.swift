//===--- LaneEventPool.swift -----------------------------------------------===//
// The events of WordTimingSimulator: each event is one node changing, at one
// time, in a set of lanes (a lane mask of `width` words). Events live in a
// pool of reusable slots linked two ways: into the time-wheel slot they fall
// due in, and into their node's queue of pending events (oldest first), so
// that inertial filtering can withdraw lanes from every pending event of a
// node. Each event is one record (node, the two links, then the mask), so
// following a link touches one cache line, not one per field. Plain
// storage, grown by doubling; the simulator holds the pool in a local
// variable while it runs a batch.
//===----------------------------------------------------------------------===//

/// A growable pool of lane-mask events.
struct LaneEventPool {
  /// Words per lane mask.
  let width: Int
  /// Slots allocated.
  private(set) var capacity: Int
  /// Bytes per record: the node, the next event due in the same time-wheel
  /// slot and the next pending event of the same node (three Int32, -1:
  /// none), four bytes of padding, then the mask's `width` words.
  private let stride: Int
  private static let maskOffset = 16
  private var records: UnsafeMutableRawPointer
  /// Released slots, chained through `nextInSlot` (-1: none).
  private var freeList: Int32 = -1
  /// Slots handed out at least once.
  private var used = 0

  /// A pool of `capacity` slots for masks of `width` words.
  init(width: Int, capacity: Int = 1024) {
    self.width = width
    self.capacity = capacity
    stride = Self.maskOffset + 8 * width
    records = .allocate(byteCount: capacity * stride, alignment: 16)
  }

  /// Frees the storage; the pool is unusable afterwards.
  func deallocate() { records.deallocate() }

  @inline(__always)
  private func field(_ event: Int32, _ index: Int) -> UnsafeMutablePointer<Int32> {
    (records + Int(event) &* stride).assumingMemoryBound(to: Int32.self) + index
  }

  /// The node `event` changes.
  @inline(__always)
  func node(_ event: Int32) -> Int32 { field(event, 0).pointee }

  /// The next event due in `event`'s time-wheel slot (-1: none).
  @inline(__always)
  func nextInSlot(_ event: Int32) -> Int32 { field(event, 1).pointee }

  /// The next pending event of `event`'s node (-1: none).
  @inline(__always)
  func nextOfNode(_ event: Int32) -> Int32 { field(event, 2).pointee }

  /// A slot for an event of `node`, its links cleared; the caller sets its mask.
  mutating func allocate(node: Int32) -> Int32 {
    let event: Int32
    if freeList >= 0 {
      event = freeList
      freeList = nextInSlot(event)
    } else {
      if used == capacity { grow() }
      event = Int32(used)
      used += 1
    }
    let header = field(event, 0)
    header[0] = node
    header[1] = -1
    header[2] = -1
    return event
  }

  /// Returns `event`'s slot to the pool.
  @inline(__always)
  mutating func release(_ event: Int32) {
    field(event, 1).pointee = freeList
    freeList = event
  }

  /// Sets the link from `event` to the next event in its time-wheel slot.
  @inline(__always)
  func link(_ event: Int32, nextInSlot next: Int32) { field(event, 1).pointee = next }

  /// Sets the link from `event` to its node's next pending event.
  @inline(__always)
  func link(_ event: Int32, nextOfNode next: Int32) { field(event, 2).pointee = next }

  /// The first word of `event`'s lane mask.
  @inline(__always)
  func mask(_ event: Int32) -> UnsafeMutablePointer<UInt64> {
    (records + Int(event) &* stride + Self.maskOffset).assumingMemoryBound(to: UInt64.self)
  }

  private mutating func grow() {
    let larger = capacity * 2
    let new = UnsafeMutableRawPointer.allocate(byteCount: larger * stride, alignment: 16)
    new.copyMemory(from: records, byteCount: capacity * stride)
    records.deallocate()
    records = new
    capacity = larger
  }
}
