//===--- OutputPath.swift --------------------------------------------------===//
// Checks an output file before any long work starts (`export --out`,
// `explore --svg`): it must not be one of the command's input files (the
// user's design would be overwritten), must not be a folder, and the nearest
// existing folder on its path must be a writable folder.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats
import TosimIO

/// Up-front checks of an output file.
enum OutputPath {
  /// The path with `.`/`..` and symbolic links resolved, for comparison.
  static func canonical(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
  }

  /// Checks `output` (as typed, for option `option`) against `inputs`.
  ///
  /// - Throws: `UsageError` when it names an input file; `OutputError` when
  ///   it is a folder or its folder is missing or not writable.
  static func check(_ output: String, option: String, inputs: [String], _ context: CommandContext) throws {
    let resolved = context.resolve(output)
    let target = canonical(resolved)
    if let input = inputs.first(where: { canonical(context.resolve($0)) == target }) {
      throw UsageError("\(option) \(InputError.echo(output)) is the input file \(InputError.echo(input)); refusing to overwrite it")
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue {
      throw OutputError(path: output, reason: "is a folder")
    }
    // The write creates missing folders; the nearest existing one must be a writable folder.
    var folder = (resolved as NSString).deletingLastPathComponent
    while folder.count > 1 && !FileManager.default.fileExists(atPath: folder) {
      folder = (folder as NSString).deletingLastPathComponent
    }
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw OutputError(path: output, reason: "\(folder) is a file, not a folder")
    }
    guard FileManager.default.isWritableFile(atPath: folder) else {
      throw OutputError(path: output, reason: "permission denied (folder \(folder) is not writable)")
    }
  }
}
