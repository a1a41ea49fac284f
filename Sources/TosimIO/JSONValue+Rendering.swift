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
    var out = ""
    appendInline(to: &out)
    return out
  }

  /// Appends `inline` to `out` without building the nested texts first.
  public func appendInline(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .uint(let u): out += String(u)
    case .double(let d): out += d.isFinite ? "\(d)" : "null"
    case .decimal(let d): out += d.isFinite ? DecimalText.twoPlaces(d) : "null"
    case .string(let s): out += JSONString.quoted(s)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += ", " }
        item.appendInline(to: &out)
      }
      out += "]"
    case .object(let pairs):
      out += "{"
      for (i, pair) in pairs.enumerated() {
        if i > 0 { out += ", " }
        out += JSONString.quoted(pair.0)
        out += ": "
        pair.1.appendInline(to: &out)
      }
      out += "}"
    }
  }

  /// Object members on one line without the braces: `"a": 1, "b": 2`.
  public static func members(_ pairs: [(String, JSONValue)]) -> String {
    pairs.map { JSONString.quoted($0.0) + ": " + $0.1.inline }.joined(separator: ", ")
  }
}
