//===--- CostTableReader+Builtin.swift -------------------------------------===//
// The cost tables built into the binary (TosimBuiltinTables, generated from
// circuits/tables/*.json at build time), decoded like a file. `tosim count`
// uses them for every precision no --table gives (docs/network-counter.md,
// §Cost tables).
//===----------------------------------------------------------------------===//
import Foundation
import TosimBuiltinTables
import TosimCostModel
import TosimFormats

extension CostTableReader {
  /// How reports and errors name the built-in table of `precision`.
  public static func builtinName(_ precision: Precision) -> String {
    "built-in \(CostTableFiles.defaultFolder)/\(precision.rawValue).json"
  }

  /// The built-in cost table of `precision`, or `nil` when the binary has none.
  ///
  /// - Throws: `InputError` when the embedded table does not decode (a table committed broken).
  public static func builtin(_ precision: Precision) throws -> CostTable? {
    guard let text = BuiltinCostTables.json(named: precision.rawValue) else { return nil }
    return try decode(Data(text.utf8), file: builtinName(precision))
  }
}
