//===--- CostTableFiles.swift ----------------------------------------------===//
// Where cost tables live: `<folder>/<precision>.json` and `<precision>.csv`,
// the folder being `circuits/tables` under the working directory unless
// given. The one path convention of `tosim derive` (writes), `tosim count`
// (reads the JSON of each precision it needs) and the tests.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

/// The file layout of cost tables.
public enum CostTableFiles {
  /// The folder of the committed tables, relative to the working directory.
  public static let defaultFolder = "circuits/tables"

  /// The two files of a table.
  public enum Kind: String, CaseIterable, Sendable {
    /// The JSON document (`tosim.cost-table/1`), read by `tosim count`.
    case json
    /// The CSV file, one line per operation.
    case csv
  }

  /// The path of `precision`'s `kind` file in `folder`.
  public static func path(for precision: Precision, _ kind: Kind = .json, in folder: String) -> String {
    (folder as NSString).appendingPathComponent("\(precision.rawValue).\(kind.rawValue)")
  }

  /// The path of `precision`'s `kind` file in the default folder under `workingDirectory`.
  public static func defaultPath(for precision: Precision, _ kind: Kind = .json, workingDirectory: String) -> String {
    path(for: precision, kind, in: (workingDirectory as NSString).appendingPathComponent(defaultFolder))
  }
}
