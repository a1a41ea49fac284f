//===--- ExploreAndEvalCommandTests.swift ----------------------------------===//
// `tosim explore`, `tosim eval` and `tosim export verilog` on the integer
// units, run in-process: rows and Pareto marks, determinism, JSON and SVG,
// and exit statuses for bad input. (The user-design hook is tested at the
// library level in TosimEvaluationTests.)
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCircuits
import TosimEvaluation
import _TosimTestSupport

@Suite("explore and eval commands")
struct ExploreAndEvalCommandTests {
  @Test("explore adders lists every design, marks a Pareto front, and is deterministic")
  func exploreAdders() {
    let arguments = ["explore", "adders", "--width", "8", "--vectors", "512", "--seed", "3"]
    let result = TestSupport.runTosim(arguments)
    #expect(result.status == 0, "\(result.error)")
    for design in Adders.Design.allCases { #expect(result.output.contains("\n\(design.rawValue) "), "\(design)") }
    #expect(result.output.contains("*"))
    #expect(result.error.isEmpty)  // progress goes only to a terminal
    #expect(TestSupport.runTosim(arguments).output == result.output)
    #expect(TestSupport.runTosim(["explore", "adders", "--width", "8", "--vectors", "512", "--seed", "4"]).output != result.output)
  }

  @Test("explore --json and --svg for every family")
  func exploreFormats() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-explore-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    for family in ["multipliers", "dividers", "sqrt"] {
      let svg = folder.appendingPathComponent("\(family).svg").path
      let result = TestSupport.runTosim(["explore", family, "--width", "6", "--vectors", "300", "--json", "--svg", svg])
      #expect(result.status == 0, "\(result.error)")
      let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
      let designs = json?["designs"] as? [[String: Any]] ?? []
      #expect(designs.count == DesignExploration.Family(rawValue: family)!.operation.designs.count)
      #expect(designs.allSatisfy { ($0["to_glitch_mean"] as? Double ?? -1) >= ($0["to_dynamic_mean"] as? Double ?? 0) - 1e-9 })
      let text = try String(contentsOfFile: svg, encoding: .utf8)
      #expect(text.hasPrefix("<svg") && text.contains("</svg>") && text.contains("<circle"))
    }
  }

  @Test("explore rejects bad input with exit 64")
  func exploreUsage() {
    for arguments in [["explore", "adders"], ["explore", "adders", "--width", "0"], ["explore", "adders", "--width", "129"],
      ["explore", "frobs", "--width", "8"], ["explore", "--width", "8"], ["explore", "adders", "--width", "8", "--vectors", "1"],
      ["explore", "adders", "--width", "x"]] {
      let result = TestSupport.runTosim(arguments)
      #expect(result.status == 64, "\(arguments)")
      #expect(result.error.contains("Usage: tosim explore"), "\(arguments)")
    }
  }

  @Test("eval runs every family's netlist; bad lines exit 65 with the line number")
  func eval() {
    let cases: [(String, String, String)] = [
      ("int8.mul:booth-dadda", "ff 03\n0x80 0x80\n", "02fd\n4000\n"),
      ("int8.smul:wallace", "ff 03\n80 80\n", "fffd\n4000\n"),
      ("int16.div:newton-raphson", "64 7\nffff 0\n", "000e 0002\nffff ffff\n"),
      ("int16.sqrt:newton-raphson", "ffff\n10\n", "ff 1fe\n04 000\n"),
      ("int32.add:kogge-stone", "ffffffff 1 0\n", "00000000 1\n"),
      ("int8.cmp:sklansky", "3 5\n5 5\n", "1\n2\n"),
      ("int8.shr", "ff 4\n", "0f 1\n"),
    ]
    for (unit, input, expected) in cases {
      let result = TestSupport.runTosim(["eval", unit], input: input)
      #expect(result.status == 0 && result.output == expected, "\(unit): \(result.output) \(result.error)")
    }
    let bad = TestSupport.runTosim(["eval", "int8.div"], input: "1 2\n1 zz\n")
    #expect(bad.status == 65 && bad.error.contains("<stdin>:2:"))
    let wide = TestSupport.runTosim(["eval", "int8.mul"], input: "100 1\n")
    #expect(wide.status == 65)
    #expect(TestSupport.runTosim(["eval", "int8.mul:radix8"]).status == 64)  // a misspelt unit is a usage error
    let list = TestSupport.runTosim(["eval", "--list"])
    for word in ["booth-dadda", "newton-raphson", "digit-recurrence", "carry-skip", "lzc", "sticky"] {
      #expect(list.output.contains(word), "\(word)")
    }
  }

  @Test("export verilog names the module after the unit")
  func export() {
    let result = TestSupport.runTosim(["export", "verilog", "int16.mul:dadda+brent-kung"])
    #expect(result.status == 0)
    #expect(result.output.contains("module int16_mul_dadda_brent_kung"))
    #expect(result.output.contains("output [31:0] y"))
  }
}
