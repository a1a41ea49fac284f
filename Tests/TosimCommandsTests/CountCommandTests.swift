//===--- CountCommandTests.swift -------------------------------------------===//
// `tosim count` run in-process: tables with and without a cost table, JSON
// output, training, and exit statuses for bad specs and usage.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCommands
import _TosimTestSupport

@Suite("tosim count")
struct CountCommandTests {
  /// A folder with no circuits/tables, so only --table files and the built-in tables can be used.
  static let emptyFolder = FileManager.default.temporaryDirectory.path

  @Test("layer spec in a folder without circuits/tables: TOs from the built-in table")
  func noTable() {
    let result = TestSupport.runTosim(["count", "dense(784,512) relu dense(512,10) softmax"], workingDirectory: Self.emptyFolder)
    #expect(result.status == 0)
    #expect(result.output.contains("1:dense    Gemm     fp32  1x512   401408  803328"))
    #expect(!result.output.contains("n/a"))
    #expect(result.output.contains("TOs for fp32 from built-in circuits/tables/fp32.json"))
  }

  @Test("with --table the TO columns are filled")
  func withTable() {
    let result = TestSupport.runTosim([
      "count", Fixtures.path("models/mlp_relu.onnx"), "--table", Fixtures.path("cost-table-fp32.json"),
    ], workingDirectory: Self.emptyFolder)
    #expect(result.status == 0)
    #expect(result.output.contains("588691900"))
    #expect(result.output.contains("58869190"))
    #expect(!result.output.contains("n/a"))
  }

  @Test("JSON output with training")
  func json() throws {
    let result = TestSupport.runTosim([
      "count", "dense(4,3) relu", "--training", "--optimizer", "sgd", "--batch", "2", "--samples", "10", "--epochs", "3", "--json",
    ], workingDirectory: Self.emptyFolder)
    #expect(result.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(object["steps"] as? Int == 15 && object["mode"] as? String == "training")
    let total = try #require(object["total"] as? [String: Any])
    // No input gradient for the first dense: per step mul 24 + 24 + 15, add 24 + 30 + 15, compare 12; × 15 steps.
    #expect((total["ops"] as? [String: Int]) == ["add": 1035, "mul": 945, "compare": 180])
    // The built-in fp32 table prices every op.
    #expect(total["to_static"] is Double)
    #expect((object["layers"] as? [Any])?.count == 2)
  }

  @Test("bad layer spec exits 65 with the column")
  func badSpec() {
    let result = TestSupport.runTosim(["count", "dense(784,512) relu dense(500,10"], workingDirectory: Self.emptyFolder)
    #expect(result.status == 65)
    #expect(result.error.contains("column 33: missing ')'"))
    #expect(TestSupport.runTosim(["count", "dense(784,512) relu dense(500,10)"]).status == 65)
    #expect(TestSupport.runTosim(["count", "/nonexistent.onnx"]).status == 65)
  }

  @Test("usage errors exit 64")
  func usage() {
    #expect(TestSupport.runTosim(["count"]).status == 64)
    #expect(TestSupport.runTosim(["count", "relu", "--optimizer", "adam"]).status == 64)
    #expect(TestSupport.runTosim(["count", "dense(1,1)", "--precision", "fp7"]).status == 64)
    #expect(TestSupport.runTosim(["count", "dense(1,1)", "--batch", "0"]).status == 64)
  }
}
