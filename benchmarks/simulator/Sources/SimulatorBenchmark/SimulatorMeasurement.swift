//===--- SimulatorMeasurement.swift (SimulatorBenchmark) -------------------===//
// Times one simulation mode on a circuit: fresh seeded random operands for
// every input bus in every batch, loaded outside the timed region (except
// for the two-core mode, whose wall time includes loading).
//===----------------------------------------------------------------------===//
import Dispatch
import TosimFormats
import TosimSim

/// Times WordSimulator modes.
enum SimulatorMeasurement {
  /// A measurement: seconds and its JSON record.
  struct Result {
    /// Seconds spent simulating.
    var seconds: Double
    /// The record for results.json.
    var json: [String: Any]
  }

  /// Simulates `vectors` random vectors through `circuit` in `mode`.
  static func measure(_ circuit: FlatCircuit, mode: BenchmarkMode, vectors: Int, words: Int, seed: UInt64) -> Result {
    let simulation = SimulationOptions(
      wordsPerNode: words, countsGlitches: mode == .unitDelay, recordsPerVector: mode == .perVector)
    let start = DispatchTime.now().uptimeNanoseconds
    var seconds = 0.0
    var switched = 0
    if mode == .zeroTwoCores {
      let halves = PerCore<Int>(0)
      DispatchQueue.concurrentPerform(iterations: 2) { core in
        halves[core] = run(circuit, options: simulation, vectors: vectors / 2, seed: seed &+ UInt64(core)).switched
      }
      seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      switched = halves[0] + halves[1]
    } else {
      (seconds, switched) = run(circuit, options: simulation, vectors: vectors, seed: seed)
    }
    let evaluations = Double(circuit.instanceCount) * Double(vectors)
    return Result(seconds: seconds, json: [
      "mode": mode.rawValue, "vectors": vectors, "words": words, "seconds": seconds,
      "cell_vector_evaluations_per_second": evaluations / seconds,
      "node_vector_evaluations_per_second": Double(circuit.nodeCount - circuit.firstCellNode) * Double(vectors) / seconds,
      "switched_gates_per_vector": Double(switched) / Double(vectors - 1),
    ])
  }

  /// Runs one simulator over `vectors` vectors; the seconds inside `run`.
  static func run(_ circuit: FlatCircuit, options: SimulationOptions, vectors: Int, seed: UInt64) -> (seconds: Double, switched: Int) {
    let simulator = WordSimulator(circuit, options: options)
    var random = SplitMix64(seed: seed)
    let batch = simulator.lanesPerBatch
    var elapsed: UInt64 = 0
    var done = 0
    while done < vectors {
      for (bus, nodes) in circuit.inputNodes.enumerated() {
        let limbs = (nodes.count + 63) / 64
        let top = nodes.count % 64 == 0 ? UInt64.max : (1 << UInt64(nodes.count % 64)) - 1
        let operands = (0..<(batch * limbs)).map { i in random.next() & (i % limbs == limbs - 1 ? top : .max) }
        simulator.setInput(bus, values: operands, limbsPerValue: limbs)
      }
      let start = DispatchTime.now().uptimeNanoseconds
      simulator.run(laneCount: batch)
      elapsed += DispatchTime.now().uptimeNanoseconds - start
      done += batch
    }
    let switched = options.countsGlitches ? simulator.unitDelaySwitchedGateCount : simulator.switchedGateCount
    return (Double(elapsed) / 1e9, switched)
  }
}
