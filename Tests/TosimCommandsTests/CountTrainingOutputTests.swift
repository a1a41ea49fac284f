//===--- CountTrainingOutputTests.swift ------------------------------------===//
// `tosim count` output for estimators: the built-in cost tables (the same TOs
// as --table circuits/tables/fp32.json, from any folder), per-layer forward
// and backward blocks and per-phase totals with static, dynamic and glitch
// TOs, --each JSON lines, --input-gradient, the optimizer names, and params
// apart from buffers.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCommands
import _TosimTestSupport

@Suite("tosim count output for estimators")
struct CountTrainingOutputTests {
  static let spec = "conv2d(3,8,3,in=8x8) batchnorm relu flatten dense(288,10)"

  /// A fresh empty folder, so no circuits/tables is found under the working directory.
  static func emptyFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-count-output-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  static func json(_ arguments: [String], in folder: String) throws -> [String: Any] {
    let result = TestSupport.runTosim(arguments, workingDirectory: folder)
    #expect(result.status == 0, "\(result.error)")
    return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
  }

  static func tos(_ block: Any?) -> [Double]? {
    guard let block = block as? [String: Any] else { return nil }
    let values = ["to_static", "to_dynamic", "to_glitch"].compactMap { block[$0] as? Double }
    return values.count == 3 ? values : nil
  }

  @Test("built-in tables give the TOs of --table circuits/tables/fp32.json, per layer and phase")
  func builtinEqualsFile() throws {
    let folder = try Self.emptyFolder()
    let arguments = ["count", Self.spec, "--training", "--optimizer", "adam", "--json"]
    let builtin = try Self.json(arguments, in: folder)
    let file = try Self.json(arguments + ["--table", TestSupport.path("circuits/tables/fp32.json")], in: folder)
    let tables = try #require(builtin["tables"] as? [[String: Any]])
    #expect(tables.first?["source"] as? String == "built-in")
    #expect(tables.first?["file"] as? String == "built-in circuits/tables/fp32.json")
    #expect((file["tables"] as? [[String: Any]])?.first?["source"] as? String == "file")
    let phases = try #require(builtin["phases"] as? [String: Any])
    let filePhases = try #require(file["phases"] as? [String: Any])
    for phase in ["forward", "backward", "optimizer"] {
      let tos = try #require(Self.tos(phases[phase]), "\(phase)")
      #expect(tos == Self.tos(filePhases[phase]))
      #expect(tos.allSatisfy { $0 > 0 })
    }
    // The phases add up to the step.
    let step = try #require(Self.tos(builtin["per_step"]))
    let sum = ["forward", "backward", "optimizer"].compactMap { Self.tos(phases[$0]) }.reduce([0, 0, 0]) { zip($0, $1).map(+) }
    for (a, b) in zip(step, sum) { #expect(abs(a - b) <= 1e-6 * a) }
    var optimizerStatic = 0.0
    for layer in try #require(builtin["layers"] as? [[String: Any]]) {
      #expect(Self.tos(layer["forward"]) != nil && Self.tos(layer["backward"]) != nil, "\(layer["name"] ?? "")")
      optimizerStatic += try #require(Self.tos(layer["optimizer"]))[0]
    }
    // The per-layer update blocks add up to the optimizer phase.
    let phaseStatic = try #require(Self.tos(phases["optimizer"]))[0]
    #expect(abs(optimizerStatic - phaseStatic) <= 1e-9 * phaseStatic)
  }

  @Test("params are trainable; BatchNorm statistics are buffers")
  func paramsAndBuffers() throws {
    let json = try Self.json(["count", Self.spec, "--json"], in: try Self.emptyFolder())
    // conv 8·3·9 + 8 = 224, BN γ β 16, dense 2880 + 10 = 2890; buffers: BN mean and variance 16.
    #expect(json["params"] as? Int == 3130)
    #expect(json["buffers"] as? Int == 16)
  }

  @Test("--input-gradient adds the first layer's dX")
  func inputGradient() throws {
    let folder = try Self.emptyFolder()
    let plain = try Self.json(["count", "dense(4,3)", "--training", "--json"], in: folder)
    let kept = try Self.json(["count", "dense(4,3)", "--training", "--input-gradient", "--json"], in: folder)
    func backwardMACs(_ json: [String: Any]) -> Int? {
      ((json["layers"] as? [[String: Any]])?.first?["backward"] as? [String: Any])?["macs"] as? Int
    }
    // dense(4,3): 12 MACs forward; dW 12, dX 12 more.
    #expect(backwardMACs(plain) == 12 && backwardMACs(kept) == 24)
    #expect(TestSupport.runTosim(["count", "dense(4,3)", "--input-gradient"]).status == 64)
  }

  @Test("every optimizer name is accepted; others exit 64")
  func optimizerNames() {
    for name in ["sgd", "momentum", "nesterov", "adam", "adamw", "adamax", "nadam", "radam", "rmsprop", "adagrad",
                 "adadelta", "asgd", "rprop", "lion"] {
      #expect(TestSupport.runTosim(["count", "dense(4,3)", "--training", "--optimizer", name]).status == 0, "\(name)")
    }
    let bad = TestSupport.runTosim(["count", "dense(4,3)", "--training", "--optimizer", "lbfgs"])
    #expect(bad.status == 64 && bad.error.contains("lion"))
  }

  @Test("--each: one JSON line per model, comments and blank lines skipped")
  func each() throws {
    let folder = try Self.emptyFolder()
    try "dense(4,3)\n# a comment\n\nconv2d(1,2,3,in=4x4) relu\n".write(toFile: folder + "/models.txt", atomically: true, encoding: .utf8)
    let result = TestSupport.runTosim(["count", "--each", "models.txt", "--training"], workingDirectory: folder)
    #expect(result.status == 0, "\(result.error)")
    let lines = result.output.split(separator: "\n")
    #expect(lines.count == 2)
    let rows = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    #expect(rows.map { $0["line"] as? Int } == [1, 4])
    #expect(rows.map { $0["input"] as? String } == ["dense(4,3)", "conv2d(1,2,3,in=4x4) relu"])
    // dense(4,3): 15 parameters; conv2d(1,2,3): 2·9 + 2 = 20.
    #expect(rows.map { $0["params"] as? Int } == [15, 20])
    #expect(rows.allSatisfy { Self.tos($0["per_step"]) != nil })
    try "dense(4,3)\ndense(4,3) dense(5,2)\n".write(toFile: folder + "/bad.txt", atomically: true, encoding: .utf8)
    let bad = TestSupport.runTosim(["count", "--each", "bad.txt"], workingDirectory: folder)
    #expect(bad.status == 65 && bad.error.contains("line 2"))
    #expect(TestSupport.runTosim(["count", "dense(4,3)", "--each", "bad.txt"], workingDirectory: folder).status == 64)
  }
}
