//===--- BenchmarkOptions.swift (SimulatorBenchmark) -----------------------===//
// The benchmark's command-line options, validated: a positive cell count, a
// positive vector count that is a multiple of the batch (64 × words), known
// modes. Bad options are reported by main.swift with exit status 64.
//===----------------------------------------------------------------------===//

/// One measured simulation mode.
enum BenchmarkMode: String, CaseIterable {
  /// Zero-delay, toggles counted on every node, one core.
  case zero = "zero-delay+toggles"
  /// The same on both cores: two simulators, half the vectors each.
  case zeroTwoCores = "zero-delay+toggles-2core"
  /// Zero-delay with switched gates recorded per vector.
  case perVector = "zero-delay+per-vector"
  /// Unit-delay, every transition counted (glitches included).
  case unitDelay = "unit-delay+glitches"

  /// The short name used with `--modes`.
  var shortName: String {
    switch self {
    case .zero: return "zero"
    case .zeroTwoCores: return "zero2"
    case .perVector: return "pervector"
    case .unitDelay: return "unit"
    }
  }

  /// The fraction of `--vectors` this mode simulates (the slower modes fewer).
  var vectorDivisor: Int {
    switch self {
    case .zero, .zeroTwoCores: return 1
    case .perVector: return 4
    case .unitDelay: return 16
    }
  }
}

/// A command-line error.
struct OptionError: Error, CustomStringConvertible {
  /// What is wrong.
  let description: String
}

/// The parsed and checked options.
struct BenchmarkOptions {
  static let usage = """
    usage: SimulatorBenchmark [--cells N | --unit NAME] [--vectors V] [--words W] [--seed S]
                              [--modes zero,zero2,pervector,unit] [--peak]
                              [--verilog FILE [--bench-vectors V]] [--aiger FILE] [--json FILE]
    """
  var cells = 100_000
  var unit: String?
  var vectors = 1 << 20
  var words = 16
  var seed: UInt64 = 1
  var modes: [BenchmarkMode] = [.zero, .perVector, .unitDelay]
  var measuresPeak = false
  var verilogPath: String?
  var benchVectors = 1000
  var aigerPath: String?
  var jsonPath: String?

  /// Parses `arguments` (without the program name).
  init<S: Collection>(_ arguments: S) throws where S.Element == String {
    var rest = Array(arguments)[...]
    func value(_ name: String) throws -> String {
      guard let next = rest.popFirst() else { throw OptionError(description: "\(name) needs a value") }
      return next
    }
    func count(_ name: String) throws -> Int {
      let text = try value(name)
      guard let number = Int(text) else { throw OptionError(description: "\(name) expects an integer, got '\(text)'") }
      guard number > 0 else { throw OptionError(description: "\(name) must be at least 1, got \(number)") }
      return number
    }
    while let name = rest.popFirst() {
      switch name {
      case "--cells": cells = try count(name)
      case "--unit": unit = try value(name)
      case "--vectors": vectors = try count(name)
      case "--words": words = try count(name)
      case "--seed": seed = UInt64(try count(name))
      case "--bench-vectors": benchVectors = try count(name)
      case "--peak": measuresPeak = true
      case "--verilog": verilogPath = try value(name)
      case "--aiger": aigerPath = try value(name)
      case "--json": jsonPath = try value(name)
      case "--modes":
        let list = try value(name).split(separator: ",").map(String.init)
        modes = try list.map { short in
          guard let mode = BenchmarkMode.allCases.first(where: { $0.shortName == short }) else {
            throw OptionError(description: "unknown mode '\(short)'; known: "
              + BenchmarkMode.allCases.map(\.shortName).joined(separator: ", "))
          }
          return mode
        }
      default: throw OptionError(description: "unknown option '\(name)'")
      }
    }
    if unit == nil && cells < 64 {
      throw OptionError(description: "--cells must be at least 64 (one block of the random netlist), got \(cells)")
    }
    let batch = 64 * words
    // Every mode runs whole batches, two per core-pair for zero2.
    let granule = batch * 2 * (modes.map(\.vectorDivisor).max() ?? 1)
    guard vectors % granule == 0 else {
      throw OptionError(description: "--vectors must be a multiple of \(granule) (the batch of \(batch) vectors × 2 "
        + "for two cores × the largest mode divisor), got \(vectors)")
    }
  }
}
