//===--- JSONValue+Rendering.swift -----------------------------------------===//
// JSONValue as text: pretty-printed with two-space indentation (the `--json`
// output of every command) or on one line (`{"a": 1, "b": [2, 3]}`, the
// rows of cost tables). Keys keep their order, numbers print exactly,
// strings are escaped by TosimFormats' JSONString.
// CLI: `tosim count --json`, `tosim explore --json`, `tosim cells --json`,
// `tosim derive` (CostTableWriter.swift).
//===----------------------------------------------------------------------===//
import TosimFormats

extension JSONValue {
  /// Pretty-printed text with two-space indentation, starting at `indent` levels.
  public func rendered(indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent)
    let inner = String(repeating: "  ", count: indent + 1)
    switch self {
    case .array(let items):
      if items.isEmpty { return "[]" }
      return "[\n" + items.map { inner + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n\(pad)]"
    case .object(let pairs):
      if pairs.isEmpty { return "{}" }
      return "{\n" + pairs.map { inner + JSONString.quoted($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
        .joined(separator: ",\n") + "\n\(pad)}"
    default: return inline
    }
  }

  /// The value on one line: members separated by `, `, keys by `: `.
  public var inline: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .uint(let u): return String(u)
    case .double(let d): return d.isFinite ? "\(d)" : "null"
    case .decimal(let d): return d.isFinite ? DecimalText.twoPlaces(d) : "null"
    case .string(let s): return JSONString.quoted(s)
    case .array(let items): return "[" + items.map(\.inline).joined(separator: ", ") + "]"
    case .object(let pairs): return "{" + Self.members(pairs) + "}"
    }
  }

  /// Object members on one line without the braces: `"a": 1, "b": 2`.
  public static func members(_ pairs: [(String, JSONValue)]) -> String {
    pairs.map { JSONString.quoted($0.0) + ": " + $0.1.inline }.joined(separator: ", ")
  }
}
