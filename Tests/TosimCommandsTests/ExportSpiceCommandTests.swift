//===--- ExportSpiceCommandTests.swift -------------------------------------===//
// `tosim export spice --testbench` end to end: the PWL sources apply tosim's
// own seeded operand stream, the expected outputs are the arithmetic, every
// output bit is sampled once per vector, tosim's TO counts ride along, and
// bad input (unknown devices, model files lacking the names, oversized decks,
// spice options on verilog) exits 64/65 saying what is wrong. No ngspice needed.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCost
import TosimEvaluation
import TosimFormats
import _TosimTestSupport

@Suite("export spice")
struct ExportSpiceCommandTests {
  /// The `*.EXPECT` lines: inputs and outputs per vector.
  func expectations(_ deck: String) -> [(inputs: [UInt64], outputs: [UInt64])] {
    deck.split(separator: "\n").filter { $0.hasPrefix("*.EXPECT ") }.map { line in
      let halves = line.dropFirst("*.EXPECT ".count).components(separatedBy: " -> ")
      func values(_ text: String) -> [UInt64] {
        text.split(separator: " ").map { UInt64($0.dropFirst(2), radix: 16)! }
      }
      return (values(String(halves[0].split(separator: " ", maxSplits: 1)[1])), values(halves[1]))
    }
  }

  /// The level (0/1) the PWL of `node` holds in period k, from its points.
  func pwlLevels(_ deck: String, node: String, period: Double, count: Int) throws -> [Bool] {
    let joined = deck.replacingOccurrences(of: "\n+", with: "")
    let start = try #require(joined.range(of: "VIN_\(node) \(node)_src 0 PWL("))
    let body = joined[start.upperBound...].prefix { $0 != ")" }
    let numbers = body.split(separator: " ").map(String.init)
    var points: [(Double, Double)] = []
    for i in stride(from: 0, to: numbers.count - 1, by: 2) {
      points.append((Double(numbers[i].dropLast())! * 1e-12, Double(numbers[i + 1])!))
    }
    return (0..<count).map { k in
      let t = (Double(k) + 0.5) * period
      return (points.last { $0.0 <= t }?.1 ?? 0) > 0.9
    }
  }

  @Test("testbench vectors are tosim's stream and the expected outputs are a + b + cin")
  func adderTestbench() throws {
    let result = TestSupport.runTosim([
      "export", "spice", "int4.add:ripple-carry", "--testbench", "--vectors", "24", "--seed", "7", "--period", "3n",
    ])
    #expect(result.status == 0, "\(result.error)")
    let deck = result.output
    let stream = OperandStream(.uniform, precision: .int64, seed: 7).vectors(widths: [4, 4, 1], count: 24)
    let rows = expectations(deck)
    #expect(rows.count == 24)
    for (k, row) in rows.enumerated() {
      #expect(row.inputs == [stream[0][k], stream[1][k], stream[2][k]])
      let sum = stream[0][k] + stream[1][k] + stream[2][k]
      #expect(row.outputs == [sum & 0xF, sum >> 4])
    }
    // The drivers' PWL sources apply the same bits, vector k in period k.
    for bit in 0..<4 {
      let levels = try pwlLevels(deck, node: "a_\(bit)", period: 3e-9, count: 24)
      #expect(levels == (0..<24).map { stream[0][$0] >> UInt64(bit) & 1 == 1 })
    }
    #expect(try pwlLevels(deck, node: "cin", period: 3e-9, count: 24) == (0..<24).map { stream[2][$0] == 1 })
    // Every output bit sampled once per vector, just before the next edge.
    let samples = deck.split(separator: "\n").filter { $0.hasPrefix(".meas tran s") }
    #expect(samples.count == 24 * 5)
    #expect(deck.contains(".meas tran s0_y_0 FIND v(y_0) AT=2950p\n"))
    #expect(deck.contains(".meas tran s23_cout FIND v(cout) AT=71950p\n"))
    #expect(deck.contains(".meas tran q_unit INTEG i(VUNIT) FROM=3000p TO=72000p\n"))
    #expect(deck.contains(".save i(VUNIT) i(VDRV) i(VREF) v(y_0) v(y_1) v(y_2) v(y_3) v(cout)\n.tran 50p 75000p\n"))
    // Every driver has an unloaded replica on VREF fed by the same source.
    #expect(deck.contains("XDRV1_a_0 a_0_src a_0_inv VDRV 0 TB_INV\nXDRV2_a_0 a_0_inv a_0 VDRV 0 TB_INV\n"))
    #expect(deck.contains("XREF1_a_0 a_0_src a_0_rinv VREF 0 TB_INV\nXREF2_a_0 a_0_rinv a_0_ref VREF 0 TB_INV\n"))
    #expect(deck.split(separator: "\n").filter { $0.hasPrefix("XREF") }.count == 2 * 9)
    #expect(deck.contains(".meas tran q_ref INTEG i(VREF) FROM=3000p TO=72000p\n"))
    #expect(deck.contains(".meas tran q_ref_23 INTEG i(VREF) FROM=69000p TO=72000p\n"))
    #expect(deck.contains("*.TOSIM cap_inertial_input_gate_fF="))
    #expect(deck.contains("XDUT a_0 a_1 a_2 a_3 b_0 b_1 b_2 b_3 cin y_0 y_1 y_2 y_3 cout VDD 0 int4_add_ripple_carry\n"))
    #expect(deck.contains("*.TOSIM transistors=112\n"))
    #expect(deck.contains("*.TOSIM to_dynamic="))
    #expect(deck.contains(".model nmos nmos level=1"))
    #expect(deck.hasSuffix(".end\n"))
  }

  @Test("a multiplier testbench expects the product; normal operands follow derive's stream")
  func multiplierTestbench() throws {
    let result = TestSupport.runTosim([
      "export", "spice", "int8.mul:dadda", "--testbench", "--vectors", "10", "--operands", "normal", "--seed", "3",
    ])
    #expect(result.status == 0, "\(result.error)")
    let stream = OperandStream(.normal, precision: .int8, seed: 3).vectors(widths: [8, 8], count: 10)
    for (k, row) in expectations(result.output).enumerated() {
      #expect(row.inputs == [stream[0][k], stream[1][k]])
      #expect(row.outputs == [stream[0][k] * stream[1][k]])
    }
  }

  @Test("a model file, corner and PDK names map the devices; the sky130 layout is found through .lib")
  func models() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-pdk-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try ".lib tt\n.include \"fets.spice\"\n.endl tt\n".write(to: folder.appendingPathComponent("pdk.lib"), atomically: true, encoding: .utf8)
    try ".option scale=1u\n.subckt nf d g s b\n.ends\n.subckt pf d g s b\n.ends\n"
      .write(to: folder.appendingPathComponent("fets.spice"), atomically: true, encoding: .utf8)
    let path = folder.appendingPathComponent("pdk.lib").path
    let ok = TestSupport.runTosim([
      "export", "spice", "int2.add:ripple-carry", "--testbench", "--vectors", "4", "--models", path, "--corner", "tt",
      "--nmos", "nf", "--pmos", "pf",
    ])
    #expect(ok.status == 0, "\(ok.error)")
    #expect(ok.output.contains(".lib \"\(path)\" tt\n"))
    #expect(ok.output.contains("XMN13 S SN VSS VSS nf W=0.42 L=0.15 "))
    #expect(!ok.output.contains(".model nmos"))

    let lacking = TestSupport.runTosim([
      "export", "spice", "int2.add:ripple-carry", "--models", path, "--corner", "tt", "--nmos", "nf", "--pmos", "pfet",
    ])
    #expect(lacking.status == 65)
    #expect(lacking.error.contains("no .model or .subckt named 'pfet' (given as --pmos)"))
    let corner = TestSupport.runTosim([
      "export", "spice", "int2.add:ripple-carry", "--models", path, "--corner", "ss", "--nmos", "nf", "--pmos", "pf",
    ])
    #expect(corner.status == 65)
    #expect(corner.error.contains("no .lib section SS"))
  }

  @Test("bad input exits 64 or 65 and says why", arguments: [
    (["export", "spice", "int32.mul:dadda", "--testbench", "--vectors", "10000"], Int32(64), "exceeds the limit of 20000000 transistor-vectors"),
    (["export", "spice", "int4.add:ripple-carry", "--vectors", "10"], 64, "--vectors needs --testbench"),
    (["export", "spice", "int4.add:ripple-carry", "--models", "x.lib"], 64, "--models needs --nmos NAME and --pmos NAME"),
    (["export", "spice", "int4.add:ripple-carry", "--nmos", "n"], 64, "--nmos needs --models FILE"),
    (["export", "verilog", "int4.add:ripple-carry", "--testbench"], 64, "applies to export spice only"),
    (["export", "spice", "int4.add:ripple-carry", "--testbench", "--period", "fast"], 64, "option '--period' expects a time"),
    (["export", "spice", "int4.add:ripple-carry", "--testbench", "--operands", "zipf"], 64, "expects uniform or normal"),
    (["export", "spice", "int6.mul:dadda", "--testbench", "--operands", "normal"], 64, "--operands normal needs an 8-"),
    (["export", "spice", "int4.add:ripple-carry", "--models", "/nonexistent.lib", "--nmos", "n", "--pmos", "p"], 65, "cannot read model file"),
    (["export", "pdf", "int4.add:ripple-carry"], 64, "supported: verilog, spice"),
  ] as [([String], Int32, String)])
  func badInput(arguments: [String], status: Int32, message: String) {
    let result = TestSupport.runTosim(arguments)
    #expect(result.status == status, "\(result.error)")
    #expect(result.error.contains(message), "\(result.error)")
  }

  @Test("a BLIF design's expected outputs are its logic (tosim's simulation), with capacitance annotations")
  func designTestbench() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-blif-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("tiny.blif").path
    try ".model tiny\n.inputs a b\n.outputs y z\n.gate NAND2 A=a B=b Y=n1\n.gate INV A=n1 Y=y\n.gate INV A=a Y=z\n.end\n"
      .write(toFile: path, atomically: true, encoding: .utf8)
    let result = TestSupport.runTosim(["export", "spice", "--design", path, "--testbench", "--vectors", "12", "--seed", "5"])
    #expect(result.status == 0, "\(result.error)")
    let rows = expectations(result.output)
    #expect(rows.count == 12)
    for row in rows { #expect(row.outputs == [row.inputs[0] & row.inputs[1], 1 - row.inputs[0]]) }
    #expect(result.output.contains("*.TOSIM reference=tosim-simulation"))
    #expect(result.output.contains("*.TOSIM cap_gate_fF="))
    #expect(result.output.contains("*.TOSIM fanout_glitch_toggles="))

    // A design without inputs cannot be driven: a usage error, not a trap.
    let constant = folder.appendingPathComponent("constant.blif").path
    try ".model constant\n.outputs k\n.names k\n1\n.end\n".write(toFile: constant, atomically: true, encoding: .utf8)
    let refused = TestSupport.runTosim(["export", "spice", "--design", constant, "--testbench"])
    #expect(refused.status == 64, "\(refused.error)")
    #expect(refused.error.contains("at least one input and one output"))
  }

  @Test("--out and --output write the same file")
  func outAlias() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let a = folder.appendingPathComponent("a.sp").path, b = folder.appendingPathComponent("b.sp").path
    #expect(TestSupport.runTosim(["export", "spice", "int4.add:kogge-stone", "--out", a]).status == 0)
    #expect(TestSupport.runTosim(["export", "spice", "int4.add:kogge-stone", "--output", b]).status == 0)
    #expect(try String(contentsOfFile: a, encoding: .utf8) == String(contentsOfFile: b, encoding: .utf8))
    #expect(try String(contentsOfFile: a, encoding: .utf8).contains(".SUBCKT int4_add_kogge_stone a_0 a_1 a_2 a_3 b_0"))
  }
}
