//===--- AtomicFile.swift --------------------------------------------------===//
// Writes files atomically: the data goes to a temporary file
// `.NAME.tmp-PID` in the target's folder, which is then renamed over the
// target, so an interrupted run leaves the old file intact. Pairs of files
// (a cost table's JSON and CSV) are written both-or-neither through a
// journal (AtomicFile+Pair.swift). Used by `tosim derive`, `export --out`
// and `explore --svg`.
//===----------------------------------------------------------------------===//
import Foundation

/// A file that could not be written.
public struct OutputError: Error, CustomStringConvertible, Sendable {
  /// The path.
  public let path: String
  /// What went wrong.
  public let reason: String
  /// Creates an error for `path`.
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
  public var description: String { "\(path): cannot write: \(reason)" }
}

/// Atomic file writes.
public enum AtomicFile {
  /// Writes `text` to `path` atomically, creating parent folders.
  public static func write(_ text: String, to path: String) throws {
    let temporary = try writeTemporary(text, for: path)
    try commit(temporary, to: path)
  }

  /// The temporary file this process writes for `path`: `.NAME.tmp-PID`
  /// beside it.
  public static func temporaryPath(for path: String) -> String {
    let url = URL(fileURLWithPath: path)
    return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
  }

  /// Writes `text` to the temporary file for `path` and flushes it to disk.
  ///
  /// - Returns: the temporary file's path.
  static func writeTemporary(_ text: String, for path: String) throws -> String {
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
    let temporary = temporaryPath(for: path)
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw OutputError(path: path, reason: "cannot create folder \(folder.path): \(plainReason(error))")
    }
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
      if written < 0 {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw OutputError(path: path, reason: reason)
      }
      bytes = bytes.dropFirst(written)
    }
    guard fsync(descriptor) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw OutputError(path: path, reason: reason)
    }
    return temporary
  }

  /// Renames `temporary` over `path`.
  static func commit(_ temporary: String, to path: String) throws {
    if rename(temporary, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw OutputError(path: path, reason: reason)
    }
  }

  /// A plain reason for a Foundation error: the POSIX message underneath
  /// when there is one, never "NSCocoaErrorDomain error 512".
  static func plainReason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
    switch CocoaError.Code(rawValue: nsError.code) {
    case .fileWriteNoPermission: return "permission denied"
    case .fileWriteOutOfSpace: return "no space left on the device"
    case .fileWriteVolumeReadOnly: return "read-only file system"
    case .fileWriteFileExists: return "a file is in the way"
    default: return "error \(nsError.code)"
    }
  }
}
