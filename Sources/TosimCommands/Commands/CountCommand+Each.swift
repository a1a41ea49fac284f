//===--- CountCommand+Each.swift -------------------------------------------===//
// `tosim count --each FILE`: counts every model of FILE, one per line (a
// layer spec, or an .onnx / .json path), and writes one JSON object per line
// — the `--json` document on one line with `line` and `input` added — for
// fitting thousands of rows in one call. Blank lines and lines starting with
// `#` are skipped; a model that fails is an InputError naming FILE and line.
// Tables are decoded once for the whole file.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats
import TosimIO
import TosimNN

extension CountCommand {
  /// Counts each line of `file` and prints one JSON line per model.
  func runEach(_ file: String, tables: inout TableSet, _ context: CommandContext) throws {
    let path = context.resolve(file)
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw InputError("cannot read the --each file as UTF-8 text", file: path)
    }
    var output = ""
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
      if line.isEmpty || line.hasPrefix("#") { continue }
      do {
        let count = try self.count(line, context)
        let report = try CountReport(count: count, tables: try tables.choices(for: count), precisionOverride: overridePrecision(for: line))
        guard case .object(let pairs) = report.json else { continue }
        JSONValue.object([("line", .int(index + 1)), ("input", .string(line))] + pairs).appendInline(to: &output)
        output += "\n"
      } catch let error as InputError {
        throw InputError("line \(index + 1): \(error.message)", file: error.file ?? path)
      }
      if output.utf8.count > 1 << 20 {
        context.standardOutput(output)
        output = ""
      }
    }
    context.standardOutput(output)
  }
}
