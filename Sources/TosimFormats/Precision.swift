//===--- Precision.swift ---------------------------------------------------===//
// The number formats tosim builds arithmetic for. This enum is the single
// source of the CLI flags (`--fp32`), cost-table file names and the precision
// prefix of unit names (`int32.add:kogge-stone`), and of the one parser every
// command uses for a precision typed by a user (`--precision FP32`,
// `count --precision e4m3`, `eval FP8E4M3.add`).
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

  /// Every spelling `init(parsing:)` accepts for this precision, canonical
  /// name first (compared case-insensitively).
  public var aliases: [String] {
    switch self {
    case .fp8e4m3: return [rawValue, "fp8e4m3", "fp8_e4m3", "e4m3"]
    case .fp8e5m2: return [rawValue, "fp8e5m2", "fp8_e5m2", "e5m2"]
    case .fp16: return [rawValue, "half", "float16"]
    case .bf16: return [rawValue, "bfloat16"]
    case .fp32: return [rawValue, "single", "float32"]
    case .fp64: return [rawValue, "double", "float64"]
    case .int8, .int16, .int32, .int64: return [rawValue]
    }
  }

  /// The canonical names, comma separated, for error messages.
  public static var knownNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// Parses a precision a user typed: case does not matter and the aliases
  /// of `aliases` are accepted (`FP32`, `fp8e4m3`, `E4M3`, `bfloat16`).
  ///
  /// - Throws: `InputError` naming the text (shortened when long) and
  ///   listing the valid names.
  public init(parsing text: String) throws {
    let lowered = text.lowercased()
    guard let match = Precision.allCases.first(where: { $0.aliases.contains(lowered) }) else {
      throw InputError("unknown precision '\(InputError.echo(text))'; known: \(Precision.knownNames) "
        + "(case does not matter; e4m3, e5m2, half, bfloat16, single, double are aliases)")
    }
    self = match
  }
}
