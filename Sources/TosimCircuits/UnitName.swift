//===--- UnitName.swift ----------------------------------------------------===//
// Arithmetic units are named `<precision>.<op>[:<design>]`, e.g.
// `int32.add:ripple-carry`. Integer precisions may be any width `int1`…
// `int128`. This file parses and prints those names.
//===----------------------------------------------------------------------===//
import TosimFormats

/// The name of an arithmetic unit: format, operation and design.
public struct UnitName: Hashable, Sendable, CustomStringConvertible {
  /// The format, e.g. `int32`.
  public let format: String
  /// The operation, e.g. `add`.
  public let operation: String
  /// The design, e.g. `ripple-carry`, or `nil` for the default.
  public let design: String?

  /// Creates a unit name.
  public init(format: String, operation: String, design: String?) {
    self.format = format
    self.operation = operation
    self.design = design
  }

  /// Parses `<format>.<op>[:<design>]`.
  ///
  /// - Throws: `InputError` when the text is not of that shape.
  public init(parsing text: String) throws {
    let lower = text.lowercased()
    let designSplit = lower.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
    let head = designSplit[0].split(separator: ".", omittingEmptySubsequences: false)
    guard head.count == 2, !head[0].isEmpty, !head[1].isEmpty,
      designSplit.count == 1 || !designSplit[1].isEmpty
    else {
      throw InputError("unit '\(text)' is not of the form <precision>.<op>[:<design>], e.g. int32.add:ripple-carry")
    }
    format = String(head[0])
    operation = String(head[1])
    design = designSplit.count == 2 ? String(designSplit[1]) : nil
  }

  /// The integer width when the format is `int<N>`.
  public var integerWidth: Int? {
    guard format.hasPrefix("int"), let width = Int(format.dropFirst(3)) else { return nil }
    return width
  }

  public var description: String { "\(format).\(operation)" + (design.map { ":\($0)" } ?? "") }

  /// A Verilog-safe identifier: `int16_add_kogge_stone`.
  public var identifier: String {
    description.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
  }
}
