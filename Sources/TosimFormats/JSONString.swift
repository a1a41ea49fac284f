//===--- JSONString.swift --------------------------------------------------===//
// Escaping text as a JSON string literal (RFC 8259 §7), shared by every
// writer of JSON output (`--json` reports, cost tables).
//===----------------------------------------------------------------------===//

/// JSON string literals.
public enum JSONString {
  /// `text` as a quoted JSON string: quotes, backslashes and control
  /// characters escaped, everything else written as it is.
  public static func quoted(_ text: String) -> String {
    // Fast path: nothing to escape (the keys and most values tosim writes).
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
      return "\"" + text + "\""
    }
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
