//===--- Arguments.swift ---------------------------------------------------===//
// A small argument parser in the shape of swift-argument-parser: each command
// declares its options once (name, value name, help); the same table drives
// parsing, validation of unknown options, and the help text.
// Every whole-number option reads the same syntax (NumberSyntax): decimal
// with optional `_` separators, or hexadecimal after `0x`. A single-dash
// argument (`-l`) is an unknown option, never a positional.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

/// A command-line mistake: printed with the command's usage, exit status 64.
public struct UsageError: Error, CustomStringConvertible, Sendable {
  /// What is wrong.
  public let message: String
  /// Creates a usage error.
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

/// One option a command accepts.
public struct OptionSpec: Sendable {
  /// The long name with dashes (`--width`).
  public let name: String
  /// The value's placeholder (`N`), or `nil` for a flag.
  public let valueName: String?
  /// One line of help.
  public let help: String
  /// Whether the option may be given several times.
  public let isRepeatable: Bool

  /// A flag such as `--json`.
  public static func flag(_ name: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, valueName: nil, help: help, isRepeatable: false)
  }
  /// An option with a value such as `--width N`.
  public static func option(_ name: String, _ valueName: String, _ help: String, repeatable: Bool = false)
    -> OptionSpec
  {
    OptionSpec(name: name, valueName: valueName, help: help, isRepeatable: repeatable)
  }
}

/// Parsed command-line arguments of one command.
public struct ParsedArguments: Sendable {
  /// Values of each option given, in order (flags map to empty strings).
  public private(set) var values: [String: [String]] = [:]
  /// Arguments that are not options, in order.
  public private(set) var positionals: [String] = []

  /// Parses `arguments` against `specs`.
  ///
  /// - Throws: `UsageError` for an unknown option, a missing value, or a
  ///   repeated option that may appear once.
  public init(_ arguments: [String], specs: [OptionSpec]) throws {
    var index = 0
    var onlyPositionals = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if !onlyPositionals && argument.count >= 2 && argument.hasPrefix("-") && !argument.hasPrefix("--")
        && !(argument.dropFirst().first?.isNumber ?? false)
      {
        throw UsageError("unknown option '\(InputError.echo(argument))'; options are spelled with two dashes (--list)")
      }
      if onlyPositionals || !argument.hasPrefix("--") || argument == "-" {
        if argument == "--" && !onlyPositionals {
          onlyPositionals = true
          continue
        }
        positionals.append(argument)
        continue
      }
      var name = argument
      var inlineValue: String?
      if let equals = argument.firstIndex(of: "=") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      guard let spec = specs.first(where: { $0.name == name }) else {
        throw UsageError("unknown option '\(InputError.echo(name))'")
      }
      var value = ""
      if spec.valueName != nil {
        if let inlineValue {
          value = inlineValue
        } else {
          guard index < arguments.count else { throw UsageError("option '\(name)' needs a value \(spec.valueName!)") }
          value = arguments[index]
          index += 1
        }
      } else if inlineValue != nil {
        throw UsageError("flag '\(name)' takes no value")
      }
      if values[name] != nil && !spec.isRepeatable { throw UsageError("option '\(name)' given more than once") }
      values[name, default: []].append(value)
    }
  }

  /// Whether flag `name` was given.
  public func flag(_ name: String) -> Bool { values[name] != nil }

  /// The value of option `name`, if given.
  public func string(_ name: String) -> String? { values[name]?.last }

  /// Every value of a repeatable option.
  public func strings(_ name: String) -> [String] { values[name] ?? [] }

  /// The value of option `name` as an integer in `range`, in the number
  /// syntax every option shares (`NumberSyntax`).
  public func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
    guard let text = string(name) else { return defaultValue }
    guard let parsed = NumberSyntax.parse(text), parsed <= UInt64(Int.max), range.contains(Int(parsed)) else {
      throw UsageError("option '\(name)' expects a whole number from \(range.lowerBound) to \(range.upperBound), got '\(InputError.echo(text))'")
    }
    return Int(parsed)
  }

  /// The value of option `name` as a 64-bit seed, in the shared number syntax.
  public func seed(_ name: String, default defaultValue: UInt64) throws -> UInt64 {
    guard let text = string(name) else { return defaultValue }
    guard let value = NumberSyntax.parse(text) else {
      throw UsageError("option '\(name)' expects a whole number from 0 to \(UInt64.max), got '\(InputError.echo(text))'")
    }
    return value
  }

  /// Throws unless there are at most `maximum` positionals.
  public func expectPositionals(_ range: ClosedRange<Int>, _ what: String) throws {
    if positionals.count < range.lowerBound { throw UsageError("missing \(what)") }
    if positionals.count > range.upperBound {
      throw UsageError("unexpected argument '\(positionals[range.upperBound])'")
    }
  }
}

/// The one syntax of whole-number option values: decimal digits with optional
/// `_` separators (`65_536`), or hexadecimal after `0x` (`0xFFFF`).
enum NumberSyntax {
  /// The value of `text`, or `nil` when it is not a whole number that fits in 64 bits.
  static func parse(_ text: String) -> UInt64? {
    let digits = text.replacingOccurrences(of: "_", with: "")
    let lowered = digits.lowercased()
    if lowered.hasPrefix("0x") {
      let hex = lowered.dropFirst(2)
      return hex.isEmpty ? nil : UInt64(hex, radix: 16)
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return UInt64(digits)
  }
}
