//===--- ExportCommand.swift -----------------------------------------------===//
// `tosim export verilog UNIT`: writes a unit as self-contained structural
// Verilog (cell modules included) for Yosys, Icarus or Verilator, to
// standard output or `--out FILE` (`--output` is the old spelling), which is
// checked before the unit is built and never overwrites the input design.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimIO
import TosimNetlist

struct ExportCommand: TosimCommand {
  static let name = "export"
  static let abstract = "Export a unit as structural Verilog."
  static let usage = "export verilog UNIT | --design FILE.blif [--out FILE] [--library DIR]... [--quiet] [--json]"
  static let discussion = """
    The top module is named after the unit (int16.add:ripple-carry -> int16_add_ripple_carry)
    with inputs a, b (and cin) and outputs y (and cout). Every library cell used is written
    as a module of continuous assignments from its switch-level truth tables. With --design,
    a BLIF design is mapped onto the cell library and exported the same way.
    """
  static let options = LibraryOptions.specs + [
    CircuitSource.designSpec,
    .option("--out", "FILE", "Write to FILE (atomically) instead of standard output; never the input design."),
    .option("--output", "FILE", "Old spelling of --out."),
    .flag("--quiet", "No note on standard error after writing --out."),
    .flag("--json", "With --out, print what was written (file, module, cells, transistors) as JSON."),
  ]

  let source: CircuitSource
  let output: String?
  let library: LibraryOptions
  let isQuiet: Bool
  let json: Bool

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(1...2, "format: export verilog UNIT")
    guard arguments.positionals[0] == "verilog" else {
      throw UsageError("unknown export format '\(arguments.positionals[0])'; supported: verilog")
    }
    source = try CircuitSource(arguments, unitPosition: 1)
    if arguments.string("--out") != nil && arguments.string("--output") != nil {
      throw UsageError("give --out FILE once (--output is its old spelling)")
    }
    output = arguments.string("--out") ?? arguments.string("--output")
    library = try LibraryOptions(arguments)
    isQuiet = arguments.flag("--quiet")
    json = arguments.flag("--json")
    if json && output == nil { throw UsageError("--json needs --out FILE (the Verilog goes to standard output otherwise)") }
  }

  func run(_ context: CommandContext) throws {
    if let output {
      var inputs: [String] = []
      if case .design(let path) = source { inputs.append(path) }
      try OutputPath.check(output, option: "--out", inputs: inputs, context)
    }
    let netlist = try source.netlist(library: try library.load(context), context: context)
    _ = try netlist.validate()
    let text = VerilogWriter.write(netlist, moduleName: source.identifier)
    if let output {
      try AtomicFile.write(text, to: context.resolve(output))
      if json {
        context.print(JSONValue.object([
          ("file", .string(output)), ("module", .string(source.identifier)),
          ("cells", .int(netlist.instances.count)), ("transistors", .int(netlist.transistorCount)),
        ]).rendered())
      } else if !isQuiet {
        context.note("wrote \(output): \(netlist.instances.count) cells, \(netlist.transistorCount) transistors")
      }
    } else {
      context.standardOutput(text)
    }
  }
}
