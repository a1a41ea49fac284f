//===--- SpiceNumber.swift -------------------------------------------------===//
// SPICE numbers with scale suffixes (`1.26u`, `150n`, `1e+06u`, `2MEG`), read
// for device sizes by SpiceReader and written back by SpiceWriter
// (`tosim export spice`). SPICE is case-insensitive: `M` is milli, `MEG`
// mega; letters after a known suffix are units and ignored (`1.5uF`).
//===----------------------------------------------------------------------===//
import Foundation

/// Parses and formats SPICE numeric values.
public enum SpiceNumber {
  /// Suffix multipliers, longest first so `MEG` wins over `M`.
  /// (Small scales divide, so `150n` is exactly `150e-9`.)
  private static let suffixes: [(suffix: String, factor: Double, divides: Bool)] = [
    ("MEG", 1e6, false), ("MIL", 25.4e-6, false), ("T", 1e12, false), ("G", 1e9, false), ("K", 1e3, false),
    ("M", 1e3, true), ("U", 1e6, true), ("N", 1e9, true), ("P", 1e12, true), ("F", 1e15, true), ("A", 1e18, true),
  ]

  /// The value of `text`, or nil when it does not start with a number.
  public static func parse(_ text: String) -> Double? {
    let upper = text.uppercased()
    var end = upper.startIndex
    var seenDigit = false
    var seenExponent = false
    var index = upper.startIndex
    while index < upper.endIndex {
      let c = upper[index]
      if c.isASCII && c.isNumber {
        seenDigit = true
      } else if c == "." || ((c == "+" || c == "-") && (index == upper.startIndex || upper[upper.index(before: index)] == "E")) {
      } else if c == "E", seenDigit, !seenExponent, upper.index(after: index) < upper.endIndex,
        let next = upper[upper.index(after: index)...].first, next.isNumber || next == "+" || next == "-"
      {
        seenExponent = true
      } else {
        break
      }
      index = upper.index(after: index)
      end = index
    }
    guard seenDigit, let mantissa = Double(upper[..<end]) else { return nil }
    let rest = upper[end...]
    guard let first = rest.first else { return mantissa }
    guard first.isLetter else { return nil }
    for (suffix, factor, divides) in suffixes where rest.hasPrefix(suffix) {
      return divides ? mantissa / factor : mantissa * factor
    }
    return mantissa  // a bare unit such as `V`
  }

  /// `value` in `unit` (1e-6 for microns) as a short decimal, e.g. 1.26.
  public static func format(_ value: Double, unit: Double) -> String {
    let scaled = value / unit
    let rounded = (scaled * 1e6).rounded() / 1e6
    var text = String(format: "%.6f", rounded)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }
}
