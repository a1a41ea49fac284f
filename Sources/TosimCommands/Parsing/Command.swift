//===--- Command.swift -----------------------------------------------------===//
// The command protocol and the context a command runs in: its standard
// streams, environment and working directory, so that tests can run commands
// in-process and capture their output.
//===----------------------------------------------------------------------===//
import Foundation

/// Where a command reads input and writes output.
public final class CommandContext: @unchecked Sendable {
  /// Text written to standard output.
  public let standardOutput: (String) -> Void
  /// Text written to standard error (progress, warnings).
  public let standardError: (String) -> Void
  /// Reads all of standard input.
  public let readStandardInput: () -> String
  /// The process environment.
  public let environment: [String: String]
  /// The working directory that relative paths resolve against.
  public let workingDirectory: String
  /// Whether standard error is a terminal: progress lines are written only then.
  public let isErrorTerminal: Bool

  /// Creates a context.
  public init(
    standardOutput: @escaping (String) -> Void, standardError: @escaping (String) -> Void,
    readStandardInput: @escaping () -> String, environment: [String: String], workingDirectory: String,
    isErrorTerminal: Bool = false
  ) {
    self.standardOutput = standardOutput
    self.standardError = standardError
    self.readStandardInput = readStandardInput
    self.environment = environment
    self.workingDirectory = workingDirectory
    self.isErrorTerminal = isErrorTerminal
  }

  /// Writes a line to standard output.
  public func print(_ line: String = "") { standardOutput(line + "\n") }
  /// Writes a line to standard error.
  public func note(_ line: String) { standardError(line + "\n") }

  /// `path` resolved against the working directory.
  public func resolve(_ path: String) -> String {
    path.hasPrefix("/") ? path : (workingDirectory as NSString).appendingPathComponent(path)
  }
}

/// A `tosim` subcommand.
public protocol TosimCommand {
  /// The subcommand's name (`cells`).
  static var name: String { get }
  /// One line saying what it does.
  static var abstract: String { get }
  /// The usage line after `tosim `.
  static var usage: String { get }
  /// Longer help shown after the usage line, or empty.
  static var discussion: String { get }
  /// The options it accepts (`--help` is added by the parser).
  static var options: [OptionSpec] { get }
  /// Reads and checks the parsed arguments.
  init(_ arguments: ParsedArguments) throws
  /// Does the work.
  func run(_ context: CommandContext) throws
}

extension TosimCommand {
  public static var discussion: String { "" }

  /// The full help text.
  public static var helpText: String {
    var lines = ["OVERVIEW: \(abstract)", "", "USAGE: tosim \(usage)"]
    if !discussion.isEmpty { lines += ["", discussion] }
    let rows = options.map { spec in
      (spec.valueName.map { "\(spec.name) \($0)" } ?? spec.name, spec.help)
    } + [("-h, --help", "Show help information.")]
    let width = rows.map(\.0.count).max() ?? 0
    lines += ["", "OPTIONS:"]
    for (left, help) in rows {
      lines.append("  " + left + String(repeating: " ", count: width - left.count + 2) + help)
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
