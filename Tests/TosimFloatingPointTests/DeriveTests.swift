//===--- DeriveTests.swift -------------------------------------------------===//
// `tosim derive` end to end on small runs: the JSON schema the network
// counter reads, byte-identical output for the same seed, recipe rows as
// Σ count × primitive, `tosim eval` on floating-point units, and bad input
// (unknown precision or design, --vectors 0, an unwritable folder) exiting
// 64 with the existing table left intact.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCost
import TosimFormats
import _TosimTestSupport

@Suite("tosim derive")
struct DeriveTests {
  static func temporaryFolder(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "tosim-derive-\(name)-\(getpid())"
    try? FileManager.default.removeItem(atPath: path)
    return path
  }

  @Test func writesTheSchemaAndIsReproducible() throws {
    let first = Self.temporaryFolder("a"), second = Self.temporaryFolder("b")
    for folder in [first, second] {
      let result = TestSupport.runTosim(["derive", "--fp8-e4m3", "--int8", "--vectors", "512", "--seed", "7", "--out", folder, "--quiet"])
      #expect(result.status == 0, "\(result.error)")
      #expect(result.output.contains("fp8-e4m3 (adder kogge-stone"))
    }
    for file in ["fp8-e4m3.json", "fp8-e4m3.csv", "int8.json", "int8.csv"] {
      let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + file))
      let b = try Data(contentsOf: URL(fileURLWithPath: second + "/" + file))
      #expect(a == b, "\(file) differs between runs")
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: first + "/fp8-e4m3.json"))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["schema"] as? String == "tosim.cost-table/1")
    #expect(json["precision"] as? String == "fp8-e4m3")
    #expect(json["vectors"] as? Int == 512 && json["seed"] as? Int == 7 && json["operands"] as? String == "uniform")
    #expect((json["designs"] as? [String: String])?["multiplier"] == "dadda")
    let ops = try #require(json["ops"] as? [[String: Any]])
    let names = ops.compactMap { $0["op"] as? String }
    #expect(names == FloatOperation.allCases.map(\.rawValue) + CompositeRecipes.operations)
    let add = try #require(ops.first { $0["op"] as? String == "add" })
    #expect(add["kind"] as? String == "primitive" && add["unit"] as? String == "fp8-e4m3.add")
    #expect((add["transistors"] as? Int ?? 0) > 0 && add["to_static"] as? Int == add["transistors"] as? Int)
    #expect((add["to_glitch"] as? Double ?? 0) >= (add["to_dynamic"] as? Double ?? 1))
    let sigmoid = try #require(ops.first { $0["op"] as? String == "sigmoid" })
    #expect(sigmoid["kind"] as? String == "recipe" && sigmoid["transistors"] as? Int == 0)
    let intTable = try String(contentsOfFile: first + "/int8.csv", encoding: .utf8)
    #expect(intTable.hasPrefix(CostTable.csvHeader + "\nadd,primitive,int8.add,"))
  }

  @Test func recipeRowsSumTheirPrimitives() throws {
    let primitives = ["add", "sub", "mul", "div", "sqrt", "compare"].enumerated().map { index, op in
      CostRow(
        operation: op, unit: "x.\(op)", recipe: [], transistorCount: 10, depth: 1, staticTOs: 10 * (index + 1),
        dynamicTOs: Double(index + 1), dynamicTOsStandardDeviation: 1, glitchTOs: 2 * Double(index + 1))
    }
    let rows = CompositeRecipes.rows(primitives: primitives, precision: 24)
    let exp = try #require(rows.first { $0.operation == "exp" })
    let degree = CompositeRecipes.exponentialDegree(precision: 24)
    let names: [String] = exp.recipe.map { $0.operation }
    let counts: [Int] = exp.recipe.map { $0.count }
    #expect(names == ["add", "mul", "compare"])
    #expect(counts == [degree + 3, degree + 2, 1])
    let expected: Int = (degree + 3) * 10 + (degree + 2) * 30 + 60
    #expect(exp.staticTOs == expected)
    let sigmoid = try #require(rows.first { $0.operation == "sigmoid" })
    #expect(sigmoid.staticTOs == exp.staticTOs + 10 + 40)
    #expect(CompositeRecipes.exponentialDegree(precision: 4) < CompositeRecipes.exponentialDegree(precision: 53))
  }

  @Test func evalGivesTheGateLevelResult() {
    let result = TestSupport.runTosim(["eval", "fp32.add"], input: "3f800000 3f800000\n7f800000 ff800000\n")
    #expect(result.status == 0)
    #expect(result.output == "40000000\n7fc00000\n")
    let sqrt = TestSupport.runTosim(["eval", "bf16.sqrt"], input: "4080 0\n")
    #expect(sqrt.output == "4000\n")
  }

  @Test(arguments: [
    ["--fp33"], ["--fp32", "--adder", "bogus"], ["--fp32", "--vectors", "0"], ["--fp32", "--divider", "non-restoring"],
    ["--fp16", "--operands", "cauchy"], ["--int8", "--multiplier", "nope"], [],
  ])
  func badInputExits64AndKeepsTheTable(arguments: [String]) throws {
    let folder = Self.temporaryFolder("bad-" + arguments.joined().filter { $0.isLetter || $0.isNumber })
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try "old".write(toFile: folder + "/fp32.json", atomically: true, encoding: .utf8)
    let result = TestSupport.runTosim(["derive"] + arguments + ["--out", folder, "--vectors", "64"].suffix(arguments.contains("--vectors") ? 2 : 4))
    #expect(result.status == 64, "\(arguments): \(result.error)")
    #expect(result.error.hasPrefix("error: "))
    #expect(try String(contentsOfFile: folder + "/fp32.json", encoding: .utf8) == "old")
  }

  @Test func unwritableFolderExits73() throws {
    let file = Self.temporaryFolder("file")
    try "not a folder".write(toFile: file, atomically: true, encoding: .utf8)
    let result = TestSupport.runTosim(["derive", "--fp8", "--vectors", "64", "--out", file])
    #expect(result.status == 73)
    #expect(result.error.contains("not a folder"))
  }
}
