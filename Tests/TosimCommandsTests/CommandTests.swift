//===--- CommandTests.swift ------------------------------------------------===//
// End-to-end runs of the CLI in-process: help text, exit statuses for usage
// and data errors, `cells`, `eval` and `export` on real and broken inputs.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCommands
import _TosimTestSupport

@Suite("Commands")
struct CommandTests {
  @Test("root help lists every subcommand")
  func rootHelp() {
    let result = TestSupport.runTosim([])
    #expect(result.status == 0)
    for command in Tosim.commands { #expect(result.output.contains("  \(command.name) ")) }
    #expect(TestSupport.runTosim(["help"]).output == result.output)
  }

  @Test("golden help of cells")
  func cellsHelp() {
    let result = TestSupport.runTosim(["cells", "--help"])
    #expect(result.status == 0)
    #expect(result.output == """
      OVERVIEW: Analyse the transistor-level cell library and list every cell.

      USAGE: tosim cells [--library DIR]... [--only-library] [--json] [--quiet]

      Each SPICE subcircuit is analysed at switch level: for every input combination every
      node is resolved from conducting paths to VDD, VSS or the inputs. Truth tables are
      written in hexadecimal with bit c the value for the input combination c (input 0 is
      bit 0 of c). Gate loads count the transistor gates a node drives inside the cell.
      Exits 65 when a cell fails analysis.

      OPTIONS:
        --library DIR   Add the SPICE cells in DIR on top of the shipped library (repeatable).
        --only-library  Use only the --library cells, not the shipped ones.
        --json          Write JSON instead of a table.
        --quiet         No per-cell error lines on standard error (the table still marks FAILED cells).
        -h, --help      Show help information.

      """)
    #expect(TestSupport.runTosim(["help", "cells"]).output == result.output)
  }

  @Test("every subcommand has help", arguments: Tosim.commands.map { $0.name })
  func help(name: String) {
    let result = TestSupport.runTosim([name, "--help"])
    #expect(result.status == 0)
    #expect(result.output.hasPrefix("OVERVIEW: "))
    #expect(result.output.contains("USAGE: tosim \(name)"))
  }

  @Test("usage errors exit 64")
  func usageErrors() {
    #expect(TestSupport.runTosim(["nonsense"]).status == 64)
    #expect(TestSupport.runTosim(["cells", "--bogus"]).status == 64)
    #expect(TestSupport.runTosim(["eval"]).status == 64)
    #expect(TestSupport.runTosim(["eval", "int8-add"]).status == 64)
    #expect(TestSupport.runTosim(["export", "vhdl", "int8.add"]).status == 64)
    let result = TestSupport.runTosim(["cells", "--library"])
    #expect(result.status == 64)
    #expect(result.error.contains("option '--library' needs a value DIR"))
  }

  @Test("cells lists the shipped library; --json is parseable")
  func cells() throws {
    let text = TestSupport.runTosim(["cells"])
    #expect(text.status == 0)
    #expect(text.output.contains("17 cells, 17 passed analysis"))
    let json = TestSupport.runTosim(["cells", "--json"])
    #expect(json.status == 0)
    let decoded = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
    let fa = try #require(decoded?.first { $0["name"] as? String == "FA" })
    #expect(fa["transistors"] as? Int == 28)
    #expect(fa["passed"] as? Bool == true)
  }

  @Test("a broken user cell exits 65 naming the cell, node and inputs")
  func brokenLibrary() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-cells-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try "*.PININFO A:I Y:O\n.SUBCKT PULLUP A Y VDD VSS\nMP1 Y A VDD VDD pmos\n.ENDS\n"
      .write(to: folder.appendingPathComponent("pullup.sp"), atomically: true, encoding: .utf8)
    let result = TestSupport.runTosim(["cells", "--library", folder.path, "--only-library"])
    #expect(result.status == 65)
    #expect(result.error.contains("pullup.sp:2: cell PULLUP: output Y floats for inputs A=1"))
  }

  @Test("eval runs the gate-level adder")
  func eval() {
    let result = TestSupport.runTosim(["eval", "int8.add:ripple-carry"], input: "ff 01\n0x7f 0x01 1\n\n# comment\n12 34\n")
    #expect(result.status == 0)
    #expect(result.output == "00 1\n81 0\n46 0\n")
    let wide = TestSupport.runTosim(["eval", "int128.add"], input: "ffffffffffffffffffffffffffffffff 1\n")
    #expect(wide.output == "00000000000000000000000000000000 1\n")
  }

  @Test("a bad eval line exits 65 with its line number, after the good lines")
  func evalBadLine() {
    let result = TestSupport.runTosim(["eval", "int8.add"], input: "1 2\n100 1\n")
    #expect(result.status == 65)
    #expect(result.output == "03 0\n")
    #expect(result.error.contains("<stdin>:2: operand a = '100' is not a hexadecimal number of at most 8 bits"))
    #expect(TestSupport.runTosim(["eval", "int8.add"], input: "1\n").status == 65)
    #expect(TestSupport.runTosim(["eval", "int8.frobnicate"], input: "").status == 64)  // a misspelt unit is a usage error
  }

  @Test("export writes Verilog to a file atomically")
  func export() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-export-\(getpid()).v").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = TestSupport.runTosim(["export", "verilog", "int16.add:ripple-carry", "--output", path])
    #expect(result.status == 0)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("module int16_add_ripple_carry(a, b, cin, y, cout);"))
  }
}

@Suite("Commands on BLIF designs")
struct DesignCommandTests {
  @Test("eval runs an imported Yosys design")
  func evalDesign() {
    let result = TestSupport.runTosim(["eval", "--design", "circuits/designs/adder8_cmos.blif"], input: "ff 01\n80 7f 1\n")
    #expect(result.status == 0)
    #expect(result.output == "00 1\n00 1\n")
  }

  @Test("export writes an imported design as Verilog")
  func exportDesign() {
    let result = TestSupport.runTosim(["export", "verilog", "--design", "circuits/designs/adder8_lut4.blif"])
    #expect(result.status == 0)
    #expect(result.output.contains("module adder8_lut4(a, b, cin, y, cout);"))
  }

  @Test("a malformed design exits 65 naming file and line; a missing one too")
  func badDesign() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-bad-\(getpid()).blif").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try ".model m\n.inputs a\n.outputs y\n.names a y\n1x 1\n.end\n".write(toFile: path, atomically: true, encoding: .utf8)
    let result = TestSupport.runTosim(["eval", "--design", path], input: "1\n")
    #expect(result.status == 65)
    #expect(result.error.contains("\(path):5: malformed cover row"))
    #expect(TestSupport.runTosim(["eval", "--design", "/nonexistent.blif"]).status == 65)
    #expect(TestSupport.runTosim(["eval", "int8.add", "--design", path]).status == 64)
  }
}

@Suite("Bad input through the CLI")
struct BadInputCommandTests {
  /// Writes `text` to a fresh temporary folder as `name` and returns the folder.
  func folder(with name: String, _ text: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-bad-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    return folder
  }

  @Test("malformed and failing cells exit 65 naming file, line and what is wrong", arguments: [
    (".SUBCKT R A Y VDD VSS\nR1 A Y 1k\n.ENDS\n", "bad.sp:2: unknown device 'R1'"),
    ("* no end\n.SUBCKT INV A Y VDD VSS\nMP1 Y A VDD VDD pmos\n", "bad.sp:2: subcircuit INV has no .ENDS"),
    (".SUBCKT INV A Y VDD VSS\nMP1 Y A VDD pmos\n.ENDS\n", "bad.sp:2: MOSFET MP1 has 4 nodes"),
    ("*.PININFO A:I Y:O\n.SUBCKT FIGHT A Y VDD VSS\nMP1 Y A VDD VDD pmos\nMN1 Y A VSS VSS nmos\nMN2 Y A VDD VSS nmos\n.ENDS\n",
     "bad.sp:2: cell FIGHT: node Y is driven to both 0 and 1 for inputs A=1"),
  ])
  func badCells(text: String, expected: String) throws {
    let dir = try folder(with: "bad.sp", text)
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = TestSupport.runTosim(["cells", "--library", dir.path, "--only-library"])
    #expect(result.status == 65)
    #expect(result.error.contains(expected), "\(result.error)")
  }

  @Test("a BLIF loop and a doubly driven signal exit 65 naming the signals", arguments: [
    (".model m\n.inputs a\n.outputs y\n.names a q p\n11 1\n.names p q\n1 1\n.names p y\n1 1\n.end\n", "combinational loop through signal(s) p, q"),
    (".model m\n.inputs a\n.outputs y\n.names a y\n1 1\n.names a y\n0 1\n.end\n", "bad.blif:6: signal y has several drivers (also line 4)"),
  ])
  func badDesigns(text: String, expected: String) throws {
    let dir = try folder(with: "bad.blif", text)
    defer { try? FileManager.default.removeItem(at: dir) }
    let result = TestSupport.runTosim(["export", "verilog", "--design", dir.appendingPathComponent("bad.blif").path])
    #expect(result.status == 65)
    #expect(result.error.contains(expected), "\(result.error)")
  }
}

@Suite("Exploring user designs")
struct ExploreDesignTests {
  @Test("a Yosys adder joins the adder comparison and is verified")
  func yosysAdderJoins() {
    let result = TestSupport.runTosim([
      "explore", "adders", "--width", "8", "--vectors", "4096",
      "--design", "circuits/designs/adder8_cmos.blif", "--design", "circuits/designs/adder8_lut4.blif",
    ])
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output.contains("\nadder8_cmos "))
    #expect(result.output.contains("\nadder8_lut4 "))
    #expect(result.output.contains("\nripple-carry "))
  }

  @Test("a design with the wrong ports exits 65 naming the file")
  func wrongPorts() {
    let result = TestSupport.runTosim(["explore", "adders", "--width", "16", "--design", "circuits/designs/adder8_cmos.blif"])
    #expect(result.status == 65)
    #expect(result.error.contains("circuits/designs/adder8_cmos.blif: design adder8_cmos has ports"))
  }
}
