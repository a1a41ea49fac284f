//===--- Progress.swift ----------------------------------------------------===//
// Progress lines of long work (derive, explore): units done / total and the
// elapsed time, on standard error, only when it is a terminal and --quiet
// is not given. Shared by DeriveCommand and ExploreCommand.
//===----------------------------------------------------------------------===//
import Foundation

/// Writes `command: [done/total, elapsed] message` lines to standard error.
final class Progress: @unchecked Sendable {
  private let context: CommandContext
  private let command: String
  private let isShown: Bool
  private let started = Date()
  private let lock = NSLock()

  /// A progress writer for `command`; silent when `quiet` or when standard
  /// error is not a terminal.
  init(_ command: String, context: CommandContext, quiet: Bool) {
    self.context = context
    self.command = command
    isShown = !quiet && context.isErrorTerminal
  }

  /// Seconds since the writer was created, one decimal.
  var elapsed: String { String(format: "%.1f s", Date().timeIntervalSince(started)) }

  /// Writes one progress line (safe from any thread).
  func report(done: Int, total: Int, _ message: String) {
    guard isShown else { return }
    lock.lock()
    context.note("\(command): [\(done)/\(total), \(elapsed)] \(message)")
    lock.unlock()
  }
}
