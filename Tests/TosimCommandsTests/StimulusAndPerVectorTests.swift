//===--- StimulusAndPerVectorTests.swift -----------------------------------===//
// `--stimulus FILE`, `--per-vector` and explore's `--operands` end to end:
// a stimulus file holding tosim's own stream gives exactly the seeded run's
// results (explore uniform and normal, export spice), per-transition counts
// equal the one-vector ReferenceSimulator's (zero-delay and unit-delay),
// derive measures every primitive on the file's vectors, and bad stimulus
// files or conflicting options exit 65/64 naming the file and line.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCircuits
import TosimEvaluation
import TosimFormats
import TosimIO
import TosimSim
import _TosimTestSupport

@Suite("stimulus files and per-vector TOs")
struct StimulusAndPerVectorTests {
  /// Writes `vectors` (stream layout, one limb per value) as hex lines.
  func stimulusFile(_ vectors: [[UInt64]], widths: [Int], name: String) throws -> String {
    let count = vectors[0].count
    var text = "# generated\n"
    for k in 0..<count {
      text += widths.indices.map { Hex.format([vectors[$0][k]], width: widths[$0]) }.joined(separator: " ") + "\n"
    }
    let path = NSTemporaryDirectory() + "tosim-stimulus-\(UUID().uuidString)-\(name).txt"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func json(_ result: CommandResult) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
  }

  @Test("explore --stimulus with the stream's vectors gives the seeded run's designs (uniform and normal)")
  func exploreStimulusMatchesStream() throws {
    for (extra, stream) in [
      ([String](), OperandStream(seed: 5)),
      (["--operands", "normal"], OperandStream(.normal, precision: .int8, seed: 5)),
    ] {
      let widths = [8, 8, 1]
      let path = try stimulusFile(stream.vectors(widths: widths, count: 40), widths: widths, name: "adders")
      defer { try? FileManager.default.removeItem(atPath: path) }
      let seeded = TestSupport.runTosim(["explore", "adders", "--width", "8", "--vectors", "40", "--seed", "5", "--json", "--quiet"] + extra)
      let filed = TestSupport.runTosim(["explore", "adders", "--width", "8", "--stimulus", path, "--json", "--quiet"])
      #expect(seeded.status == 0 && filed.status == 0, "\(seeded.error)\(filed.error)")
      let a = try json(seeded), b = try json(filed)
      #expect((a["designs"] as? NSArray) == (b["designs"] as? NSArray), "\(extra)")
      #expect(b["vectors"] as? Int == 40)
      #expect(b["stimulus"] as? String == path)
      #expect(b["seed"] is NSNull)
    }
    // Normal operands differ from uniform ones.
    let uniform = try json(TestSupport.runTosim(["explore", "adders", "--width", "8", "--vectors", "40", "--json", "--quiet"]))
    let normal = try json(TestSupport.runTosim(["explore", "adders", "--width", "8", "--vectors", "40", "--operands", "normal", "--json", "--quiet"]))
    #expect((uniform["designs"] as? NSArray) != (normal["designs"] as? NSArray))
    #expect(normal["operands"] as? String == "normal")
  }

  @Test("explore --per-vector: every transition's counts are the reference simulator's")
  func explorePerVector() throws {
    let width = 5, count = 30
    let result = TestSupport.runTosim([
      "explore", "multipliers", "--width", String(width), "--vectors", String(count), "--seed", "3", "--json", "--per-vector", "--quiet",
    ])
    #expect(result.status == 0, "\(result.error)")
    let designs = try #require(try json(result)["designs"] as? [[String: Any]])
    let vectors = OperandStream(seed: 3).vectors(widths: [width, width], count: count)
    for design in designs {
      let unit = try UnitName(parsing: try #require(design["unit"] as? String))
      var reference = try ReferenceSimulator(try UnitCatalog.build(unit, library: TestSupport.shippedLibrary))
      var dynamic: [Int] = [], glitch: [Int] = []
      for k in 0..<count {
        let (zero, unitDelay) = (reference.switchedGateCount, reference.unitDelaySwitchedGateCount)
        reference.apply([TestSupport.bits(vectors[0][k], width: width), TestSupport.bits(vectors[1][k], width: width)])
        if k > 0 {
          dynamic.append(reference.switchedGateCount - zero)
          glitch.append(reference.unitDelaySwitchedGateCount - unitDelay)
        }
      }
      #expect(design["to_dynamic_per_vector"] as? [Int] == dynamic, "\(unit)")
      #expect(design["to_glitch_per_vector"] as? [Int] == glitch, "\(unit)")
      #expect(glitch != dynamic, "\(unit) has hazards")
    }
    // Without --per-vector the arrays are absent.
    let plain = try json(TestSupport.runTosim(["explore", "multipliers", "--width", "5", "--vectors", "30", "--json", "--quiet"]))
    #expect(((plain["designs"] as? [[String: Any]])?.first?["to_dynamic_per_vector"]) == nil)
  }

  @Test("derive --stimulus measures every primitive on the file's vectors")
  func deriveStimulus() throws {
    let count = 24
    let stream = OperandStream(seed: 9).vectors(widths: [8, 8], count: count)
    let path = try stimulusFile(stream, widths: [8, 8], name: "derive")
    let folder = NSTemporaryDirectory() + "tosim-derive-\(UUID().uuidString)"
    defer {
      try? FileManager.default.removeItem(atPath: path)
      try? FileManager.default.removeItem(atPath: folder)
    }
    let result = TestSupport.runTosim(["derive", "--int8", "--stimulus", path, "--out", folder, "--json", "--per-vector", "--quiet"])
    #expect(result.status == 0, "\(result.error)")
    let table = try #require((try json(result)["tables"] as? [[String: Any]])?.first)
    #expect(table["vectors"] as? Int == count)
    #expect(table["operands"] as? String == "file " + (path as NSString).lastPathComponent)
    let ops = try #require(table["ops"] as? [[String: Any]])
    // The adder row against the reference simulator: a + b with cin = 0.
    let add = try #require(ops.first { $0["op"] as? String == "add" })
    var reference = try ReferenceSimulator(try UnitCatalog.build(try UnitName(parsing: "int8.add:kogge-stone"), library: TestSupport.shippedLibrary))
    var dynamic: [Int] = []
    for k in 0..<count {
      let before = reference.switchedGateCount
      reference.apply([TestSupport.bits(stream[0][k], width: 8), TestSupport.bits(stream[1][k], width: 8), [false]])
      if k > 0 { dynamic.append(reference.switchedGateCount - before) }
    }
    #expect(add["to_dynamic_per_vector"] as? [Int] == dynamic)
    let mean = Double(dynamic.reduce(0, +)) / Double(count - 1)
    #expect(abs((add["to_dynamic"] as? Double ?? 0) - mean) < 0.006)
    for op in ops where op["kind"] as? String == "primitive" {
      #expect((op["to_glitch_per_vector"] as? [Int])?.count == count - 1, "\(op["op"] ?? "")")
    }
  }

  @Test("export spice --testbench --stimulus drives the file's vectors and expects their sums")
  func spiceStimulus() throws {
    let path = try stimulusFile([[0x1, 0xF, 0x7, 0x8], [0x2, 0xF, 0x9, 0x0], [1, 0, 1, 1]], widths: [4, 4, 1], name: "spice")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = TestSupport.runTosim(["export", "spice", "int4.add:ripple-carry", "--testbench", "--stimulus", path])
    #expect(result.status == 0, "\(result.error)")
    let expect = result.output.split(separator: "\n").filter { $0.hasPrefix("*.EXPECT ") }
    #expect(expect == [
      "*.EXPECT 0 0x1 0x2 0x1 -> 0x4 0x0", "*.EXPECT 1 0xf 0xf 0x0 -> 0xe 0x1",
      "*.EXPECT 2 0x7 0x9 0x1 -> 0x1 0x1", "*.EXPECT 3 0x8 0x0 0x1 -> 0x9 0x0",
    ])
    #expect(result.output.contains("*.TOSIM vectors=4 "))
    #expect(result.output.contains("*.TOSIM to_dynamic_per_vector="))
  }

  @Test("bad stimulus files exit 65 with file:line; conflicting options exit 64", arguments: [
    ("1 2\n3 zz\n", ["explore", "adders", "--width", "4"], Int32(65), ":2: operand b = 'zz' is not a hexadecimal number of at most 4 bits"),
    ("1 2 1\n123 4\n", ["export", "spice", "int4.add", "--testbench"], 65, ":2: operand a = '123' is not a hexadecimal number of at most 4 bits"),
    ("1 2\n", ["explore", "adders", "--width", "4"], 65, "holds 1 vector(s); at least 2 are needed"),
    ("1 2 1 1\n3 4\n", ["explore", "adders", "--width", "4"], 65, ":1: expected 2 to 3 hexadecimal operands (a b cin), found 4"),
    ("1\n2\n", ["derive", "--int8", "--out", NSTemporaryDirectory() + "tosim-never"], 65, ":1: expected 2 hexadecimal operands (a b), found 1"),
    ("1 2\n3 4\n", ["explore", "adders", "--width", "4", "--seed", "2"], 64, "--seed does not apply with --stimulus FILE"),
    ("1 2\n3 4\n", ["derive", "--int8", "--fp16", "--out", "/tmp"], 64, "--stimulus FILE needs exactly one precision"),
    ("1 2\n3 4\n", ["export", "spice", "int4.add", "--testbench", "--vectors", "4"], 64, "--vectors does not apply with --stimulus FILE"),
    ("1 2\n3 4\n", ["explore", "adders", "--width", "4", "--per-vector"], 64, "--per-vector needs --json"),
  ])
  func badStimulus(text: String, arguments: [String], status: Int32, message: String) throws {
    let path = NSTemporaryDirectory() + "tosim-stimulus-\(UUID().uuidString).txt"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = TestSupport.runTosim(arguments + ["--stimulus", path, "--quiet"])
    #expect(result.status == status, "\(result.error)")
    #expect(result.error.contains(message), "\(result.error)")
    if status == 65 && message.hasPrefix(":") { #expect(result.error.contains(path + message)) }
  }

  @Test("a missing stimulus file exits 65 naming it")
  func missingFile() {
    let result = TestSupport.runTosim(["explore", "adders", "--width", "4", "--stimulus", "no-such-stimulus.txt"])
    #expect(result.status == 65)
    #expect(result.error.contains("no-such-stimulus.txt: cannot read the stimulus file"))
  }
}
