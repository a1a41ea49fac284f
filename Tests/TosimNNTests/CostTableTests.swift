//===--- CostTableTests.swift ----------------------------------------------===//
// Reading cost tables and converting counts to TOs with the synthetic test
// fixture (Fixtures/cost-table-fp32.json, "tool_version": "test-fixture").
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCost
import TosimFormats
import TosimIO
import TosimNN

@Suite("Cost tables")
struct CostTableTests {
  @Test("reads the fixture")
  func read() throws {
    let table = try CostTableReader.read(path: Fixtures.path("cost-table-fp32.json"))
    #expect(table.toolVersion == "test-fixture" && table.precision == .fp32 && table.seed == 1)
    #expect(table.rows.count == 17)
    #expect(table.row("add") == CostRow(operation: "add", unit: "fp32.add", recipe: [], transistorCount: 100, depth: 10,
      staticTOs: 100, dynamicTOs: 10, dynamicTOsStandardDeviation: 1, glitchTOs: 15))
    let softmax = try #require(table.row("softmax")?.recipe)
    #expect(softmax.map(\.operation) == ["add", "compare", "div", "mul"])
    #expect(softmax.map(\.count) == [9, 1, 1, 7])
    #expect(table.designs.map(\.family) == ["adder", "divider", "multiplier", "sqrt"])
  }

  @Test("TOs of the ReLU MLP")
  func tos() throws {
    let table = try CostTableReader.read(path: Fixtures.path("cost-table-fp32.json"))
    let count = try NetworkCounter.count(try ONNXReader.read(path: Fixtures.path("models/mlp_relu.onnx")))
    let estimate = try TOEstimator.estimate(try count.stepTotal().ops, table: table, tableName: "fixture")
    // add 535,040 × 100 + mul 535,040 × 1,000 + compare 768 × 50 + softmax 10 × 10,950 = 588,691,900.
    #expect(estimate.staticTOs == 588_691_900)
    // × dynamic: 535,040 × 10 + 535,040 × 100 + 768 × 5 + 10 × 1,095 = 58,869,190.
    #expect(estimate.dynamicTOs == 58_869_190)
  }

  @Test("a missing row names the op and the table")
  func missingRow() throws {
    let table = try CostTableReader.read(path: Fixtures.path("cost-table-fp32-partial.json"))
    #expect {
      try TOEstimator.estimate(try OpCounts([("add", 1), ("gelu", 2)]), table: table, tableName: "partial.json")
    } throws: { error in
      (error as? InputError)?.description == "partial.json: cost table for fp32 has no row for op 'gelu'"
    }
  }

  @Test("malformed tables", arguments: [
    ("{}", "schema: is missing"), ("{\"schema\": \"tosim.cost-table/2\"}", "expected 'tosim.cost-table/1'"),
    ("{\"schema\": \"tosim.cost-table/1\", \"precision\": \"fp33\", \"tool_version\": \"x\", \"ops\": []}", "precision"),
    ("{\"schema\": \"tosim.cost-table/1\", \"precision\": \"fp32\", \"tool_version\": \"x\", \"ops\": [{\"op\": \"add\", \"kind\": \"primitive\", \"unit\": \"fp32.add\"}]}",
     "ops[0].to_static: is missing"),
    ("{\"schema\": \"tosim.cost-table/1\", \"precision\": \"fp32\", \"tool_version\": \"x\", \"ops\": [{\"op\": \"add\", \"kind\": \"primitive\"}]}",
     "ops[0].unit: is missing"),
    ("{\"schema\": \"tosim.cost-table/1\", \"precision\": \"fp32\", \"tool_version\": \"x\", \"ops\": [{\"op\": \"add\", \"kind\": \"magic\"}]}",
     "ops[0].kind"),
  ])
  func malformed(text: String, expected: String) {
    #expect {
      try CostTableReader.decode(Data(text.utf8), file: "t.json")
    } throws: { error in
      (error as? InputError)?.description.contains(expected) == true
    }
  }
}
