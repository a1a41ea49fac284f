//===--- FlatCircuit+Fanouts.swift -----------------------------------------===//
// The fanout lists of a FlatCircuit in compressed form, each reader counted
// once however many of its pins a node drives, and the load-weighted sum of
// per-node transition counts. The event-driven simulators (WordSimulator's
// unit-delay replay, TimingSimulator, WordTimingSimulator) schedule over the
// former and report the latter.
//===----------------------------------------------------------------------===//

extension FlatCircuit {
  /// The nodes reading each node: those of node n are
  /// `nodes[start[n]..<start[n + 1]]`, in increasing order.
  public func fanoutLists() -> (start: [Int], nodes: [Int32]) {
    var start = [Int](repeating: 0, count: nodeCount + 1)
    var readers = [[Int32]](repeating: [], count: nodeCount)
    for node in firstCellNode..<nodeCount {
      for fanin in Set(faninList(node)) { readers[fanin].append(Int32(node)) }
    }
    for node in 0..<nodeCount { start[node + 1] = start[node] + readers[node].count }
    return (start, readers.flatMap { $0 })
  }

  /// Switched transistor gates of `transitions` (one count per node),
  /// each weighted by the node's gate load.
  public func switchedGates(_ transitions: [Int]) -> Int {
    zip(transitions, gateLoads).reduce(0) { $0 + $1.0 * $1.1 }
  }
}

/// Raw storage holding `array`'s elements, for the simulators' inner loops
/// (the owner deallocates it).
func rawTable<T>(_ array: [T]) -> UnsafeMutablePointer<T> {
  let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, array.count))
  pointer.initialize(from: array, count: array.count)
  return pointer
}
