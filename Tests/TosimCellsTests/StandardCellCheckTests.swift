//===--- StandardCellCheckTests.swift --------------------------------------===//
// A user cell named like a standard cell (INV, FA, MUX2, …) must have the
// pins and function the generators place it with: the expected functions
// match hand-written truth tables, the shipped cells pass, and cells with the
// wrong pins, outputs or port order are InputErrors naming the cell when a
// folder loads. Duplicate subcircuits and ports are errors; CellMapper no
// longer indexes out of range on a MUX2 with unexpected ports.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCells
import TosimFormats
import TosimIO
import TosimNetlist
import _TosimTestSupport

@Suite("Standard cell checks")
struct StandardCellCheckTests {
  /// Truth tables written out by hand (bit c is the value for inputs c, input 0 in bit 0).
  static let pinned: [String: [UInt64]] = [
    "INV": [0x1], "NAND2": [0x7], "NOR2": [0x1], "AND2": [0x8], "OR2": [0xE], "XOR2": [0x6], "XNOR2": [0x9],
    "AOI21": [0x07], "OAI21": [0x1F], "AOI22": [0x0777], "MUX2": [0xCA], "HA": [0x6, 0x8], "FA": [0x96, 0xE8],
  ]

  /// Writes `files` into a fresh temporary folder.
  func folder(_ files: [String: String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-std-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in files {
      try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return folder.path
  }

  /// The InputError text of loading the shipped cells with `files` on top, or "" when it loads.
  func loadError(_ files: [String: String]) throws -> String {
    let user = try folder(files)
    defer { try? FileManager.default.removeItem(atPath: user) }
    do {
      _ = try CellLibraryLoader.load(directories: [TestSupport.path("circuits/cells"), user])
      return ""
    } catch let error as InputError {
      return error.description
    }
  }

  @Test("the expected functions are the hand-written truth tables")
  func expectedFunctions() {
    #expect(Set(StandardCellFunction.all.keys) == Set(Self.pinned.keys))
    for (name, tables) in Self.pinned {
      #expect(StandardCellFunction.all[name]?.functions.map(\.bits) == tables, "\(name)")
    }
  }

  @Test("every shipped standard cell passes the check")
  func shippedCellsPass() throws {
    let library = TestSupport.shippedLibrary
    for name in Self.pinned.keys {
      let cell = library[try #require(library.id(named: name))]
      #expect(CellLibrary.standardCellProblem(cell) == nil, "\(name)")
      #expect(cell.nodes.prefix(cell.outputCount).map(\.function.bits) == Self.pinned[name], "\(name)")
    }
    try library.require(Array(Self.pinned.keys), for: "test")
  }

  /// The shipped MUX2 with its ports declared in the order S A B.
  static func reorderedMUX2() throws -> String {
    let text = try String(contentsOfFile: TestSupport.path("circuits/cells/MUX2.sp"), encoding: .utf8)
    return text.replacingOccurrences(of: ".SUBCKT MUX2 A B S Y", with: ".SUBCKT MUX2 S A B Y")
      .replacingOccurrences(of: "*.PININFO A:I B:I S:I", with: "*.PININFO S:I A:I B:I")
  }

  @Test("an INV with two inputs is rejected at load, naming the file, line and cell")
  func twoInputInverter() throws {
    let message = try loadError(["INV.sp": TestSupport.twoInputINV])
    #expect(message.contains("INV.sp:2: cell INV has 2 inputs (A, B) and 1 output (Y)"), "\(message)")
    #expect(message.contains("with 1 input (A) and 1 output (Y) in port order, Y = !A"), "\(message)")
  }

  @Test("an FA with one output is rejected at load")
  func oneOutputFullAdder() throws {
    let message = try loadError(["FA.sp": TestSupport.oneOutputFA])
    #expect(message.contains("FA.sp:2: cell FA has 3 inputs (A, B, CI) and 1 output (CO)"), "\(message)")
    #expect(message.contains("S = A ^ B ^ CI, CO = majority(A, B, CI)"), "\(message)")
  }

  @Test("a MUX2 whose ports are in another order computes the wrong function for positional binding")
  func reorderedMultiplexer() throws {
    let message = try loadError(["MUX2.sp": try Self.reorderedMUX2()])
    // Ports S A B: S=1 A=0 B=0 (combination 1) gives A = 0; a positional Y = S ? B : A would be 1.
    #expect(message.contains("cell MUX2 computes the wrong function: output Y is 0 for S=1 A=0 B=0, expected 1"),
      "\(message)")
  }

  @Test("an FA with sum and carry swapped is rejected; a NAND2 with its inputs swapped is accepted")
  func outputOrderAndSymmetricInputs() throws {
    let fa = try String(contentsOfFile: TestSupport.path("circuits/cells/FA.sp"), encoding: .utf8)
      .replacingOccurrences(of: ".SUBCKT FA A B CI S CO", with: ".SUBCKT FA A B CI CO S")
    #expect(try loadError(["FA.sp": fa]).contains("cell FA computes the wrong function: output CO is"))
    let nand = try String(contentsOfFile: TestSupport.path("circuits/cells/NAND2.sp"), encoding: .utf8)
      .replacingOccurrences(of: ".SUBCKT NAND2 A B Y", with: ".SUBCKT NAND2 B A Y")
    #expect(try loadError(["NAND2.sp": nand]) == "")
  }

  @Test("a wrong standard cell fails in the per-cell analysis results too")
  func analysisResult() throws {
    let user = try folder(["INV.sp": TestSupport.twoInputINV])
    defer { try? FileManager.default.removeItem(atPath: user) }
    let results = try CellLibraryLoader.analyse(directory: user)
    #expect(results.count == 1)
    guard case .failure(let error) = try #require(results.first).result else {
      Issue.record("a two-input INV passed")
      return
    }
    #expect(error.message.hasPrefix("cell INV has 2 inputs"))
  }

  @Test("require rejects a wrong standard cell in a library built in code")
  func requireChecksFunction() throws {
    let inverter = try SwitchLevelAnalysis.analyse(try #require(SpiceReader.parse(TestSupport.twoInputINV, file: "INV.sp").first))
    let library = CellLibrary(TestSupport.shippedLibrary.cells + [inverter])
    #expect(throws: InputError("int8.add: cell INV has 2 inputs (A, B) and 1 output (Y); tosim's generators place "
      + "INV with 1 input (A) and 1 output (Y) in port order, Y = !A")) {
      try library.require(["NAND2", "INV"], for: "int8.add")
    }
  }

  @Test("duplicate subcircuits, duplicate ports and conflicting PININFO are errors")
  func duplicates() throws {
    func parseError(_ text: String) -> String {
      do {
        _ = try SpiceReader.parse(text, file: "d.sp")
        return ""
      } catch {
        return "\(error)"
      }
    }
    let inv = ".SUBCKT INV A Y VDD VSS\nMP1 Y A VDD VDD pmos\nMN1 Y A VSS VSS nmos\n.ENDS\n"
    #expect(parseError(inv + inv) == "d.sp:5: subcircuit INV is defined twice (first at line 1)")
    #expect(parseError(".SUBCKT INV A A Y VDD VSS\n.ENDS\n") == "d.sp:1: port A is listed twice in .SUBCKT INV")
    #expect(parseError("*.PININFO A:I A:O\n" + inv) == "d.sp:1: *.PININFO gives port A two directions")
    #expect(parseError("*.PININFO A:I A:I\n" + inv) == "")
    let message = try loadError(["a.sp": inv, "b.sp": inv.lowercased()])
    #expect(message.contains("b.sp:1: subcircuit INV is defined twice in this folder (first at "), "\(message)")
  }

  @Test("CellMapper reports a MUX2 with unexpected ports instead of indexing past them")
  func mapperWithOddMultiplexer() throws {
    // A four-input "MUX2" whose S is port 3, and a function no single cell computes.
    let select = TruthTable(inputCount: 4) { $0[3] ? $0[2] : $0[1] }
    let mux = Cell(
      name: "MUX2", inputs: ["X", "A", "B", "S"], inputGateLoads: [1, 1, 1, 1],
      nodes: [CellNode(name: "Y", function: select, gateLoad: 0, isOutput: true)], transistorCount: 12)
    let library = CellLibrary([TestSupport.shippedLibrary[TestSupport.shippedLibrary.id(named: "INV")!], mux])
    var netlist = Netlist(name: "t", library: library)
    let inputs = netlist.addInput("a", width: 3).nets
    let xor3 = TruthTable(inputCount: 3) { ($0[0] != $0[1]) != $0[2] }
    #expect(throws: InputError.self) { try CellMapper(library: library).place(xor3, inputs: inputs, into: &netlist) }
  }
}
