//===--- WordSimulatorTests.swift ------------------------------------------===//
// The word-parallel simulator against the one-vector reference simulator on
// random circuits: outputs lane by lane, zero-delay and unit-delay switched
// gates, glitches ≥ toggles, no toggles for repeated vectors, and the same
// counts however a stream is split into batches.
//===----------------------------------------------------------------------===//
import Testing
import TosimFormats
import TosimNetlist
import TosimSim
import _TosimTestSupport

@Suite("Word simulator")
struct WordSimulatorTests {
  let library = TestSupport.shippedLibrary

  /// Random input vectors: `a` of `width` bits and a one-bit `b`.
  func vectors(_ count: Int, width: Int, seed: UInt64) -> (a: [UInt64], b: [UInt64]) {
    var random = SplitMix64(seed: seed)
    let a = (0..<count).map { _ in random.next() & TestSupport.mask(width) }
    let b = (0..<count).map { _ in random.next() & 1 }
    return (a, b)
  }

  @Test("matches the reference simulator on random circuits", arguments: 0..<12)
  func randomCircuits(seed: Int) throws {
    let width = 5 + seed % 4
    let netlist = TestSupport.randomNetlist(library: library, inputWidth: width, instanceCount: 40 + 10 * seed, seed: UInt64(seed))
    let circuit = try FlatCircuit(netlist)
    let simulator = WordSimulator(circuit, options: SimulationOptions(wordsPerNode: 2, countsGlitches: true, recordsPerVector: true))
    var reference = try ReferenceSimulator(netlist)
    let count = 300  // three batches of 128, the last one partial
    let (a, b) = vectors(count, width: width, seed: UInt64(1000 + seed))
    var referencePerVector: [Int] = []
    var start = 0
    while start < count {
      let lanes = min(simulator.lanesPerBatch, count - start)
      simulator.setInput(0, values: Array(a[start..<(start + lanes)]))
      simulator.setInput(1, values: Array(b[start..<(start + lanes)]))
      simulator.run(laneCount: lanes)
      let outputs = simulator.output(0, laneCount: lanes, limbsPerValue: (circuit.outputNodes[0].count + 63) / 64)
      let limbs = (circuit.outputNodes[0].count + 63) / 64
      for lane in 0..<lanes {
        let before = reference.switchedGateCount
        reference.apply([TestSupport.bits(a[start + lane], width: width), [b[start + lane] == 1]])
        if start + lane > 0 { referencePerVector.append(reference.switchedGateCount - before) }
        let expected = reference.output(0)
        for (bit, value) in expected.enumerated() {
          let word = outputs[lane * limbs + bit / 64]
          #expect((word >> UInt64(bit % 64) & 1 == 1) == value, "vector \(start + lane) output bit \(bit)")
        }
      }
      start += lanes
    }
    #expect(simulator.vectorCount == count)
    #expect(simulator.switchedGateCount == reference.switchedGateCount)
    #expect(simulator.unitDelaySwitchedGateCount == reference.unitDelaySwitchedGateCount)
    #expect(simulator.perVectorSwitchedGates == referencePerVector)
    #expect(simulator.perVectorSwitchedGates.reduce(0, +) == simulator.switchedGateCount)
    for node in 0..<circuit.nodeCount {
      #expect(simulator.transitionCounts[node] >= simulator.toggleCounts[node])
    }
  }

  @Test("repeating one vector toggles nothing")
  func repeatedVectors() throws {
    let netlist = TestSupport.randomNetlist(library: library, inputWidth: 6, instanceCount: 80, seed: 7)
    let simulator = WordSimulator(try FlatCircuit(netlist), options: SimulationOptions(wordsPerNode: 1, countsGlitches: true))
    simulator.setInput(0, values: [UInt64](repeating: 0x2D, count: 64))
    simulator.setInput(1, values: [UInt64](repeating: 1, count: 64))
    simulator.run(laneCount: 64)
    simulator.run(laneCount: 64)
    #expect(simulator.totalToggleCount == 0)
    #expect(simulator.totalTransitionCount == 0)
  }

  @Test("batch size does not change the counts")
  func batchInvariance() throws {
    let netlist = TestSupport.randomNetlist(library: library, inputWidth: 8, instanceCount: 120, seed: 3)
    let circuit = try FlatCircuit(netlist)
    let (a, b) = vectors(1000, width: 8, seed: 99)
    var totals: [[Int]] = []
    for words in [1, 3, 16] {
      let simulator = WordSimulator(circuit, options: SimulationOptions(wordsPerNode: words, countsGlitches: true))
      var start = 0
      while start < a.count {
        let lanes = min(simulator.lanesPerBatch, a.count - start)
        simulator.setInput(0, values: Array(a[start..<(start + lanes)]))
        simulator.setInput(1, values: Array(b[start..<(start + lanes)]))
        simulator.run(laneCount: lanes)
        start += lanes
      }
      totals.append([simulator.switchedGateCount, simulator.unitDelaySwitchedGateCount, simulator.totalToggleCount])
    }
    #expect(totals[0] == totals[1])
    #expect(totals[0] == totals[2])
    #expect(totals[0][0] > 0)
  }

  @Test("every gate operation's kernel agrees with its truth table", arguments: GateOp.allCases)
  func gateKernels(op: GateOp) throws {
    guard let table = op.truthTable else { return }
    #expect(GateOp.match(table).op == op || GateOp.match(table).op.truthTable == table)
    for combination in 0..<(1 << table.inputCount) {
      let inputs = (0..<table.inputCount).map { combination >> $0 & 1 == 1 }
      #expect(op.evaluate(inputs) == table.value(at: combination))
    }
  }
}
