//===--- Tosim.swift -------------------------------------------------------===//
// The root command: lists the subcommands, dispatches to them and maps
// errors to exit statuses, one per condition (docs/cli.md): 64 usage, 65 bad
// input data or a verification mismatch, 73 cannot write, 1 an internal
// failure. Foundation errors are turned into plain messages (ErrorMessage).
//===----------------------------------------------------------------------===//
import Foundation
import TosimCost
import TosimFormats
import TosimIO

/// The `tosim` command tree.
public enum Tosim {
  /// The tool's version, written into every table it derives.
  public static let version = "0.1.0"

  /// The subcommands in the order `tosim help` lists them.
  public static var commands: [any TosimCommand.Type] {
    [
      DeriveCommand.self,
      CountCommand.self,
      EvalCommand.self,
      ExportCommand.self,
      ExploreCommand.self,
      CellsCommand.self,
      FitCommand.self,
      EstimateCommand.self,
    ]
  }

  /// Exit statuses (sysexits.h).
  public enum ExitStatus {
    public static let success: Int32 = 0
    public static let failure: Int32 = 1
    public static let usage: Int32 = 64
    public static let dataError: Int32 = 65
    public static let cannotCreate: Int32 = 73
  }

  /// The root help text.
  public static var helpText: String {
    var lines = [
      "OVERVIEW: tosim — transistor-operation energy modelling for deep learning, from the transistor up.",
      "",
      "USAGE: tosim <subcommand> [options]",
      "",
      "SUBCOMMANDS:",
    ]
    let width = commands.map { $0.name.count }.max() ?? 0
    for command in commands {
      lines.append("  " + command.name + String(repeating: " ", count: width - command.name.count + 2) + command.abstract)
    }
    lines.append("  help" + String(repeating: " ", count: max(2, width - 2)) + "Show help for tosim or a subcommand.")
    lines += [
      "", "OPTIONS:", "  --version   Print the version (\(version)) and exit.", "  -h, --help  Show this help.",
      "", "  See 'tosim help <subcommand>' or 'tosim <subcommand> --help' for details;",
      "  docs/cli.md lists the shared options, environment variables and exit statuses.",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// Runs `tosim` with `arguments` (without the program name).
  ///
  /// - Returns: the exit status.
  public static func main(_ arguments: [String], context: CommandContext) -> Int32 {
    guard let first = arguments.first else {
      context.standardOutput(helpText)
      return ExitStatus.success
    }
    if first == "help" || first == "--help" || first == "-h" {
      if arguments.count > 2 {
        context.standardError("error: unexpected argument '\(InputError.echo(arguments[2]))'\nUsage: tosim help [<subcommand>]\n")
        return ExitStatus.usage
      }
      if arguments.count > 1 {
        if arguments[1] == "help" {
          context.standardOutput("OVERVIEW: Show help for tosim or a subcommand.\n\nUSAGE: tosim help [<subcommand>]\n")
          return ExitStatus.success
        }
        guard let command = commands.first(where: { $0.name == arguments[1] }) else {
          context.standardError("error: unknown subcommand '\(InputError.echo(arguments[1]))'\n\n" + helpText)
          return ExitStatus.usage
        }
        context.standardOutput(command.helpText)
      } else {
        context.standardOutput(helpText)
      }
      return ExitStatus.success
    }
    if first == "--version" {
      context.print(version)
      return ExitStatus.success
    }
    guard let command = commands.first(where: { $0.name == first }) else {
      context.standardError("error: unknown subcommand '\(InputError.echo(first))'\n\n" + helpText)
      return ExitStatus.usage
    }
    let rest = Array(arguments.dropFirst())
    let beforeSeparator = rest.prefix { $0 != "--" }
    if beforeSeparator.contains("--help") || beforeSeparator.contains("-h") {
      context.standardOutput(command.helpText)
      return ExitStatus.success
    }
    do {
      let parsed = try ParsedArguments(rest, specs: command.options)
      try command.init(parsed).run(context)
      return ExitStatus.success
    } catch let error as UsageError {
      context.standardError("error: \(error.message)\nUsage: tosim \(command.usage)\n  See 'tosim \(command.name) --help'.\n")
      return ExitStatus.usage
    } catch let error as InputError {
      context.standardError("error: \(error)\n")
      return ExitStatus.dataError
    } catch let error as VerificationError {
      context.standardError("error: verification failed: \(error)\n")
      return ExitStatus.dataError
    } catch let error as OutputError {
      context.standardError("error: \(error)\n")
      return ExitStatus.cannotCreate
    } catch {
      let plain = ErrorMessage(error)
      context.standardError("error: \(plain.message)\n")
      return plain.status
    }
  }
}
