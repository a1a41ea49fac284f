//===--- main.swift --------------------------------------------------------===//
// The `tosim` executable: runs the command tree with the process's streams.
//===----------------------------------------------------------------------===//
import Foundation
import TosimCommands

let context = CommandContext(
  standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
  standardError: { FileHandle.standardError.write(Data($0.utf8)) },
  readStandardInput: { String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) },
  environment: ProcessInfo.processInfo.environment,
  workingDirectory: FileManager.default.currentDirectoryPath,
  isErrorTerminal: isatty(STDERR_FILENO) != 0)
exit(Tosim.main(Array(CommandLine.arguments.dropFirst()), context: context))
