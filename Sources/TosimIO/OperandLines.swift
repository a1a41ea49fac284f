//===--- OperandLines.swift ------------------------------------------------===//
// Operand vectors as text, one vector per line: the operands in hexadecimal
// (optional 0x prefix, `_` separators) separated by white space, in the
// circuit's input order; blank lines and lines starting with # are skipped;
// trailing inputs the caller marks omittable (a one-bit carry-in, the unused
// b of a floating-point square root) may be left out and are then 0.
// `tosim eval` reads its standard input this way, and `--stimulus FILE` of
// `explore`, `derive` and `export spice --testbench` reads a file the same
// way, so tosim and SPICE can be compared on the same vectors. A bad line
// is an InputError naming the file and line (exit 65).
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

/// Hexadecimal operand lines.
public enum OperandLines {
  /// Parses `text` line by line against input buses `names`/`widths`,
  /// calling `accept` with each vector's operands (one array of
  /// `⌈width/64⌉` little-endian limbs per bus).
  ///
  /// - Parameter omittable: whether input bus `index` may be left out at
  ///   the end of a line.
  /// - Throws: `InputError` at `file` and the line for a wrong operand count
  ///   or an operand that is not hexadecimal or does not fit its bus.
  public static func parse(
    _ text: String, file: String, names: [String], widths: [Int], omittable: (Int) -> Bool,
    accept: ([[UInt64]]) throws -> Void
  ) throws {
    var optional = 0
    while optional < widths.count && omittable(widths.count - 1 - optional) { optional += 1 }
    let limbs = widths.map { ($0 + 63) / 64 }
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let fields = line.split(whereSeparator: \.isWhitespace)
      if fields.isEmpty || fields[0].hasPrefix("#") { continue }
      let lineNumber = offset + 1
      guard fields.count <= widths.count && fields.count >= widths.count - optional else {
        let range = optional == 0 ? "" : "\(widths.count - optional) to "
        throw InputError("expected \(range)\(widths.count) hexadecimal operands (\(names.joined(separator: " "))), found \(fields.count)",
          file: file, line: lineNumber)
      }
      var operands: [[UInt64]] = []
      for bus in widths.indices {
        if bus >= fields.count {
          operands.append([UInt64](repeating: 0, count: limbs[bus]))
          continue
        }
        guard let value = Hex.parse(fields[bus], width: widths[bus]) else {
          throw InputError("operand \(names[bus]) = '\(InputError.echo(fields[bus]))' is not a hexadecimal number of at most \(widths[bus]) bits",
            file: file, line: lineNumber)
        }
        operands.append(value)
      }
      try accept(operands)
    }
  }

  /// Reads the stimulus file at `path` (shown as `name` in messages) into
  /// the stream layout: one array per input bus, vector after vector.
  ///
  /// - Throws: `InputError` for an unreadable file, a bad line, fewer than
  ///   `minimumCount` or more than `maximumCount` vectors.
  public static func read(
    _ path: String, name: String, names: [String], widths: [Int], omittable: (Int) -> Bool = { _ in false },
    minimumCount: Int = 2, maximumCount: Int = 1 << 24
  ) throws -> [[UInt64]] {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw InputError("is a folder, not a stimulus file", file: name)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputError("cannot read the stimulus file", file: name)
    }
    var buses = widths.map { _ in [UInt64]() }
    var count = 0
    try parse(String(decoding: data, as: UTF8.self), file: name, names: names, widths: widths, omittable: omittable) {
      operands in
      count += 1
      guard count <= maximumCount else {
        throw InputError("more than \(maximumCount) vectors; at most \(maximumCount) are accepted here", file: name)
      }
      for bus in buses.indices { buses[bus] += operands[bus] }
    }
    guard count >= minimumCount else {
      throw InputError("holds \(count) vector(s); at least \(minimumCount) are needed (one line per vector: "
        + names.joined(separator: " ") + " in hexadecimal)", file: name)
    }
    return buses
  }
}

/// Hexadecimal operands as little-endian 64-bit limbs.
public enum Hex {
  /// Parses `text` (optional 0x) into `⌈width/64⌉` limbs, or nil when it is
  /// not hexadecimal or does not fit in `width` bits.
  public static func parse(_ text: Substring, width: Int) -> [UInt64]? {
    var digits = text.lowercased()
    if digits.hasPrefix("0x") { digits.removeFirst(2) }
    digits = digits.replacingOccurrences(of: "_", with: "")
    guard !digits.isEmpty, digits.allSatisfy(\.isHexDigit) else { return nil }
    var limbs = [UInt64](repeating: 0, count: (width + 63) / 64)
    for (position, character) in digits.reversed().enumerated() {
      let value = UInt64(character.hexDigitValue!)
      let bit = position * 4
      guard value == 0 || bit < width else { return nil }
      if value != 0 {
        guard bit + (64 - value.leadingZeroBitCount) <= width else { return nil }
        limbs[bit / 64] |= value << UInt64(bit % 64)
      }
    }
    return limbs
  }

  /// Formats limbs as `⌈width/4⌉` hexadecimal digits.
  public static func format(_ limbs: [UInt64], width: Int) -> String {
    let digitCount = max(1, (width + 3) / 4)
    var text = ""
    for digit in stride(from: digitCount - 1, through: 0, by: -1) {
      let bit = digit * 4
      let value = limbs[bit / 64] >> UInt64(bit % 64) & 0xF
      text.append(Character(String(value, radix: 16)))
    }
    return text
  }
}
