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
  /// A temporary copy of circuits/cells with `file` replaced by `text`.
  func brokenLibrary(_ file: String, _ text: String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-lib-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: URL(fileURLWithPath: TestSupport.path("circuits/cells")), to: folder)
    try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
    return folder
  }

  static let cases: [(file: String, text: String, message: String)] = [
    ("INV.sp", TestSupport.twoInputINV, "INV.sp:2: cell INV has 2 inputs (A, B) and 1 output (Y)"),
    ("FA.sp", TestSupport.oneOutputFA, "FA.sp:2: cell FA has 3 inputs (A, B, CI) and 1 output (CO)"),
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
