//===--- LibraryHardeningTests.swift ---------------------------------------===//
// End to end: `eval`, `explore`, `derive` and `cells` with a `--library`
// folder holding copies of the shipped cells and one broken standard cell
// (an INV with two inputs, an FA with one output) exit 65 naming the cell,
// instead of trapping while a unit is built.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import _TosimTestSupport

@Suite("Broken --library cells")
struct LibraryHardeningTests {
  static let twoInputINV = """
    *.PININFO A:I B:I Y:O VDD:P VSS:G
    .SUBCKT INV A B Y VDD VSS
    MP1 Y A VDD VDD pmos
    MP2 Y B VDD VDD pmos
    MN1 Y A N1 VSS nmos
    MN2 N1 B VSS VSS nmos
    .ENDS INV
    """

  static let oneOutputFA = """
    *.PININFO A:I B:I CI:I CO:O VDD:P VSS:G
    .SUBCKT FA A B CI CO VDD VSS
    MP1 P1 A VDD VDD pmos
    MP2 P1 B VDD VDD pmos
    MP3 CON CI P1 VDD pmos
    MP4 P2 A VDD VDD pmos
    MP5 CON B P2 VDD pmos
    MN1 N1 A VSS VSS nmos
    MN2 N1 B VSS VSS nmos
    MN3 CON CI N1 VSS nmos
    MN4 N2 A VSS VSS nmos
    MN5 CON B N2 VSS nmos
    MP6 CO CON VDD VDD pmos
    MN6 CO CON VSS VSS nmos
    .ENDS FA
    """

  /// A temporary copy of circuits/cells with `file` replaced by `text`.
  func brokenLibrary(_ file: String, _ text: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-lib-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: TestSupport.path("circuits/cells")), to: folder)
    try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
    return folder
  }

  static let cases: [(file: String, text: String, message: String)] = [
    ("INV.sp", twoInputINV, "INV.sp:2: cell INV has 2 inputs (A, B) and 1 output (Y)"),
    ("FA.sp", oneOutputFA, "FA.sp:2: cell FA has 3 inputs (A, B, CI) and 1 output (CO)"),
  ]

  /// The command lines to try with a broken library in `folder`.
  static func commands(_ folder: String, out: String) -> [[String]] {
    [
      ["eval", "int8.add:ripple-carry", "--library", folder],
      ["eval", "int8.mul", "--library", folder, "--only-library"],
      ["explore", "adders", "--width", "4", "--vectors", "16", "--library", folder],
      ["explore", "multipliers", "--width", "4", "--vectors", "16", "--library", folder],
      ["derive", "--int8", "--vectors", "16", "--quiet", "--out", out, "--library", folder],
      ["derive", "--fp8", "--vectors", "16", "--quiet", "--out", out, "--library", folder],
      ["cells", "--library", folder],
    ]
  }

  @Test("eval, explore, derive and cells exit 65 naming the broken cell", arguments: 0..<cases.count)
  func brokenCell(index: Int) throws {
    let (file, text, message) = Self.cases[index]
    let folder = try brokenLibrary(file, text)
    let out = folder.appendingPathComponent("tables").path
    defer { try? FileManager.default.removeItem(at: folder) }
    for arguments in Self.commands(folder.path, out: out) {
      let result = TestSupport.runTosim(arguments, input: "01 02\n")
      #expect(result.status == 65, "\(arguments.prefix(2)): \(result.error)")
      #expect(result.error.contains(message), "\(arguments.prefix(2)): \(result.error)")
      #expect(result.output.isEmpty || arguments[0] == "cells", "\(arguments.prefix(2)): \(result.output)")
    }
    let tables = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
    #expect(tables.isEmpty, "derive wrote \(tables)")
  }

  @Test("the same folder with the shipped cell restored works")
  func control() throws {
    let shipped = try String(contentsOfFile: TestSupport.path("circuits/cells/INV.sp"), encoding: .utf8)
    let folder = try brokenLibrary("INV.sp", shipped)
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = TestSupport.runTosim(["eval", "int8.add:ripple-carry", "--library", folder.path], input: "01 02\n")
    #expect(result.status == 0, "\(result.error)")
    #expect(result.output == "03 0\n")
  }
}
