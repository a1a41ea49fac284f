//===--- PackageLocation.swift ---------------------------------------------===//
// Where the shipped cell library and cost tables are found, the same way for
// both: an option (`--library DIR`, `--table FILE` / `--out DIR`), else an
// environment variable (`TOSIM_CELLS`, `TOSIM_TABLES`), else the tosim
// package that contains the working directory (cells also: else the package
// this binary was built from). Only this command layer reads the environment.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

/// Finds the tosim package and its shipped data folders.
enum PackageLocation {
  /// The environment variable naming the shipped cell folder.
  static let cellsVariable = "TOSIM_CELLS"
  /// The environment variable naming the cost-table folder.
  static let tablesVariable = "TOSIM_TABLES"

  /// The root of the tosim package containing `directory` (it or an
  /// ancestor holds `Package.swift` and `circuits/cells`), if any.
  static func enclosingPackage(of directory: String) -> String? {
    var current = URL(fileURLWithPath: directory).standardizedFileURL
    while true {
      let manifest = current.appendingPathComponent("Package.swift").path
      if FileManager.default.fileExists(atPath: manifest),
        FileManager.default.fileExists(atPath: current.appendingPathComponent("circuits/cells").path),
        let text = try? String(contentsOfFile: manifest, encoding: .utf8), text.contains("name: \"tosim\"")
      {
        return current.path
      }
      let parent = current.deletingLastPathComponent()
      if parent.path == current.path { return nil }
      current = parent
    }
  }

  /// A folder named by environment variable `name`, resolved against the
  /// working directory, or `nil` when unset or empty.
  ///
  /// - Throws: `InputError` when it is set but is not a folder.
  static func folder(fromVariable name: String, _ context: CommandContext, mustExist: Bool = true) throws -> String? {
    guard let value = context.environment[name], !value.isEmpty else { return nil }
    let path = context.resolve(value)
    var isDirectory: ObjCBool = false
    if mustExist && !(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue) {
      throw InputError("\(name)=\(InputError.echo(value)) is not a folder")
    }
    return path
  }

  /// The cost-table folder `tosim count`, `fit` and `estimate` read before
  /// the tables built into the binary: `$TOSIM_TABLES`, or `nil` when unset.
  static func tablesFolder(_ context: CommandContext) throws -> String? {
    try folder(fromVariable: tablesVariable, context)
  }

  /// The folder `tosim derive` writes to without `--out`: `$TOSIM_TABLES`,
  /// else the enclosing package's `circuits/tables`; outside the package
  /// there is none and `--out` is required.
  static func deriveFolder(_ context: CommandContext) throws -> String? {
    if let folder = try folder(fromVariable: tablesVariable, context, mustExist: false) { return folder }
    return enclosingPackage(of: context.workingDirectory).map { ($0 as NSString).appendingPathComponent("circuits/tables") }
  }
}
