//===--- UnitReferenceCheck+FloatingPoint.swift ----------------------------===//
// The reference check of a floating-point unit: `FloatFormat.reference` on
// the operand bit patterns, NaN results compared by NaN-ness only.
// Reached from the CLI through `tosim derive --fp32` and friends.
//===----------------------------------------------------------------------===//
import TosimFormats

extension UnitReferenceCheck {
  /// The check of unit `operation` on `format` (inputs a, b; output y).
  public static func floatingPoint(_ format: FloatFormat, _ operation: FloatOperation) -> UnitReferenceCheck {
    UnitReferenceCheck(
      expected: { [format.reference(operation, $0[0], $0[1])] },
      matches: { _, expected, actual in format.matches(operation, expected: expected, actual: actual) })
  }
}
