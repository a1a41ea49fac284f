//===--- ExportCommand.swift -----------------------------------------------===//
// `tosim export verilog UNIT`: writes a unit as self-contained structural
// Verilog (cell modules included) for Yosys, Icarus or Verilator.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimIO
import TosimNetlist

struct ExportCommand: TosimCommand {
  static let name = "export"
  static let abstract = "Export a unit as structural Verilog."
  static let usage = "export verilog UNIT | --design FILE.blif [--output FILE] [--library DIR]..."
  static let discussion = """
    The top module is named after the unit (int16.add:ripple-carry -> int16_add_ripple_carry)
    with inputs a, b (and cin) and outputs y (and cout). Every library cell used is written
    as a module of continuous assignments from its switch-level truth tables. With --design,
    a BLIF design is mapped onto the cell library and exported the same way.
    """
  static let options = LibraryOptions.specs + [
    CircuitSource.designSpec,
    .option("--output", "FILE", "Write to FILE (atomically) instead of standard output.")
  ]

  let source: CircuitSource
  let output: String?
  let library: LibraryOptions

  init(_ arguments: ParsedArguments) throws {
    try arguments.expectPositionals(1...2, "format: export verilog UNIT")
    guard arguments.positionals[0] == "verilog" else {
      throw UsageError("unknown export format '\(arguments.positionals[0])'; supported: verilog")
    }
    source = try CircuitSource(arguments, unitPosition: 1)
    output = arguments.string("--output")
    library = try LibraryOptions(arguments)
  }

  func run(_ context: CommandContext) throws {
    let netlist = try source.netlist(library: try library.load(context), context: context)
    _ = try netlist.validate()
    let text = VerilogWriter.write(netlist, moduleName: source.identifier)
    if let output {
      try AtomicFile.write(text, to: context.resolve(output))
      context.note("wrote \(output): \(netlist.instances.count) cells, \(netlist.transistorCount) transistors")
    } else {
      context.standardOutput(text)
    }
  }
}
