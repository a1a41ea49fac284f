//===--- CountHardeningTests.swift -----------------------------------------===//
// `tosim count` on inputs that used to trap or give wrong numbers: layer-spec
// overflow, repeated arguments, integer-precision training, and --table
// files of an unused precision or two for one precision.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCommands
import _TosimTestSupport

@Suite("tosim count hardening")
struct CountHardeningTests {
  /// A fresh folder with no circuits/tables and two synthetic cost tables, fp32.json and fp16.json.
  static func folder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-count-hardening-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let fp32 = try String(contentsOfFile: TestSupport.path("Tests/TosimNNTests/Fixtures/cost-table-fp32.json"), encoding: .utf8)
    try fp32.write(toFile: folder + "/fp32.json", atomically: true, encoding: .utf8)
    try fp32.replacingOccurrences(of: #""precision": "fp32""#, with: #""precision": "fp16""#)
      .write(toFile: folder + "/fp16.json", atomically: true, encoding: .utf8)
    return folder
  }

  @Test("layer-spec overflow and repeated arguments exit 65 naming the layer")
  func badSpecs() {
    let overflow = TestSupport.runTosim(["count", "conv1d(1,1,1099511627776,dilation=1099511627776,in=32)"])
    #expect(overflow.status == 65)
    #expect(overflow.error.contains("layer 1 'conv1d(1,1,1099511627776,dilation=1099511627776,in=32)'"))
    #expect(overflow.error.contains("overflows a 64-bit integer"))
    let repeated = TestSupport.runTosim(["count", "dense(in=784,out=512,in=3)"])
    #expect(repeated.status == 65 && repeated.error.contains("argument 'in' given twice"))
  }

  @Test("int8 training counts parameters and the optimizer update")
  func integerTraining() throws {
    let result = TestSupport.runTosim(["count", "dense(784,512)", "--precision", "int8", "--training", "--json"], workingDirectory: try Self.folder())
    #expect(result.status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(json["params"] as? Int == 401_920)
    let update = try #require((json["optimizer_update"] as? [[String: Any]])?.first)
    #expect(update["precision"] as? String == "int8")
    // sgd: one mul and one add per parameter.
    let ops = (update["per_step"] as? [String: Any])?["ops"] as? [String: Int]
    #expect(ops == ["add": 401_920, "mul": 401_920])
  }

  @Test("a table of an unused precision is reported; two for one precision exit 65")
  func tables() throws {
    let folder = try Self.folder()
    let unused = TestSupport.runTosim(["count", "dense(4,3)", "--table", "fp32.json", "--table", "fp16.json"], workingDirectory: folder)
    #expect(unused.status == 0)
    #expect(unused.error.contains("warning: \(folder)/fp16.json is a fp16 cost table, but the count has ops at fp32 only; it is not used"))
    #expect(!unused.error.contains("fp32.json is"))
    let twice = TestSupport.runTosim(["count", "dense(4,3)", "--table", "fp32.json", "--table", "fp32.json"], workingDirectory: folder)
    #expect(twice.status == 65)
    #expect(twice.error.contains("are both fp32 cost tables; give one table per precision"))
  }

  @Test("a model with fixed inputs: another --batch exits 65 naming the file, --rebatch applies it, steps use its own batch")
  func fixedBatch() throws {
    let model = Fixtures.path("models/raw_channel_split.onnx")  // input 'x' fixed at 1x16x6x6
    let other = TestSupport.runTosim(["count", model, "--batch", "4"])
    #expect(other.status == 65)
    #expect(other.error.contains("\(model): batch 4 does not apply: no graph input has a symbolic dimension and its batch is fixed at 1"))
    #expect(other.output.isEmpty)
    let rebatched = TestSupport.runTosim(["count", model, "--batch", "4", "--rebatch", "--json"])
    #expect(rebatched.status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(rebatched.output.utf8)) as? [String: Any])
    #expect(json["batch"] as? Int == 4)
    let alone = TestSupport.runTosim(["count", model, "--rebatch"])
    #expect(alone.status == 64 && alone.error.contains("--rebatch needs --batch N"))
    let estimate = TestSupport.runTosim(["estimate", model, "--training", "--samples", "10", "--json", "--quiet"])
    #expect(estimate.status == 0)
    let answer = try #require(try JSONSerialization.jsonObject(with: Data(estimate.output.utf8)) as? [String: Any])
    #expect(answer["batch"] as? Int == 1 && answer["steps"] as? Double == 10)
    let refused = TestSupport.runTosim(["estimate", model, "--batch", "2", "--samples", "10"])
    #expect(refused.status == 65 && refused.error.contains("batch 2 does not apply"))
  }
}
