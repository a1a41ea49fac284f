//===--- UnitReference.swift -----------------------------------------------===//
// The one reference type every simulated unit is checked against: the
// expected outputs of one operand vector (values of any width as
// little-endian 64-bit limbs) and, optionally, a custom comparison of a
// simulated output with the expected one (floating point compares NaNs by
// NaN-ness only). Integer references come from UnitCatalog+Reference,
// floating-point ones from UnitReference+FloatingPoint.
// Reached from the CLI through `tosim derive`, `tosim explore` and the tests.
//===----------------------------------------------------------------------===//

/// The expected outputs of a unit for given inputs, and how a simulated
/// output is compared with them.
///
/// A vector's values are passed flat: the limbs of every input bus in port
/// order, `⌈width/64⌉` little-endian 64-bit limbs per bus, bits above the
/// width zero. Outputs come back in the same layout.
public struct UnitReference: Sendable {
  /// The function's name when it is a catalog function (`int32.mul`, or
  /// `E5M10.add` for fp16): references with the same name give the same
  /// outputs, so their expected outputs may be shared. Nil for any other.
  public let name: String?
  /// The width of each input bus, in port order.
  public let inputWidths: [Int]
  /// The width of each output bus, in port order.
  public let outputWidths: [Int]
  /// 64-bit limbs per value of each input bus.
  public let inputLimbs: [Int]
  /// 64-bit limbs per value of each output bus.
  public let outputLimbs: [Int]
  private let evaluate: @Sendable ([UInt64]) -> [UInt64]
  private let comparison: (@Sendable (Int, ArraySlice<UInt64>, ArraySlice<UInt64>) -> Bool)?

  /// Creates a reference.
  ///
  /// - Parameters:
  ///   - name: the catalog function computed, if any (see `name`).
  ///   - outputs: the expected output limbs (all output buses, flat) for the
  ///     input limbs of one vector (all input buses, flat); the result must
  ///     hold exactly `Σ ⌈outputWidth/64⌉` limbs, bits above each width zero.
  ///   - matches: whether output bus `output` with simulated limbs `actual`
  ///     matches `expected`; nil compares limbs for equality. It is called
  ///     only for limbs that differ (equal limbs always match).
  public init(
    name: String? = nil, inputWidths: [Int], outputWidths: [Int],
    outputs: @escaping @Sendable (_ inputs: [UInt64]) -> [UInt64],
    matches: (@Sendable (_ output: Int, _ expected: ArraySlice<UInt64>, _ actual: ArraySlice<UInt64>) -> Bool)? = nil
  ) {
    self.name = name
    self.inputWidths = inputWidths
    self.outputWidths = outputWidths
    inputLimbs = inputWidths.map { ($0 + 63) / 64 }
    outputLimbs = outputWidths.map { ($0 + 63) / 64 }
    evaluate = outputs
    comparison = matches
  }

  /// The expected output limbs for one vector's input limbs (both flat, bus
  /// after bus).
  public func outputs(_ inputs: [UInt64]) -> [UInt64] { evaluate(inputs) }

  /// Whether a custom comparison is in force (otherwise limbs must be equal).
  public var hasCustomComparison: Bool { comparison != nil }

  /// Whether simulated limbs `actual` of output bus `output` match the
  /// expected limbs `expected`.
  public func matches(_ output: Int, expected: ArraySlice<UInt64>, actual: ArraySlice<UInt64>) -> Bool {
    if expected.elementsEqual(actual) { return true }
    return comparison?(output, expected, actual) ?? false
  }
}
