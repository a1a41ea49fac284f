//===--- ExportCommand.swift -----------------------------------------------===//
// `tosim export verilog UNIT`: writes a unit as self-contained structural
// Verilog (cell modules included) for Yosys, Icarus or Verilator.
// `tosim export spice UNIT [--testbench …]`: writes it as a flat SPICE
// subcircuit with the library's cells copied in, or as a complete ngspice
// deck (ExportCommand+Spice.swift). Output goes to standard output or
// `--out FILE` (`--output` is the old spelling), which is checked before the
// unit is built and never overwrites the input design.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimIO
import TosimNetlist

struct ExportCommand: TosimCommand {
  static let name = "export"
  static let abstract = "Export a unit as structural Verilog or as a SPICE netlist or testbench."
  static let usage =
    "export verilog|spice UNIT | --design FILE.blif [--out FILE] [--library DIR]... [--quiet] [--json] [spice options]"
  static let discussion = """
    verilog: the top module is named after the unit (int16.add:ripple-carry -> int16_add_ripple_carry)
    with inputs a, b (and cin) and outputs y (and cout). Every library cell used is written
    as a module of continuous assignments from its switch-level truth tables. With --design,
    a BLIF design is mapped onto the cell library and exported the same way.
    spice: the unit as one .SUBCKT with the same port names, bus bits as a_0, a_1, …, then VDD and
    VSS, instantiating the library's subcircuits of the cells used (copied into the file, with
    estimated drain/source areas). --testbench writes a complete ngspice deck: the operand
    stream (--vectors, --seed, --operands), drivers, loads, .meas of the supply energy and of every
    output bit per period, and the expected outputs. --models FILE --nmos NAME --pmos NAME map the
    cells' generic devices onto a PDK's (docs/spice.md).
    """
  static let options = LibraryOptions.specs + [
    CircuitSource.designSpec,
    .option("--out", "FILE", "Write to FILE (atomically) instead of standard output; never the input design."),
    .option("--output", "FILE", "Old spelling of --out."),
    .flag("--quiet", "No note on standard error after writing --out."),
    .flag("--json", "With --out, print what was written (file, module, cells, transistors) as JSON."),
  ] + SpiceExportOptions.specs

  let format: String
  let source: CircuitSource
  let output: String?
  let library: LibraryOptions
  let isQuiet: Bool
  let json: Bool
  let spice: SpiceExportOptions

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(1...2, "format: export verilog|spice UNIT")
    format = arguments.positionals[0]
    guard format == "verilog" || format == "spice" else {
      throw UsageError("unknown export format '\(format)'; supported: verilog, spice")
    }
    source = try CircuitSource(arguments, unitPosition: 1)
    if arguments.string("--out") != nil && arguments.string("--output") != nil {
      throw UsageError("give --out FILE once (--output is its old spelling)")
    }
    output = arguments.string("--out") ?? arguments.string("--output")
    library = try LibraryOptions(arguments)
    isQuiet = arguments.flag("--quiet")
    json = arguments.flag("--json")
    if json && output == nil { throw UsageError("--json needs --out FILE (the export goes to standard output otherwise)") }
    spice = try SpiceExportOptions(arguments)
    if format == "verilog", let option = spice.givenOption {
      throw UsageError("option '\(option)' applies to export spice only")
    }
  }

  func run(_ context: CommandContext) throws {
    if let output {
      var inputs: [String] = []
      if case .design(let path) = source { inputs.append(path) }
      try OutputPath.check(output, option: "--out", inputs: inputs, context)
    }
    let cells = try library.load(context)
    let netlist = try source.netlist(library: cells, context: context)
    _ = try netlist.validate()
    let text: String
    if format == "spice" {
      text = try spice.export(netlist, source: source, directories: library.directories(context), context: context)
    } else {
      text = VerilogWriter.write(netlist, moduleName: source.identifier)
    }
    if let output {
      try AtomicFile.write(text, to: context.resolve(output))
      if json {
        context.print(JSONValue.object([
          ("file", .string(output)), ("format", .string(format)), ("module", .string(source.identifier)),
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
