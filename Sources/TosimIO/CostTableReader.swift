//===--- CostTableReader.swift ---------------------------------------------===//
// Reads cost tables (schema `tosim.cost-table/1`, written by `tosim derive`
// through CostTableWriter.swift) into TosimCostModel.CostTable. Where a
// precision's table lives is CostTableFiles.swift. CLI: `tosim count
// --table FILE`, else `circuits/tables/<precision>.json` under the working
// directory. Field reference: docs/network-counter.md, §Cost tables.
//===----------------------------------------------------------------------===//
import Foundation
import TosimCostModel
import TosimFormats

/// Reads cost-table JSON files.
public enum CostTableReader {
  /// Reads the table at `path`.
  public static func read(path: String) throws -> CostTable {
    try decode(JSONValue.read(path: path), file: path)
  }

  /// Decodes a table from JSON text.
  public static func decode(_ data: Data, file: String) throws -> CostTable {
    try decode(JSONValue.parse(data, file: file), file: file)
  }

  private static func unknownOperation(_ name: String) -> String {
    "'\(name)' is not an operation; known: " + ArithmeticOperation.allCases.map(\.rawValue).joined(separator: ", ")
  }

  static func decode(_ json: JSONValue, file: String) throws -> CostTable {
    let root = try JSONObject(json, path: "", file: file)
    let schema = try root.requiredString("schema")
    guard schema == CostTable.schema else { throw root.error("schema", "is '\(schema)', expected '\(CostTable.schema)'") }
    let precisionName = try root.requiredString("precision")
    guard let precision = Precision(rawValue: precisionName) else {
      throw root.error("precision", "'\(precisionName)' is not one of \(Precision.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    var designs: [(family: String, design: String)] = []
    if let value = root.members["designs"] {
      let object = try JSONObject(value, path: "designs", file: file)
      for key in object.members.keys.sorted() { designs.append((key, try object.requiredString(key))) }
    }
    let vectors = try root.int("vectors") ?? 0
    let seed = try root.int("seed") ?? 0
    guard vectors >= 0, seed >= 0 else { throw root.error("vectors", "vectors and seed must not be negative") }
    guard let items = try root.array("ops") else { throw root.error("ops", "is missing") }
    var rows: [CostRow] = []
    for (index, item) in items.enumerated() {
      let object = try JSONObject(item, path: "ops[\(index)]", file: file)
      let opName = try object.requiredString("op")
      guard let op = ArithmeticOperation(rawValue: opName) else { throw object.error("op", unknownOperation(opName)) }
      guard !rows.contains(where: { $0.operation == op }) else { throw object.error("op", "'\(opName)' appears twice") }
      let kindName = try object.requiredString("kind")
      guard kindName == "primitive" || kindName == "recipe" else {
        throw object.error("kind", "'\(kindName)' should be primitive or recipe")
      }
      // A primitive names the unit it was measured on; a recipe has none.
      let unit = kindName == "primitive" ? try object.requiredString("unit") : nil
      var recipe: [(operation: ArithmeticOperation, count: Int)] = []
      if let value = object.members["recipe"] {
        let r = try JSONObject(value, path: "ops[\(index)].recipe", file: file)
        var counts: [ArithmeticOperation: Int] = [:]
        for key in r.members.keys.sorted() {
          guard let part = ArithmeticOperation(rawValue: key) else { throw r.error(key, unknownOperation(key)) }
          guard let n = try r.int(key), n >= 0 else { throw r.error(key, "should be a non-negative count") }
          counts[part] = n
        }
        // In ArithmeticOperation order, the order the writer uses.
        recipe = ArithmeticOperation.allCases.compactMap { part in counts[part].map { (part, $0) } }
      }
      func number(_ key: String, required: Bool = true) throws -> Double {
        guard let value = try object.double(key) else {
          if required { throw object.error(key, "is missing") }
          return 0
        }
        guard value >= 0 else { throw object.error(key, "should not be negative") }
        return value
      }
      let toStatic = try number("to_static")
      guard let staticTOs = Int(exactly: toStatic) else { throw object.error("to_static", "should be a whole number of transistors") }
      rows.append(CostRow(
        operation: op, unit: unit, recipe: recipe, transistorCount: try object.int("transistors") ?? 0,
        depth: try object.int("depth") ?? 0, staticTOs: staticTOs, dynamicTOs: try number("to_dynamic"),
        dynamicTOsStandardDeviation: try number("to_dynamic_std", required: false),
        glitchTOs: try number("to_glitch", required: false),
        inertialTOs: object.members["to_inertial"] == nil ? nil : try number("to_inertial")))
    }
    return CostTable(
      toolVersion: try root.requiredString("tool_version"), precision: precision, designs: designs,
      operands: try root.string("operands") ?? "", vectorCount: vectors, seed: UInt64(seed), rows: rows,
      inertialVectorCount: try root.int("inertial_vectors"))
  }
}
