//===--- ErrorMessage.swift ------------------------------------------------===//
// Plain messages and exit statuses for errors that reach the root command
// without being one of tosim's own types, chiefly Foundation's file errors
// ("NSCocoaErrorDomain error 512" becomes "permission denied", exit 73).
// Tosim.main uses it as its last catch.
//===----------------------------------------------------------------------===//
import Foundation

/// A plain message and exit status for an arbitrary error.
struct ErrorMessage {
  /// What the user reads after `error: `.
  let message: String
  /// The exit status (docs/cli.md).
  let status: Int32

  /// Maps `error`: Foundation read errors exit 65, write errors 73, anything
  /// else 1 with its description.
  init(_ error: any Error) {
    let nsError = error as NSError
    let path = (nsError.userInfo[NSFilePathErrorKey] as? String)
      ?? (nsError.userInfo[NSURLErrorKey] as? URL)?.path
    let prefix = path.map { "\($0): " } ?? ""
    let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError
    let posix = underlying.flatMap { $0.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32($0.code))) : nil }
    if nsError.domain == NSCocoaErrorDomain, let posix {
      let isWrite = (512..<1024).contains(nsError.code)
      (message, status) = (prefix + posix.lowercased(), isWrite ? Tosim.ExitStatus.cannotCreate : Tosim.ExitStatus.dataError)
    } else if nsError.domain == NSCocoaErrorDomain {
      let code = CocoaError.Code(rawValue: nsError.code)
      switch code {
      case .fileReadNoSuchFile, .fileNoSuchFile:
        (message, status) = (prefix + "no such file", Tosim.ExitStatus.dataError)
      case .fileReadNoPermission:
        (message, status) = (prefix + "permission denied (cannot read)", Tosim.ExitStatus.dataError)
      case .fileReadCorruptFile, .fileReadUnknown, .fileReadInapplicableStringEncoding, .fileReadTooLarge:
        (message, status) = (prefix + "cannot read (a folder, or not a readable file)", Tosim.ExitStatus.dataError)
      case .fileWriteNoPermission:
        (message, status) = (prefix + "permission denied (cannot write)", Tosim.ExitStatus.cannotCreate)
      case .fileWriteOutOfSpace:
        (message, status) = (prefix + "no space left on the device", Tosim.ExitStatus.cannotCreate)
      case .fileWriteVolumeReadOnly:
        (message, status) = (prefix + "read-only file system", Tosim.ExitStatus.cannotCreate)
      case .fileWriteFileExists:
        (message, status) = (prefix + "a file is in the way", Tosim.ExitStatus.cannotCreate)
      default:
        if (512..<1024).contains(nsError.code) {
          (message, status) = (prefix + "cannot write", Tosim.ExitStatus.cannotCreate)
        } else if (256..<512).contains(nsError.code) {
          (message, status) = (prefix + "cannot read", Tosim.ExitStatus.dataError)
        } else {
          (message, status) = (prefix + nsError.localizedDescription, Tosim.ExitStatus.failure)
        }
      }
    } else if nsError.domain == NSPOSIXErrorDomain, let posix = strerror(Int32(nsError.code)) {
      (message, status) = (prefix + String(cString: posix), Tosim.ExitStatus.failure)
    } else {
      (message, status) = (String(describing: error), Tosim.ExitStatus.failure)
    }
  }

  /// A plain description of a file error, for wrapping into an
  /// `InputError` or `OutputError` that names the file itself.
  static func reason(_ error: any Error) -> String {
    let message = ErrorMessage(error).message
    guard let separator = message.range(of: ": ", options: .backwards) else { return message }
    return String(message[separator.upperBound...])
  }
}
