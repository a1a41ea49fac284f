//===--- CostTable+Rendering.swift -----------------------------------------===//
// Cost tables as text: the JSON document (keys in a fixed order, fractional
// numbers with exactly two decimals, so the same table always gives the same
// bytes) and the CSV file with one row per operation. The formats are
// documented in docs/cost-tables.md.
// CLI: `tosim derive` writes both; files are written by TosimCommands.
//===----------------------------------------------------------------------===//
import TosimFormats

extension CostTable {
  /// The number with exactly two decimals (`2345.60`).
  public static func decimal(_ value: Double) -> String {
    let hundredths = (value * 100).rounded()
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = Int(abs(hundredths))
    let fraction = magnitude % 100
    return sign + String(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
  }

  private static func quoted(_ text: String) -> String { JSONString.quoted(text) }

  /// The table as a JSON document (schema `tosim.cost-table/1`).
  public var json: String {
    var lines = ["{"]
    lines.append("  \"schema\": \(Self.quoted(Self.schema)),")
    lines.append("  \"tool_version\": \(Self.quoted(toolVersion)),")
    lines.append("  \"precision\": \(Self.quoted(precision.rawValue)),")
    let designText = designs.map { "\(Self.quoted($0.family)): \(Self.quoted($0.design))" }.joined(separator: ", ")
    lines.append("  \"designs\": {\(designText)},")
    lines.append("  \"operands\": \(Self.quoted(operands)), \"vectors\": \(vectorCount), \"seed\": \(seed),")
    lines.append("  \"ops\": [")
    for (index, row) in rows.enumerated() {
      var fields = ["\"op\": \(Self.quoted(row.operation))"]
      if let unit = row.unit {
        fields += ["\"kind\": \"primitive\"", "\"unit\": \(Self.quoted(unit))"]
      } else {
        let recipe = row.recipe.map { "\(Self.quoted($0.operation)): \($0.count)" }.joined(separator: ", ")
        fields += ["\"kind\": \"recipe\"", "\"recipe\": {\(recipe)}"]
      }
      fields += [
        "\"transistors\": \(row.transistorCount)", "\"depth\": \(row.depth)", "\"to_static\": \(row.staticTOs)",
        "\"to_dynamic\": \(Self.decimal(row.dynamicTOs))",
        "\"to_dynamic_std\": \(Self.decimal(row.dynamicTOsStandardDeviation))",
        "\"to_glitch\": \(Self.decimal(row.glitchTOs))",
      ]
      lines.append("    {" + fields.joined(separator: ", ") + "}" + (index == rows.count - 1 ? "" : ","))
    }
    lines.append("  ]")
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The CSV header.
  public static let csvHeader =
    "op,kind,unit,recipe,transistors,depth,to_static,to_dynamic,to_dynamic_std,to_glitch"

  /// The table as CSV: a header and one line per operation; recipes are
  /// written `mul:7;add:8`.
  public var csv: String {
    var lines = [Self.csvHeader]
    for row in rows {
      let recipe = row.recipe.map { "\($0.operation):\($0.count)" }.joined(separator: ";")
      lines.append([
        row.operation, row.isRecipe ? "recipe" : "primitive", row.unit ?? "", recipe, String(row.transistorCount),
        String(row.depth), String(row.staticTOs), Self.decimal(row.dynamicTOs),
        Self.decimal(row.dynamicTOsStandardDeviation), Self.decimal(row.glitchTOs),
      ].joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
