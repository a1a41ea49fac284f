//===--- CommandRunner.swift -----------------------------------------------===//
// Runs `tosim` in-process with an argument array, standard input text and
// captured output, for the end-to-end command tests of this bundle (the only
// test bundle that depends on TosimCommands).
//===----------------------------------------------------------------------===//
import Foundation
import TosimCommands
import _TosimTestSupport

/// The result of one in-process `tosim` run.
struct CommandResult: Sendable {
  /// The exit status.
  let status: Int32
  /// Everything written to standard output.
  let output: String
  /// Everything written to standard error.
  let error: String
}

extension TestSupport {
  /// Runs `tosim arguments…` in the package root (or `workingDirectory`) with
  /// `input` on standard input and `environment` as the process environment.
  static func runTosim(
    _ arguments: [String], input: String = "", workingDirectory: String? = nil, environment: [String: String] = [:]
  ) -> CommandResult {
    final class Buffer: @unchecked Sendable {
      var text = ""
      let lock = NSLock()
      func append(_ s: String) { lock.lock(); text += s; lock.unlock() }
    }
    let output = Buffer(), error = Buffer()
    let context = CommandContext(
      standardOutput: output.append, standardError: error.append, readStandardInput: { input },
      environment: environment, workingDirectory: workingDirectory ?? packageRoot)
    let status = Tosim.main(arguments, context: context)
    return CommandResult(status: status, output: output.text, error: error.text)
  }
}
