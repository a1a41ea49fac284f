//===--- InputError.swift --------------------------------------------------===//
// The error every reader and checker throws for bad user data: it names where
// the problem is (file, line, node) and what was expected. The command layer
// maps it to exit status 65 (EX_DATAERR).
//===----------------------------------------------------------------------===//

/// A problem in user-supplied data, located as precisely as the reader can.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file (or stream name) the data came from, when known.
  public var file: String?
  /// The 1-based line number, when the data is line oriented.
  public var line: Int?
  /// What is wrong and what was expected.
  public var message: String

  /// Creates an error with an optional location.
  public init(_ message: String, file: String? = nil, line: Int? = nil) {
    self.message = message
    self.file = file
    self.line = line
  }

  /// The same error with a file name attached, keeping any line number.
  public func located(in file: String) -> InputError {
    var copy = self
    if copy.file == nil { copy.file = file }
    return copy
  }

  /// `file:line: message`, the form compilers use, so editors can jump to it.
  public var description: String {
    switch (file, line) {
    case let (file?, line?): return "\(file):\(line): \(message)"
    case let (file?, nil): return "\(file): \(message)"
    case let (nil, line?): return "line \(line): \(message)"
    case (nil, nil): return message
    }
  }
}
