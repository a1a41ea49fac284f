//===--- CellsCommand.swift ------------------------------------------------===//
// `tosim cells`: analyses the cell library at switch level and lists each
// cell's ports, transistor count, truth tables and gate loads.
//===----------------------------------------------------------------------===//
import TosimCells
import TosimFormats
import TosimIO
import TosimNetlist

struct CellsCommand: TosimCommand {
  static let name = "cells"
  static let abstract = "Analyse the transistor-level cell library and list every cell."
  static let usage = "cells [--library DIR]... [--only-library] [--json] [--quiet]"
  static let discussion = """
    Each SPICE subcircuit is analysed at switch level: for every input combination every
    node is resolved from conducting paths to VDD, VSS or the inputs. Truth tables are
    written in hexadecimal with bit c the value for the input combination c (input 0 is
    bit 0 of c). Gate loads count the transistor gates a node drives inside the cell.
    Exits 65 when a cell fails analysis.
    """
  static let options = LibraryOptions.specs + [
    .flag("--json", "Write JSON instead of a table."),
    .flag("--quiet", "No per-cell error lines on standard error (the table still marks FAILED cells)."),
  ]

  let library: LibraryOptions
  let json: Bool
  let isQuiet: Bool

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(0...0, "")
    library = try LibraryOptions(arguments)
    json = arguments.flag("--json")
    isQuiet = arguments.flag("--quiet")
  }

  func run(_ context: CommandContext) throws {
    var results: [CellAnalysisResult] = []
    for directory in try library.directories(context) {
      results += try CellLibraryLoader.analyse(directory: directory)
    }
    if json {
      context.print(JSONValue.array(results.map(Self.json)).rendered())
    } else {
      var table = TextTable(header: ["CELL", "INPUTS", "T", "NODES (function, gate load)", "STATUS"])
      for result in results {
        switch result.result {
        case .success(let cell):
          let inputs = zip(cell.inputs, cell.inputGateLoads).map { "\($0):\($1)" }.joined(separator: " ")
          let nodes = cell.nodes.map { node in
            "\(node.name)\(node.isOutput ? "" : "*")=\(node.function) g\(node.gateLoad)\(node.isWeak ? " weak" : "")"
          }.joined(separator: ", ")
          table.rows.append([cell.name, inputs, String(cell.transistorCount), nodes, "ok"])
        case .failure(let error):
          table.rows.append([result.subcircuit.name, "-", String(result.subcircuit.transistors.count), "-", "FAILED"])
          if !isQuiet { context.note("error: \(error)") }
        }
      }
      context.standardOutput(table.rendered)
      let passed = results.filter { if case .success = $0.result { true } else { false } }.count
      context.print("\(results.count) cells, \(passed) passed analysis. Inputs list name:gate load; * marks internal nodes.")
    }
    if let failure = results.first(where: { if case .failure = $0.result { true } else { false } }),
      case .failure(let error) = failure.result
    {
      throw error
    }
  }

  static func json(_ result: CellAnalysisResult) -> JSONValue {
    var pairs: [(String, JSONValue)] = [
      ("name", .string(result.subcircuit.name)),
      ("file", .string(result.subcircuit.file ?? "")),
    ]
    switch result.result {
    case .success(let cell):
      pairs += [
        ("passed", .bool(true)),
        ("inputs", .array(cell.inputs.map(JSONValue.string))),
        ("outputs", .array(cell.outputs.map(JSONValue.string))),
        ("transistors", .int(cell.transistorCount)),
        ("input_gate_loads", .object(zip(cell.inputs, cell.inputGateLoads).map { ($0, JSONValue.int($1)) })),
        ("nodes", .array(cell.nodes.map { node in
          .object([
            ("name", .string(node.name)),
            ("output", .bool(node.isOutput)),
            ("truth_table", .string(node.function.description)),
            ("values", .string((0..<(1 << node.function.inputCount)).map { node.function.value(at: $0) ? "1" : "0" }.joined())),
            ("gate_load", .int(node.gateLoad)),
            ("weak", .bool(node.isWeak)),
          ])
        })),
      ]
    case .failure(let error):
      pairs += [("passed", .bool(false)), ("error", .string(error.description))]
    }
    return .object(pairs)
  }
}
