//===--- CostTableWriter.swift ---------------------------------------------===//
// Cost tables as files: the JSON document (schema `tosim.cost-table/1`; keys
// in a fixed order, one line per operation, fractional numbers with exactly
// two decimals, so the same table always gives the same bytes) and the CSV
// file with one row per operation, written atomically where CostTableFiles
// puts them. The reader is CostTableReader.swift; the formats are
// documented in docs/cost-tables.md.
// CLI: `tosim derive --fp32 [--out DIR]` writes DIR/fp32.json and fp32.csv.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

/// Renders and writes cost-table files.
public enum CostTableWriter {
  /// The members of the table's JSON document, grouped as they share a line.
  static func documentLines(_ table: CostTable) -> [[(String, JSONValue)]] {
    [
      [("schema", .string(CostTable.schema))],
      [("tool_version", .string(table.toolVersion))],
      [("precision", .string(table.precision.rawValue))],
      [("designs", .object(table.designs.map { ($0.family, .string($0.design)) }))],
      [("operands", .string(table.operands)), ("vectors", .int(table.vectorCount)), ("seed", .int(Int(table.seed)))]
        + (table.inertialVectorCount.map { [("inertial_vectors", JSONValue.int($0))] } ?? []),
    ]
  }

  /// One row of the `ops` array.
  static func json(_ row: CostRow) -> JSONValue {
    var fields: [(String, JSONValue)] = [("op", .string(row.operation.rawValue))]
    if let unit = row.unit {
      fields += [("kind", .string("primitive")), ("unit", .string(unit))]
    } else {
      fields += [("kind", .string("recipe")), ("recipe", .object(row.recipe.map { ($0.operation.rawValue, .int($0.count)) }))]
    }
    return .object(fields + [
      ("transistors", .int(row.transistorCount)), ("depth", .int(row.depth)), ("to_static", .int(row.staticTOs)),
      ("to_dynamic", .decimal(row.dynamicTOs)), ("to_dynamic_std", .decimal(row.dynamicTOsStandardDeviation)),
      ("to_glitch", .decimal(row.glitchTOs)),
    ] + (row.inertialTOs.map { [("to_inertial", JSONValue.decimal($0))] } ?? []))
  }

  /// The table as a JSON document (schema `tosim.cost-table/1`).
  public static func json(_ table: CostTable) -> String {
    var lines = ["{"]
    lines += documentLines(table).map { "  " + JSONValue.members($0) + "," }
    lines.append("  " + JSONString.quoted("ops") + ": [")
    lines += table.rows.enumerated().map { index, row in
      "    " + json(row).inline + (index == table.rows.count - 1 ? "" : ",")
    }
    lines += ["  ]", "}"]
    return lines.joined(separator: "\n") + "\n"
  }

  /// The CSV header.
  public static let csvHeader =
    "op,kind,unit,recipe,transistors,depth,to_static,to_dynamic,to_dynamic_std,to_glitch"

  /// The table as CSV: a header and one line per operation; recipes are
  /// written `mul:7;add:8`. A table with the inertial column has a last
  /// column `to_inertial`.
  public static func csv(_ table: CostTable) -> String {
    let hasInertial = table.inertialVectorCount != nil
    var lines = [csvHeader + (hasInertial ? ",to_inertial" : "")]
    for row in table.rows {
      let recipe = row.recipe.map { "\($0.operation.rawValue):\($0.count)" }.joined(separator: ";")
      lines.append([
        row.operation.rawValue, row.isRecipe ? "recipe" : "primitive", row.unit ?? "", recipe,
        String(row.transistorCount), String(row.depth), String(row.staticTOs), DecimalText.twoPlaces(row.dynamicTOs),
        DecimalText.twoPlaces(row.dynamicTOsStandardDeviation), DecimalText.twoPlaces(row.glitchTOs),
      ].joined(separator: ",") + (hasInertial ? "," + (row.inertialTOs.map(DecimalText.twoPlaces) ?? "") : ""))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Writes the JSON and CSV files of `table` atomically into `folder`.
  ///
  /// - Throws: `OutputError` when a file cannot be written.
  public static func write(_ table: CostTable, toFolder folder: String) throws {
    try AtomicFile.write(json(table), to: CostTableFiles.path(for: table.precision, .json, in: folder))
    try AtomicFile.write(csv(table), to: CostTableFiles.path(for: table.precision, .csv, in: folder))
  }
}
