//===--- WordSimulator+OperandStreams.swift -------------------------------===//
// Operand streams in and out of a WordSimulator: loading vectors of a
// stream (one array per bus, little-endian limbs per vector), running them,
// reading the outputs in the same layout. The batch driver steps through a
// stream with these; `tosim eval` simulates its operand lines with
// `simulate`.
//===----------------------------------------------------------------------===//
import TosimSim

extension WordSimulator {
  /// 64-bit limbs per value of each input bus.
  public var inputLimbs: [Int] { circuit.inputNodes.map { ($0.count + 63) / 64 } }
  /// 64-bit limbs per value of each output bus.
  public var outputLimbs: [Int] { circuit.outputNodes.map { ($0.count + 63) / 64 } }

  /// Loads vectors `vectors` of `inputs` (one array per input bus,
  /// `inputLimbs[bus]` limbs per vector) as one batch and simulates them.
  ///
  /// - Precondition: `1 ≤ vectors.count ≤ lanesPerBatch`.
  public func run(_ inputs: [[UInt64]], vectors: Range<Int>) {
    for (bus, limbs) in inputLimbs.enumerated() {
      setInput(
        bus, values: Array(inputs[bus][(vectors.lowerBound * limbs)..<(vectors.upperBound * limbs)]),
        limbsPerValue: limbs)
    }
    run(laneCount: vectors.count)
  }

  /// The outputs of the first `laneCount` vectors of the last batch, one
  /// array per output bus, `outputLimbs[bus]` limbs per vector.
  public func outputs(laneCount: Int) -> [[UInt64]] {
    outputLimbs.enumerated().map { output($0, laneCount: laneCount, limbsPerValue: $1) }
  }

  /// Simulates the first `vectorCount` vectors of `inputs` batch by batch
  /// and returns their outputs, one array per output bus.
  public func simulate(_ inputs: [[UInt64]], vectorCount: Int) -> [[UInt64]] {
    var results = outputLimbs.map { _ in [UInt64]() }
    var start = 0
    while start < vectorCount {
      let end = min(vectorCount, start + lanesPerBatch)
      run(inputs, vectors: start..<end)
      for (bus, values) in outputs(laneCount: end - start).enumerated() { results[bus] += values }
      start = end
    }
    return results
  }
}
