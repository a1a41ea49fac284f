//===--- DeriveTests.swift -------------------------------------------------===//
// `tosim derive` end to end on small runs: the JSON schema the network
// counter reads, byte-identical output for the same seed, `tosim eval` on
// floating-point units, and bad input
// (unknown precision or design, --vectors 0, an unwritable folder) exiting
// 64 with the existing table left intact.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCircuits
import TosimCost
import TosimCostModel
import TosimFormats
import TosimIO
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
    for precision in [Precision.fp8e4m3, .int8] {
      for kind in CostTableFiles.Kind.allCases {
        let a = try Data(contentsOf: URL(fileURLWithPath: CostTableFiles.path(for: precision, kind, in: first)))
        let b = try Data(contentsOf: URL(fileURLWithPath: CostTableFiles.path(for: precision, kind, in: second)))
        #expect(a == b, "\(precision) \(kind) differs between runs")
      }
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: CostTableFiles.path(for: .fp8e4m3, in: first)))
    let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(json["schema"] as? String == "tosim.cost-table/1")
    #expect(json["precision"] as? String == "fp8-e4m3")
    #expect(json["vectors"] as? Int == 512 && json["seed"] as? Int == 7 && json["operands"] as? String == "uniform")
    #expect((json["designs"] as? [String: String])?["multiplier"] == "dadda")
    let ops = try #require(json["ops"] as? [[String: Any]])
    let names = ops.compactMap { $0["op"] as? String }
    #expect(names == FloatOperation.allCases.map(\.rawValue) + CompositeRecipes.operations.map(\.rawValue))
    let add = try #require(ops.first { $0["op"] as? String == "add" })
    #expect(add["kind"] as? String == "primitive" && add["unit"] as? String == "fp8-e4m3.add")
    #expect((add["transistors"] as? Int ?? 0) > 0 && add["to_static"] as? Int == add["transistors"] as? Int)
    #expect((add["to_glitch"] as? Double ?? 0) >= (add["to_dynamic"] as? Double ?? 1))
    let sigmoid = try #require(ops.first { $0["op"] as? String == "sigmoid" })
    #expect(sigmoid["kind"] as? String == "recipe" && sigmoid["transistors"] as? Int == 0)
    let intTable = try String(contentsOfFile: CostTableFiles.path(for: .int8, .csv, in: first), encoding: .utf8)
    #expect(intTable.hasPrefix(CostTableWriter.csvHeader + ",to_inertial\nadd,primitive,int8.add,"))
    // The inertial column: over the first min(1024, vectors) vectors, recipes summing primitives.
    #expect(json["inertial_vectors"] as? Int == 512)
    #expect(ops.allSatisfy { ($0["to_inertial"] as? Double ?? 0) > 0 })
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
    try "old".write(toFile: CostTableFiles.path(for: .fp32, in: folder), atomically: true, encoding: .utf8)
    let result = TestSupport.runTosim(["derive"] + arguments + ["--out", folder, "--vectors", "64"].suffix(arguments.contains("--vectors") ? 2 : 4))
    #expect(result.status == 64, "\(arguments): \(result.error)")
    #expect(result.error.hasPrefix("error: "))
    #expect(try String(contentsOfFile: CostTableFiles.path(for: .fp32, in: folder), encoding: .utf8) == "old")
  }

  @Test func unwritableFolderExits73() throws {
    let file = Self.temporaryFolder("file")
    try "not a folder".write(toFile: file, atomically: true, encoding: .utf8)
    let result = TestSupport.runTosim(["derive", "--fp8", "--vectors", "64", "--out", file])
    #expect(result.status == 73)
    #expect(result.error.contains("not a folder"))
  }
}
