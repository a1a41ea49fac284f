//===--- JSONValue.swift ---------------------------------------------------===//
// One JSON value type for reading and writing: the readers (model specs, cost
// tables) parse files into it (JSONValue+Parsing.swift) and the writers
// (`--json` reports, cost tables) render it (JSONValue+Rendering.swift).
// Object members keep their order, so written documents are deterministic.
// CLI: every `--json` output and every file `tosim derive` writes or
// `tosim count` reads.
//===----------------------------------------------------------------------===//

/// Any JSON value; object members keep their order.
public enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A whole number.
  case int(Int)
  /// An unsigned whole number such as a 64-bit seed; parsing never produces it.
  case uint(UInt64)
  /// A number, written in Swift's shortest round-trip form.
  case double(Double)
  /// A number written with exactly two decimals (`2345.60`); parsing never produces it.
  case decimal(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object: its members in order.
  case object([(String, JSONValue)])

  /// Whether two values are equal (objects member by member, in order).
  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.uint(let x), .uint(let y)): return x == y
    case (.double(let x), .double(let y)), (.decimal(let x), .decimal(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// The JSON type's name, for errors.
  var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .int, .uint, .double, .decimal: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// The value as a number, if it is one.
  var number: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .uint(let u): return Double(u)
    case .double(let d), .decimal(let d): return d
    default: return nil
    }
  }
}
