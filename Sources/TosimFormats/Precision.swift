//===--- Precision.swift ---------------------------------------------------===//
// The number formats tosim builds arithmetic for. This enum is the single
// source of the CLI flags (`--fp32`), cost-table file names and the precision
// prefix of unit names (`int32.add:kogge-stone`).
//===----------------------------------------------------------------------===//

/// A number format for which tosim generates arithmetic units.
public enum Precision: String, CaseIterable, Sendable, Codable {
  case int8, int16, int32, int64
  case fp8e4m3 = "fp8-e4m3"
  case fp8e5m2 = "fp8-e5m2"
  case fp16, bf16, fp32, fp64

  /// Total width of an operand in bits.
  public var bitWidth: Int {
    switch self {
    case .int8, .fp8e4m3, .fp8e5m2: return 8
    case .int16, .fp16, .bf16: return 16
    case .int32, .fp32: return 32
    case .int64, .fp64: return 64
    }
  }

  /// Whether the format is an integer (two's complement or unsigned) format.
  public var isInteger: Bool {
    switch self {
    case .int8, .int16, .int32, .int64: return true
    default: return false
    }
  }

  /// The integer precision of a given width, when one exists.
  public static func integer(bitWidth: Int) -> Precision? {
    allCases.first { $0.isInteger && $0.bitWidth == bitWidth }
  }
}
