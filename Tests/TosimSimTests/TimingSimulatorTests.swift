//===--- TimingSimulatorTests.swift ----------------------------------------===//
// The event-driven timing simulator against the word simulator on random
// circuits: with every delay 1 (and with every delay k, a change of time
// scale) transport and inertial counts equal the unit-delay counts node by
// node; with the hazard-filtering delays the inertial count equals the
// zero-delay count vector by vector; settled outputs match; and a pulse
// shorter than a gate's delay is filtered only in inertial mode.
//===----------------------------------------------------------------------===//
import Testing
import TosimFormats
import TosimNetlist
import TosimSim
import _TosimTestSupport

@Suite("Timing simulator")
struct TimingSimulatorTests {
  let library = TestSupport.shippedLibrary

  /// The word simulator's counts on `inputs`.
  func wordCounts(_ circuit: FlatCircuit, _ inputs: [[UInt64]]) -> WordSimulator {
    let simulator = WordSimulator(circuit, options: SimulationOptions(wordsPerNode: 1, countsGlitches: true, recordsPerVector: true))
    var start = 0
    let count = inputs[0].count
    while start < count {
      let end = min(count, start + simulator.lanesPerBatch)
      simulator.run(inputs, vectors: start..<end)
      start = end
    }
    return simulator
  }

  @Test("delays of 1 (or any one k) give the unit-delay counts, transport and inertial", arguments: 0..<10)
  func unitDelay(seed: Int) throws {
    let width = 4 + seed % 5
    let netlist = TestSupport.randomNetlist(library: library, inputWidth: width, instanceCount: 30 + 12 * seed, seed: UInt64(seed))
    let circuit = try FlatCircuit(netlist)
    let inputs = TestSupport.randomStream(150, width: width, seed: UInt64(500 + seed))
    let word = wordCounts(circuit, inputs)
    #expect(word.unitDelaySwitchedGateCount > word.switchedGateCount, "the random circuit has hazards")
    for (k, inertial) in [(1, false), (1, true), (3, false), (3, true)] {
      let timing = TimingSimulator(circuit, delays: [Int](repeating: k, count: circuit.nodeCount), isInertial: inertial)
      timing.run(inputs, vectors: 0..<150)
      #expect(timing.transitionCounts == word.transitionCounts, "k \(k) inertial \(inertial)")
      #expect(timing.switchedGateCount == word.unitDelaySwitchedGateCount)
      #expect(timing.perVectorSwitchedGates.count == 149)
      #expect(timing.perVectorSwitchedGates.reduce(0, +) == timing.switchedGateCount)
      for node in circuit.outputNodes[0] {
        #expect(timing.value(node) == (word.word(node: node, 0) >> 21 & 1 == 1), "last vector: lane 21 of the last batch")
      }
    }
  }

  @Test("inertia above every input-arrival spread filters every hazard: the zero-delay count", arguments: 1..<9)
  func zeroDelayLimit(seed: Int) throws {
    let width = 3 + seed % 4
    let netlist = TestSupport.randomNetlist(library: library, inputWidth: width, instanceCount: 8 + 2 * seed, seed: UInt64(40 + seed))
    let circuit = try FlatCircuit(netlist)
    let delays = try #require(TimingSimulator.hazardFilteringDelays(circuit, limit: 1 << 18))
    let inputs = TestSupport.randomStream(120, width: width, seed: UInt64(900 + seed))
    let word = wordCounts(circuit, inputs)
    #expect(word.unitDelaySwitchedGateCount > word.switchedGateCount, "the random circuit has hazards")
    let inertial = TimingSimulator(circuit, delays: delays, isInertial: true)
    inertial.run(inputs, vectors: 0..<120)
    #expect(inertial.transitionCounts == word.toggleCounts)
    #expect(inertial.perVectorSwitchedGates == word.perVectorSwitchedGates)
    // The same delays without filtering keep hazards wherever the unit-delay replay has them.
    let transport = TimingSimulator(circuit, delays: delays, isInertial: false)
    transport.run(inputs, vectors: 0..<120)
    #expect(transport.switchedGateCount >= inertial.switchedGateCount)
  }

  @Test("a pulse shorter than the gate delay is filtered only when inertial")
  func shortPulse() throws {
    // y = a AND NOT(a) through an inverter: a rising a gives a 1-tick pulse
    // at the AND gate's inputs (the inverter output follows a tick later).
    var netlist = Netlist(name: "pulse", library: library)
    let a = netlist.addInput("a", width: 1)
    let inverted = netlist.add(try #require(library.id(named: "INV")), [a.nets[0]])
    let y = netlist.add(try #require(library.id(named: "AND2")), [a.nets[0], inverted[0]])
    netlist.addOutput("y", y)
    let circuit = try FlatCircuit(netlist)
    let output = circuit.outputNodes[0][0]
    func transitions(andDelay: Int, inertial: Bool) -> Int {
      var delays = [Int](repeating: 1, count: circuit.nodeCount)
      for node in circuit.firstCellNode..<circuit.nodeCount where circuit.instanceOfNode[node] == 1 { delays[node] = andDelay }
      let timing = TimingSimulator(circuit, delays: delays, isInertial: inertial)
      timing.apply([0])
      timing.apply([1])
      #expect(!timing.value(output))
      return timing.transitionCounts[output]
    }
    #expect(transitions(andDelay: 1, inertial: false) == 2)  // the hazard: 0 -> 1 -> 0
    #expect(transitions(andDelay: 1, inertial: true) == 2)  // the pulse lasts as long as the delay
    #expect(transitions(andDelay: 2, inertial: false) == 2)
    #expect(transitions(andDelay: 2, inertial: true) == 0)  // shorter than the delay: filtered
  }
}
