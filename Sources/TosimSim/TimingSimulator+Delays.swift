//===--- TimingSimulator+Delays.swift --------------------------------------===//
// Delay assignments that need only the circuit: unit delays (every cell
// node 1 tick, which reproduces the unit-delay count) and the hazard-
// filtering limit, in which each node's inertia exceeds the spread of the
// times its inputs can change at. Static timing with earliest and latest
// arrival times (inputs at 0; earliest(n) = min over fanins + d(n), latest(n)
// = max over fanins + d(n)) and d(n) = latest − earliest over n's fanins + 1:
// all of a node's input changes then fall inside one window shorter than its
// delay, so an inertial node changes at most once per vector and the count
// equals the zero-delay count. Delays grow about twice per level, so this
// limit is for shallow circuits (tests). Physical delays: TosimCost/NodeDelays.
//===----------------------------------------------------------------------===//

extension TimingSimulator {
  /// One tick for every node.
  public static func unitDelays(_ circuit: FlatCircuit) -> [Int] {
    [Int](repeating: 1, count: circuit.nodeCount)
  }

  /// Delays under which inertial filtering removes every hazard (see the
  /// file header); nil when they would exceed `limit` ticks.
  public static func hazardFilteringDelays(_ circuit: FlatCircuit, limit: Int = 1 << 24) -> [Int]? {
    var delays = [Int](repeating: 1, count: circuit.nodeCount)
    var earliest = [Int](repeating: 0, count: circuit.nodeCount)
    var latest = [Int](repeating: 0, count: circuit.nodeCount)
    for node in circuit.firstCellNode..<circuit.nodeCount {
      let fanins = circuit.faninList(node).filter { $0 >= 2 }  // constants never change
      let low = fanins.map { earliest[$0] }.min() ?? 0
      let high = fanins.map { latest[$0] }.max() ?? 0
      let delay = high - low + 1
      guard delay <= limit else { return nil }
      delays[node] = delay
      earliest[node] = low + delay
      latest[node] = high + delay
    }
    return delays
  }
}
