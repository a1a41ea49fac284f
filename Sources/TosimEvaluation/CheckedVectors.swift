//===--- CheckedVectors.swift ----------------------------------------------===//
// Operand vectors together with the outputs their reference gives: the
// stimulus and the oracle of one measurement by the batch driver
// (UnitMeasurement+Simulation). Computing the expected outputs once lets
// several designs of the same function share them.
// Reached from the CLI through `tosim derive` and `tosim explore`.
//===----------------------------------------------------------------------===//
import TosimFormats

/// Operand vectors and the outputs a reference gives for them.
public struct CheckedVectors: Sendable {
  /// The reference the expected outputs come from.
  public let reference: UnitReference
  /// Vectors in the set.
  public let vectorCount: Int
  /// One array per input bus, `reference.inputLimbs[bus]` limbs per vector.
  public let inputs: [[UInt64]]
  /// One array per output bus, `reference.outputLimbs[bus]` limbs per vector.
  public let expected: [[UInt64]]

  /// Computes the expected outputs of `inputs` (one array per input bus,
  /// `⌈width/64⌉` limbs per vector, as `OperandStream.vectors` gives them).
  ///
  /// - Throws: `InputError` when the buses do not match the reference's
  ///   inputs or hold different numbers of vectors.
  public init(_ inputs: [[UInt64]], reference: UnitReference) throws {
    let limbs = reference.inputLimbs
    guard !limbs.isEmpty, inputs.count == limbs.count, limbs.allSatisfy({ $0 > 0 }) else {
      throw InputError("\(inputs.count) operand bus(es) given; the reference takes \(limbs.count) of widths "
        + reference.inputWidths.map(String.init).joined(separator: ", "))
    }
    let count = inputs[0].count / limbs[0]
    guard inputs.indices.allSatisfy({ inputs[$0].count == count * limbs[$0] }) else {
      throw InputError("operand buses hold different numbers of vectors ("
        + inputs.indices.map { "\(inputs[$0].count) limbs of \(limbs[$0])" }.joined(separator: ", ") + ")")
    }
    self.reference = reference
    self.inputs = inputs
    vectorCount = count
    let outputLimbs = reference.outputLimbs
    var expected = outputLimbs.map { [UInt64](repeating: 0, count: count * $0) }
    var vector: [UInt64] = []
    vector.reserveCapacity(limbs.reduce(0, +))
    for index in 0..<count {
      vector.removeAll(keepingCapacity: true)
      for bus in limbs.indices { vector += inputs[bus][(index * limbs[bus])..<((index + 1) * limbs[bus])] }
      let outputs = reference.outputs(vector)
      var next = 0
      for (bus, limbCount) in outputLimbs.enumerated() {
        for limb in 0..<limbCount { expected[bus][index * limbCount + limb] = outputs[next + limb] }
        next += limbCount
      }
    }
    self.expected = expected
  }

  /// The input values of vector `index`, one array of limbs per bus.
  public func inputs(ofVector index: Int) -> [[UInt64]] { Self.vector(index, of: inputs, limbs: reference.inputLimbs) }

  /// The expected outputs of vector `index`, one array of limbs per bus.
  public func expected(ofVector index: Int) -> [[UInt64]] {
    Self.vector(index, of: expected, limbs: reference.outputLimbs)
  }

  /// Vector `index` of `buses` (`limbs[bus]` limbs per vector), bus by bus.
  static func vector(_ index: Int, of buses: [[UInt64]], limbs: [Int]) -> [[UInt64]] {
    buses.indices.map { Array(buses[$0][(index * limbs[$0])..<((index + 1) * limbs[$0])]) }
  }
}
