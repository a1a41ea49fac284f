//===--- JSON.swift --------------------------------------------------------===//
// Deterministic JSON text for `--json` output: keys keep the order the
// command gives them, numbers print exactly, strings are escaped.
//===----------------------------------------------------------------------===//
import TosimFormats

/// A JSON value whose object keys keep their insertion order.
enum JSON {
  case null
  case bool(Bool)
  case int(Int)
  /// An unsigned number such as a 64-bit seed, printed as a JSON number.
  case uint(UInt64)
  case double(Double)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  /// Pretty-printed text with two-space indentation.
  func rendered(indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent)
    let inner = String(repeating: "  ", count: indent + 1)
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .uint(let u): return String(u)
    case .double(let d): return d.isFinite ? "\(d)" : "null"
    case .string(let s): return JSON.quote(s)
    case .array(let items):
      if items.isEmpty { return "[]" }
      return "[\n" + items.map { inner + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n\(pad)]"
    case .object(let pairs):
      if pairs.isEmpty { return "{}" }
      return "{\n" + pairs.map { inner + JSON.quote($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
        .joined(separator: ",\n") + "\n\(pad)}"
    }
  }

  static func quote(_ s: String) -> String { JSONString.quoted(s) }
}
