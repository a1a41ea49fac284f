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
  /// A folder with no circuits/tables, so TOs are unavailable regardless of the repository state.
  static let emptyFolder = FileManager.default.temporaryDirectory.path

  @Test("layer spec without a cost table: counts, and TOs marked unavailable")
  func noTable() {
    let result = TestSupport.runTosim(["count", "dense(784,512) relu dense(512,10) softmax"], workingDirectory: Self.emptyFolder)
    #expect(result.status == 0)
    #expect(result.output.contains("1:dense    Gemm     fp32  1x512   401408  803328"))
    #expect(result.output.contains("n/a"))
    #expect(result.output.contains("no cost table for fp32 in \(Self.emptyFolder)/circuits/tables: run `tosim derive --precision fp32` or pass --table FILE"))
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
    #expect((total["ops"] as? [String: Int]) == ["add": 1395, "mul": 1305, "compare": 180])
    #expect(total["to_static"] is NSNull)
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
