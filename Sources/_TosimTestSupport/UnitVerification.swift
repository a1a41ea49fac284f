//===--- UnitVerification.swift --------------------------------------------===//
// Checks a unit's netlist against its Swift-arithmetic reference with the
// batch driver (TosimEvaluation): exhaustive operand sets for small widths
// and the seeded operand stream, second operand shortened now and then, for
// large widths. Not API.
//===----------------------------------------------------------------------===//
import TosimCircuits
import TosimEvaluation
import TosimFormats
import TosimNetlist

extension TestSupport {
  /// Builds unit `name` from `library`, by default the shipped cells
  /// (throws for bad names).
  public static func unit(_ name: String, library: CellLibrary = shippedLibrary) throws -> Netlist {
    try UnitCatalog.build(UnitName(parsing: name), library: library)
  }

  /// Simulates unit `name` on `inputs` (one array per input bus, `⌈width/64⌉`
  /// limbs per vector) and compares every output with its reference;
  /// switching is not measured.
  public static func check(_ name: String, inputs: [[UInt64]], library: CellLibrary = shippedLibrary) throws
    -> UnitMeasurement
  {
    try UnitMeasurement.measure(
      unit(name, library: library), inputs: inputs, reference: UnitCatalog.reference(UnitName(parsing: name)),
      options: MeasurementOptions(countsGlitches: false, recordsPerVector: false))
  }

  /// Checks unit `name`, built from `library`, on every combination of its
  /// input values (the inputs' widths must total at most 24 bits).
  public static func checkExhaustively(_ name: String, library: CellLibrary = shippedLibrary) throws -> UnitMeasurement {
    let widths = try UnitCatalog.reference(UnitName(parsing: name)).inputWidths
    let total = widths.reduce(0, +)
    precondition(total <= 24, "too many combinations for an exhaustive check")
    var shift: UInt64 = 0
    let inputs = widths.map { width in
      defer { shift += UInt64(width) }
      return (0..<(UInt64(1) << UInt64(total))).map { $0 >> shift & mask(width) }
    }
    return try check(name, inputs: inputs, library: library)
  }

  /// Checks unit `name` on `count` vectors of the seeded uniform operand
  /// stream whose second input (the only one of a one-operand unit) is
  /// shortened every eighth vector and 0 every 64th.
  public static func checkRandomly(_ name: String, count: Int, seed: UInt64) throws -> UnitMeasurement {
    let widths = try UnitCatalog.reference(UnitName(parsing: name)).inputWidths
    let stream = OperandStream(seed: seed, shortensSecondOperand: true)
    return try check(name, inputs: stream.vectors(widths: widths, count: count))
  }
}
