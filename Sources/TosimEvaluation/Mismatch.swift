//===--- Mismatch.swift ----------------------------------------------------===//
// A simulated vector whose outputs differ from the reference, as the batch
// driver reports it (UnitMeasurement+Simulation) and `tosim derive` and
// `tosim explore` print it in their verification errors.
//===----------------------------------------------------------------------===//

/// A simulated vector whose outputs differ from the reference.
public struct Mismatch: Sendable, CustomStringConvertible {
  /// The vector's position in the stream.
  public var vector: Int
  /// The input values, one array of little-endian limbs per input bus.
  public var inputs: [[UInt64]]
  /// The reference outputs, one array of limbs per output bus.
  public var expected: [[UInt64]]
  /// The simulated outputs, one array of limbs per output bus.
  public var actual: [[UInt64]]

  /// Creates a mismatch record.
  public init(vector: Int, inputs: [[UInt64]], expected: [[UInt64]], actual: [[UInt64]]) {
    self.vector = vector
    self.inputs = inputs
    self.expected = expected
    self.actual = actual
  }

  /// `vector N: inputs 0x… 0x…: expected 0x…, simulated 0x…`.
  public var description: String {
    func hex(_ values: [[UInt64]]) -> String { values.map(Self.hex).joined(separator: " ") }
    return "vector \(vector): inputs \(hex(inputs)): expected \(hex(expected)), simulated \(hex(actual))"
  }

  /// Little-endian limbs as one hexadecimal number, `0x` first.
  static func hex(_ limbs: [UInt64]) -> String {
    "0x" + limbs.reversed().enumerated().map { index, limb in
      let text = String(limb, radix: 16)
      return index == 0 ? text : String(repeating: "0", count: 16 - text.count) + text
    }.joined()
  }
}
