//===--- NetworkCount+CostTables.swift -------------------------------------===//
// Checks the cost tables given for a count (`tosim count --table FILE…`)
// against the precisions the count uses: two tables for one precision are an
// error, a table of a precision with no counted ops is reported as unused.
// CountCommand calls this after reading the tables.
//===----------------------------------------------------------------------===//
import TosimFormats

extension NetworkCount {
  /// The precisions whose per-step work has arithmetic ops, which a cost table converts to TOs.
  public func precisionsNeedingTables() throws -> Set<Precision> {
    Set(try stepTotalsByPrecision().compactMap { total in total.pass.ops.counts.isEmpty ? nil : total.precision })
  }

  /// Warnings about the given tables, each given as its file and precision.
  ///
  /// - Returns: one line per table whose precision the count does not use.
  /// - Throws: `InputError` naming both files when two tables have the same precision.
  public func costTableWarnings(given tables: [(file: String, precision: Precision)]) throws -> [String] {
    var first: [Precision: String] = [:]
    for (file, precision) in tables {
      if let earlier = first[precision] {
        throw InputError("\(earlier) and \(file) are both \(precision.rawValue) cost tables; give one table per precision", file: file)
      }
      first[precision] = file
    }
    let used = try precisionsNeedingTables()
    return tables.filter { !used.contains($0.precision) }.map { table in
      let counted = Precision.allCases.filter(used.contains).map(\.rawValue)
      let what = counted.isEmpty ? "no layer has arithmetic ops" : "the count has ops at \(counted.joined(separator: ", ")) only"
      return "warning: \(table.file) is a \(table.precision.rawValue) cost table, but \(what); it is not used"
    }
  }
}
