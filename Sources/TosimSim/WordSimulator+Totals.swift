//===--- WordSimulator+Totals.swift ----------------------------------------===//
// The totals a WordSimulator has accumulated: switched transistor gates
// (toggles weighted by gate load), zero-delay and unit-delay, and the raw
// toggle and transition counts. `tosim explore` and `tosim derive` report them.
//===----------------------------------------------------------------------===//

extension WordSimulator {
  /// Switched transistor gates so far, zero-delay (the dynamic TO count).
  public var switchedGateCount: Int {
    circuit.switchedGates(toggleCounts)
  }

  /// Switched transistor gates so far, unit-delay (glitches included).
  public var unitDelaySwitchedGateCount: Int {
    circuit.switchedGates(transitionCounts)
  }

  /// Zero-delay toggles of all nodes so far.
  public var totalToggleCount: Int { toggleCounts.reduce(0, +) }
  /// Unit-delay transitions of all nodes so far.
  public var totalTransitionCount: Int { transitionCounts.reduce(0, +) }
}
