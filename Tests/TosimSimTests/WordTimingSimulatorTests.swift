//===--- WordTimingSimulatorTests.swift ------------------------------------===//
// The bit-parallel timing simulator against the one-vector-at-a-time
// TimingSimulator on random circuits with random per-node delays, transport
// and inertial, at every block width: every node's transition count, every
// vector's switched gates and the settled values are identical, whether the
// stream runs in one call or is split across calls at arbitrary points, and
// the totals are the same without per-vector records.
//===----------------------------------------------------------------------===//
import Testing
import TosimFormats
import TosimNetlist
import TosimSim
import _TosimTestSupport

@Suite("Bit-parallel timing simulator")
struct WordTimingSimulatorTests {
  let library = TestSupport.shippedLibrary

  @Test("random delays: counts and values equal the scalar simulator's", arguments: 0..<12)
  func randomDelays(seed: Int) throws {
    let width = 4 + seed % 5
    let netlist = TestSupport.randomNetlist(
      library: library, inputWidth: width, instanceCount: 25 + 10 * seed, seed: UInt64(700 + seed))
    let circuit = try FlatCircuit(netlist)
    var random = SplitMix64(seed: UInt64(90 + seed))
    let maximumDelay = [1, 3, 9, 40][seed % 4]
    let delays = (0..<circuit.nodeCount).map { _ in 1 + Int(random.next() % UInt64(maximumDelay)) }
    let count = 150 + 37 * seed
    let inputs = TestSupport.randomStream(count, width: width, seed: UInt64(300 + seed))
    for inertial in [false, true] {
      let scalar = TimingSimulator(circuit, delays: delays, isInertial: inertial)
      scalar.run(inputs, vectors: 0..<count)
      for words in [1, 2, 4, 8] {
        let word = WordTimingSimulator(circuit, delays: delays, isInertial: inertial, wordsPerNode: words)
        // Split the stream at uneven points, one vector alone included.
        let cuts = [0, 1, 2, 70, count - 5, count]
        for (low, high) in zip(cuts, cuts.dropFirst()) { word.run(inputs, vectors: low..<high) }
        let label = "inertial \(inertial), \(words) words"
        #expect(word.vectorCount == count)
        #expect(word.transitionCounts == scalar.transitionCounts, "\(label)")
        #expect(word.perVectorSwitchedGates == scalar.perVectorSwitchedGates, "\(label)")
        #expect(word.switchedGateCount == scalar.switchedGateCount)
        for node in 0..<circuit.nodeCount where word.value(node) != scalar.value(node) {
          Issue.record("node \(node) settles differently, \(label)")
        }
      }
      // Without per-vector records (what derive's chunks use) the totals are the same.
      let totalsOnly = WordTimingSimulator(
        circuit, delays: delays, isInertial: inertial, wordsPerNode: 1, recordsPerVector: false)
      totalsOnly.run(inputs, vectors: 0..<count)
      #expect(totalsOnly.transitionCounts == scalar.transitionCounts)
      #expect(totalsOnly.switchedGateCount == scalar.switchedGateCount)
      #expect(totalsOnly.perVectorSwitchedGates.isEmpty)
    }
  }

  @Test("hazards are counted: random delays switch more than the zero-delay sweep")
  func hazardsCounted() throws {
    let netlist = TestSupport.randomNetlist(library: library, inputWidth: 6, instanceCount: 80, seed: 5)
    let circuit = try FlatCircuit(netlist)
    var random = SplitMix64(seed: 17)
    let delays = (0..<circuit.nodeCount).map { _ in 1 + Int(random.next() % 7) }
    let inputs = TestSupport.randomStream(300, width: 6, seed: 8)
    let transport = WordTimingSimulator(circuit, delays: delays, isInertial: false)
    transport.run(inputs, vectors: 0..<300)
    let inertial = WordTimingSimulator(circuit, delays: delays, isInertial: true)
    inertial.run(inputs, vectors: 0..<300)
    let zeroDelay = WordSimulator(circuit, options: SimulationOptions(wordsPerNode: 8))
    zeroDelay.run(inputs, vectors: 0..<300)
    #expect(transport.switchedGateCount > inertial.switchedGateCount)
    #expect(inertial.switchedGateCount > zeroDelay.switchedGateCount)
    #expect(transport.perVectorSwitchedGates.count == 299)
  }
}
