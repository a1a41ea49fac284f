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
    var out = ""
    appendRendered(to: &out, indent: indent)
    return out
  }

  /// Appends `rendered(indent:)` to `out` without building the nested texts first.
  public func appendRendered(to out: inout String, indent: Int) {
    func pad(_ level: Int) { for _ in 0..<level { out += "  " } }
    switch self {
    case .array(let items):
      if items.isEmpty { out += "[]"; return }
      out += "[\n"
      for (i, item) in items.enumerated() {
        if i > 0 { out += ",\n" }
        pad(indent + 1)
        item.appendRendered(to: &out, indent: indent + 1)
      }
      out += "\n"
      pad(indent)
      out += "]"
    case .object(let pairs):
      if pairs.isEmpty { out += "{}"; return }
      out += "{\n"
      for (i, pair) in pairs.enumerated() {
        if i > 0 { out += ",\n" }
        pad(indent + 1)
        out += JSONString.quoted(pair.0)
        out += ": "
        pair.1.appendRendered(to: &out, indent: indent + 1)
      }
      out += "\n"
      pad(indent)
      out += "}"
    default: appendInline(to: &out)
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
