//===--- AtomicFile.swift --------------------------------------------------===//
// Writes files atomically: the data goes to a temporary file in the target's
// folder, which is then renamed over the target, so an interrupted run leaves
// the old file intact.
//===----------------------------------------------------------------------===//
import Foundation

/// A file that could not be written.
public struct OutputError: Error, CustomStringConvertible, Sendable {
  /// The path.
  public let path: String
  /// What went wrong.
  public let reason: String
  public var description: String { "\(path): cannot write: \(reason)" }
}

/// Atomic file writes.
public enum AtomicFile {
  /// Writes `text` to `path` atomically, creating parent folders.
  public static func write(_ text: String, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
      try Data(text.utf8).write(to: temporary)
      if rename(temporary.path, url.path) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw OutputError(path: path, reason: reason)
      }
    } catch let error as OutputError {
      throw error
    } catch {
      throw OutputError(path: path, reason: error.localizedDescription)
    }
  }
}
