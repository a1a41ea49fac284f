//===--- MeasurementCSVReader.swift ----------------------------------------===//
// Reads a measurement CSV for `tosim fit` (columns in docs/energy-model.md,
// "EnergyMeasurement CSV"): a header row, then one measured run per row. Quoted
// fields may hold commas. Model paths ending in .onnx or .json resolve
// against the CSV's folder. Every problem is an InputError naming the line,
// the row and the column.
//===----------------------------------------------------------------------===//
import Foundation
import TosimEnergy
import TosimFormats
import TosimNN

/// Reads measurement CSV files.
public enum MeasurementCSVReader {
  /// The columns every row must have.
  public static let requiredColumns = ["model", "batch", "precision", "mode", "hardware", "energy_j"]
  /// The optional columns the fit uses or keeps.
  public static let optionalColumns = ["time_s", "steps", "optimizer", "idle_w", "power_limit_w"]

  /// Reads the file at `path`.
  public static func read(path: String) throws -> [EnergyMeasurement] {
    guard let data = FileManager.default.contents(atPath: path) else { throw InputError("cannot read file", file: path) }
    guard let text = String(data: data, encoding: .utf8) else { throw InputError("not UTF-8 text", file: path) }
    let folder = (path as NSString).deletingLastPathComponent
    return try parse(text, file: path, modelFolder: folder.isEmpty ? "." : folder)
  }

  /// Parses CSV text; relative model paths resolve against `modelFolder`.
  public static func parse(_ text: String, file: String, modelFolder: String) throws -> [EnergyMeasurement] {
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
      .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
    while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
    guard let headerLine = lines.first else { throw InputError("empty file: expected a header row with columns \(requiredColumns.joined(separator: ","))", file: file) }
    let header = try fields(headerLine, file: file, line: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    var column: [String: Int] = [:]
    for (i, name) in header.enumerated() where column[name] == nil { column[name] = i }
    let missing = requiredColumns.filter { column[$0] == nil }
    guard missing.isEmpty else {
      throw InputError("missing column\(missing.count == 1 ? "" : "s") \(missing.map { "'\($0)'" }.joined(separator: ", ")) in the header", file: file, line: 1)
    }
    var result: [EnergyMeasurement] = []
    for (offset, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      let lineNumber = offset + 1
      let row = try fields(line, file: file, line: lineNumber)
      let rowNumber = result.count + 1
      func fail(_ name: String, _ what: String) -> InputError {
        InputError("row \(rowNumber), column '\(name)': \(what)", file: file, line: lineNumber)
      }
      func value(_ name: String) -> String? {
        guard let i = column[name], i < row.count else { return nil }
        let v = row[i].trimmingCharacters(in: .whitespaces)
        return v.isEmpty ? nil : v
      }
      func required(_ name: String) throws -> String {
        guard let v = value(name) else { throw fail(name, "is empty; expected a value") }
        return v
      }
      func positive(_ name: String, _ unit: String) throws -> Double? {
        guard let text = value(name) else { return nil }
        guard let v = Double(text), v.isFinite else { throw fail(name, "expected a number of \(unit), got '\(text)'") }
        guard v > 0 else { throw fail(name, "expected a positive number of \(unit), got '\(text)'") }
        return v
      }
      var model = try required("model")
      let lower = model.lowercased()
      if (lower.hasSuffix(".onnx") || lower.hasSuffix(".json")) && !model.hasPrefix("/") {
        model = (modelFolder as NSString).appendingPathComponent(model)
      }
      let batchText = try required("batch")
      guard let batch = Int(batchText), batch >= 1, batch <= 1 << 40 else { throw fail("batch", "expected a whole number ≥ 1, got '\(batchText)'") }
      let precisionText = try required("precision").lowercased()
      guard let precision = Precision(rawValue: precisionText) else {
        throw fail("precision", "expected one of \(Precision.allCases.map(\.rawValue).joined(separator: ", ")), got '\(precisionText)'")
      }
      let modeText = try required("mode").lowercased()
      guard let mode = MeasurementMode(rawValue: modeText == "inference" ? "forward" : modeText) else {
        throw fail("mode", "expected forward, backward or training, got '\(modeText)'")
      }
      let optimizerText = value("optimizer")?.lowercased() ?? "sgd"
      guard let optimizer = Optimizer(rawValue: optimizerText) else {
        throw fail("optimizer", "expected one of \(Optimizer.allCases.map(\.rawValue).joined(separator: ", ")), got '\(optimizerText)'")
      }
      let hardware = try required("hardware")
      guard let energy = try positive("energy_j", "joules") else { throw fail("energy_j", "is empty; expected a positive number of joules") }
      result.append(
        EnergyMeasurement(
          model: model, batch: batch, precision: precision, mode: mode, optimizer: optimizer, hardware: hardware, energy: energy,
          time: try positive("time_s", "seconds"), steps: try positive("steps", "steps") ?? 1, idlePower: try positive("idle_w", "watts"),
          powerLimit: try positive("power_limit_w", "watts"), line: lineNumber))
    }
    guard !result.isEmpty else { throw InputError("no data rows after the header", file: file) }
    return result
  }

  /// The fields of one CSV line (RFC 4180 quoting: "a,b" and "" for a quote).
  static func fields(_ line: String, file: String, line number: Int) throws -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var iterator = Array(line).makeIterator()
    var pending: Character? = nil
    while let c = pending ?? iterator.next() {
      pending = nil
      if quoted {
        if c == "\"" {
          if let next = iterator.next() {
            if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
          } else {
            quoted = false
          }
        } else {
          current.append(c)
        }
      } else if c == "\"" {
        quoted = true
      } else if c == "," {
        fields.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    guard !quoted else { throw InputError("unterminated quoted field", file: file, line: number) }
    fields.append(current)
    return fields
  }
}
