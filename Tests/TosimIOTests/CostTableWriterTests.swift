//===--- CostTableWriterTests.swift ----------------------------------------===//
// The cost-table writer against hand-written expected text, against the
// committed tables in circuits/tables (reading and re-writing each gives the
// same bytes), and the one path convention of table files.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCircuits
import TosimCostModel
import TosimFormats
import TosimIO
import _TosimTestSupport

@Suite("Cost-table writer")
struct CostTableWriterTests {
  static let table = CostTable(
    toolVersion: "9.9", precision: .fp16, designs: [("adder", "ripple-carry"), ("multiplier", "array")],
    operands: "normal", vectorCount: 64, seed: 3,
    rows: [
      CostRow(
        operation: .add, unit: "fp16.add", recipe: [], transistorCount: 120, depth: 9, staticTOs: 120,
        dynamicTOs: 41.125, dynamicTOsStandardDeviation: 2, glitchTOs: 0.1),
      CostRow(
        operation: .rsqrt, unit: nil, recipe: [(.div, 1), (.sqrt, 1)], transistorCount: 0, depth: 0, staticTOs: 700,
        dynamicTOs: 1234.5, dynamicTOsStandardDeviation: 0.004, glitchTOs: 1500),
    ])

  @Test("JSON text, key order and two decimals")
  func json() {
    #expect(CostTableWriter.json(Self.table) == """
      {
        "schema": "tosim.cost-table/1",
        "tool_version": "9.9",
        "precision": "fp16",
        "designs": {"adder": "ripple-carry", "multiplier": "array"},
        "operands": "normal", "vectors": 64, "seed": 3,
        "ops": [
          {"op": "add", "kind": "primitive", "unit": "fp16.add", "transistors": 120, "depth": 9, "to_static": 120, \
      "to_dynamic": 41.13, "to_dynamic_std": 2.00, "to_glitch": 0.10},
          {"op": "rsqrt", "kind": "recipe", "recipe": {"div": 1, "sqrt": 1}, "transistors": 0, "depth": 0, \
      "to_static": 700, "to_dynamic": 1234.50, "to_dynamic_std": 0.00, "to_glitch": 1500.00}
        ]
      }

      """)
  }

  @Test("CSV text")
  func csv() {
    #expect(CostTableWriter.csv(Self.table) == """
      op,kind,unit,recipe,transistors,depth,to_static,to_dynamic,to_dynamic_std,to_glitch
      add,primitive,fp16.add,,120,9,120,41.13,2.00,0.10
      rsqrt,recipe,,div:1;sqrt:1,0,0,700,1234.50,0.00,1500.00

      """)
  }

  @Test("reading and re-writing each committed table gives its bytes")
  func committed() throws {
    let folder = TestSupport.path(CostTableFiles.defaultFolder)
    let committed = Precision.allCases.filter {
      FileManager.default.fileExists(atPath: CostTableFiles.path(for: $0, in: folder))
    }
    #expect(committed.count >= 9)
    for precision in committed { try checkCommitted(precision, folder) }
  }

  func checkCommitted(_ precision: Precision, _ folder: String) throws {
    let jsonPath = CostTableFiles.path(for: precision, .json, in: folder)
    var table = try CostTableReader.read(path: jsonPath)
    // The reader returns designs by name; derive writes them in family order.
    table.designs = DesignFamily.allCases.compactMap { family in
      table.designs.first { $0.family == family.rawValue }
    }
    #expect(CostTableWriter.json(table) == (try String(contentsOfFile: jsonPath, encoding: .utf8)), "\(precision)")
    let csvPath = CostTableFiles.path(for: precision, .csv, in: folder)
    #expect(CostTableWriter.csv(table) == (try String(contentsOfFile: csvPath, encoding: .utf8)), "\(precision)")
  }

  @Test("table paths")
  func paths() {
    #expect(CostTableFiles.path(for: .fp8e4m3, .csv, in: "/t/out") == "/t/out/fp8-e4m3.csv")
    #expect(CostTableFiles.defaultPath(for: .int8, workingDirectory: "/w") == "/w/circuits/tables/int8.json")
  }

  @Test("write puts both files where the paths say")
  func write() throws {
    let folder = NSTemporaryDirectory() + "tosim-writer-\(getpid())"
    try? FileManager.default.removeItem(atPath: folder)
    try CostTableWriter.write(Self.table, toFolder: folder)
    let read = try CostTableReader.read(path: CostTableFiles.path(for: .fp16, in: folder))
    #expect(read.rows.map(\.operation) == [.add, .rsqrt] && read.rows[1].recipe.map(\.count) == [1, 1])
    #expect(CostTableWriter.json(read) == CostTableWriter.json(Self.table))
    #expect(try String(contentsOfFile: CostTableFiles.path(for: .fp16, .csv, in: folder), encoding: .utf8)
      == CostTableWriter.csv(Self.table))
  }
}
