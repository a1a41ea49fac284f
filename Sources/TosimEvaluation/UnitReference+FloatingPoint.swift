//===--- UnitReference+FloatingPoint.swift ---------------------------------===//
// The reference of a floating-point unit: `FloatFormat.reference` on the
// operand bit patterns, NaN results compared by NaN-ness only.
// Reached from the CLI through `tosim derive --fp32` and friends.
//===----------------------------------------------------------------------===//
import TosimFormats

extension UnitReference {
  /// The reference of unit `operation` on `format` (inputs a, b; output y).
  public static func floatingPoint(_ format: FloatFormat, _ operation: FloatOperation) -> UnitReference {
    UnitReference(
      name: "\(format).\(operation.rawValue)", inputWidths: [format.bitWidth, format.bitWidth],
      outputWidths: [operation.outputWidth(format)],
      outputs: { [format.reference(operation, $0[0], $0[1])] },
      matches: { _, expected, actual in
        format.matches(operation, expected: expected[expected.startIndex], actual: actual[actual.startIndex])
      })
  }
}
