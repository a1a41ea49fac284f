//===--- TableSet.swift ----------------------------------------------------===//
// Where `tosim count`, `fit` and `estimate` find the cost table of a
// precision: a --table FILE, else <precision>.json in $TOSIM_TABLES when it
// is set, else the committed table built into the binary (docs/cli.md,
// "Where data is found"). Each table is decoded once per run.
//===----------------------------------------------------------------------===//
import Foundation
import TosimCostModel
import TosimFormats
import TosimIO
import TosimNN

/// The cost tables of a count: those given with --table, else those of the
/// $TOSIM_TABLES folder, else the built-in ones, each decoded once.
struct TableSet {
  /// The --table files read, with their precisions.
  var read: [(file: String, precision: Precision)] = []
  var given: [Precision: TableChoice] = [:]
  var builtin: [Precision: TableChoice] = [:]
  /// The $TOSIM_TABLES folder, when set.
  let folder: String?
  /// Warnings about the folder's tables (an unfinished write).
  private(set) var notes: [String] = []

  init(paths: [String], folder: String?, _ context: CommandContext) throws {
    self.folder = folder
    for path in paths {
      let resolved = context.resolve(path)
      let table = try CostTableReader.read(path: resolved)
      given[table.precision] = .found(table, path: resolved)
      read.append((resolved, table.precision))
    }
  }

  /// The cost table of each precision `count` has ops at, or the reason there is none.
  mutating func choices(for count: NetworkCount) throws -> [Precision: TableChoice] {
    var result: [Precision: TableChoice] = [:]
    for precision in try count.precisionsNeedingTables() { result[precision] = try choice(for: precision) }
    return result
  }

  /// The cost table of `precision`, or the reason there is none: a --table file, else
  /// `$TOSIM_TABLES/<precision>.json` when the folder is set, else the built-in table.
  mutating func choice(for precision: Precision) throws -> TableChoice {
    if let choice = given[precision] ?? builtin[precision] { return choice }
    if let folder {
      let path = CostTableFiles.path(for: precision, in: folder)
      let journal = (folder as NSString).appendingPathComponent(".\(precision.rawValue).pair")
      if FileManager.default.fileExists(atPath: journal) {
        notes.append("warning: \(folder) holds an unfinished write of the \(precision.rawValue) table (\(journal)); "
          + "run `tosim derive --out \(folder)` with any precision to complete it")
      }
      guard FileManager.default.fileExists(atPath: path) else {
        return .missing(
          "no cost table for \(precision.rawValue) in \(folder) ($\(PackageLocation.tablesVariable)): "
            + "run `tosim derive --precision \(precision.rawValue) --out \(folder)` or pass --table FILE")
      }
      given[precision] = .found(try CostTableReader.read(path: path), path: path)
      return given[precision]!
    }
    guard let table = try CostTableReader.builtin(precision) else {
      return .missing("no cost table for \(precision.rawValue) is built in: run `tosim derive --precision \(precision.rawValue) --out DIR` and pass --table DIR/\(precision.rawValue).json")
    }
    builtin[precision] = .found(table, path: CostTableReader.builtinName(precision))
    return builtin[precision]!
  }
}
