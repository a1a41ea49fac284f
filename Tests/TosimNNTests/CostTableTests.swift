//===--- CostTableTests.swift ----------------------------------------------===//
// Reading cost tables and converting counts to TOs with the synthetic test
// fixture (Fixtures/cost-table-fp32.json, "tool_version": "test-fixture").
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCostModel
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
    #expect(table.row(.add) == CostRow(operation: .add, unit: "fp32.add", recipe: [], transistorCount: 100, depth: 10,
      staticTOs: 100, dynamicTOs: 10, dynamicTOsStandardDeviation: 1, glitchTOs: 15))
    let softmax = try #require(table.row(.softmax)?.recipe)
    // Recipes come back in ArithmeticOperation order, whatever the file's order.
    #expect(softmax.map(\.operation) == [.add, .mul, .div, .compare])
    #expect(softmax.map(\.count) == [9, 7, 1, 1])
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

  @Test("network TOs: per layer, optimizer, step and total")
  func networkTOs() throws {
    let table = try CostTableReader.read(path: Fixtures.path("cost-table-fp32.json"))
    let tables = [Precision.fp32: NamedCostTable(table, name: "fixture")]
    let inference = try NetworkCounter.count(try ONNXReader.read(path: Fixtures.path("models/mlp_relu.onnx")))
    let tos = try TOEstimator.estimate(inference, tables: tables)
    // The hand-summed totals of the test above.
    #expect(tos.perStep?.staticTOs == 588_691_900 && tos.perStep?.dynamicTOs == 58_869_190)
    #expect(tos.total == tos.perStep && tos.layers.count == inference.layers.count && tos.optimizer.isEmpty)
    #expect(tos.layers.compactMap { $0 }.reduce(TOEstimate(), +) == tos.perStep)

    // Training, 10 samples in batches of 2 over 3 epochs (15 steps), SGD:
    // dense 4→3 forward mul 24 add 24, backward (dW only: the model input needs no
    // gradient) mul 24 add 30; relu 6 + 6
    // compares; SGD on 15 parameters 15 mul + 15 add (TrainingTests).
    let training = try countSpec(
      "dense(4,3) relu", options: .init(inference: .init(batchSize: 2), mode: .training(.sgd), sampleCount: 10, epochCount: 3))
    let trained = try TOEstimator.estimate(training, tables: tables)
    let mul = try #require(table.row(.mul)), add = try #require(table.row(.add)), compare = try #require(table.row(.compare))
    let denseStatic = Double(48 * mul.staticTOs + 54 * add.staticTOs)
    #expect(trained.layers[0]?.staticTOs == denseStatic)
    #expect(trained.layers[1]?.staticTOs == Double(12 * compare.staticTOs))
    #expect(trained.optimizer.map(\.precision) == [.fp32])
    #expect(trained.optimizer[0].tos?.staticTOs == Double(15 * mul.staticTOs + 15 * add.staticTOs))
    let step = denseStatic + Double(12 * compare.staticTOs + 15 * mul.staticTOs + 15 * add.staticTOs)
    #expect(trained.perStep?.staticTOs == step && trained.total?.staticTOs == 15 * step)
    #expect(trained.total?.dynamicTOs == 15 * (trained.perStep?.dynamicTOs ?? 0))

    // Without the fp32 table nothing that has ops is priced.
    let none = try TOEstimator.estimate(training, tables: [:])
    #expect(none.layers.allSatisfy { $0 == nil } && none.perStep == nil && none.total == nil)
  }

  @Test("a missing row names the op and the table")
  func missingRow() throws {
    let table = try CostTableReader.read(path: Fixtures.path("cost-table-fp32-partial.json"))
    #expect {
      try TOEstimator.estimate(try OpCounts([(.add, 1), (.gelu, 2)]), table: table, tableName: "partial.json")
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
    ("{\"schema\": \"tosim.cost-table/1\", \"precision\": \"fp32\", \"tool_version\": \"x\", \"ops\": [{\"op\": \"fma\", \"kind\": \"primitive\"}]}",
     "ops[0].op: 'fma' is not an operation; known: add, sub, mul, div, sqrt, compare, max, min, exp"),
    ("{\"schema\": \"tosim.cost-table/1\", \"precision\": \"fp32\", \"tool_version\": \"x\", \"ops\": [{\"op\": \"exp\", \"kind\": \"recipe\", \"recipe\": {\"mull\": 2}}]}",
     "ops[0].recipe.mull: 'mull' is not an operation"),
  ])
  func malformed(text: String, expected: String) {
    #expect {
      try CostTableReader.decode(Data(text.utf8), file: "t.json")
    } throws: { error in
      (error as? InputError)?.description.contains(expected) == true
    }
  }
}
