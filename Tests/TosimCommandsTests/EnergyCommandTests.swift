//===--- EnergyCommandTests.swift ------------------------------------------===//
// End-to-end `tosim fit` and `tosim estimate`: the built-in profile's joules
// for a tiny layer spec checked by hand, a fit on a synthetic CSV written to
// a temporary folder, the profile round trip into estimate, and bad input
// (missing columns, bad energies, unmappable models, unknown hardware, another
// profile schema) exiting 65 with the row and column named.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCommands
import _TosimTestSupport

@Suite("Energy commands")
struct EnergyCommandTests {
  static func folder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-energy-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func write(_ text: String, _ name: String, in folder: URL) -> String {
    let path = folder.appendingPathComponent(name).path
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    return path
  }

  static func number(_ key: String, in json: String) -> Double? {
    guard let range = json.range(of: "\"\(key)\": ") else { return nil }
    let rest = json[range.upperBound...].prefix { "0123456789.e-+".contains($0) }
    return Double(rest)
  }

  @Test("built-in profile: dense(2,3) costs 6 × (0.9 + 3.7) pJ + 56 B × 1.3 nJ / 8")
  func builtInTinyLayer() throws {
    let result = TestSupport.runTosim(["estimate", "dense(2,3)", "--json"])
    #expect(result.status == 0)
    // 6 MACs, each an fp32 mul and add calibrated to 4.6 pJ together; reads 11 floats, writes 3.
    let expected = 6 * 4.6e-12 + Double(11 * 4 + 3 * 4) * 1.3e-9 / 8
    let energy = try #require(Self.number("energy_j", in: result.output))
    #expect(abs(energy / expected - 1) < 1e-9)
    #expect(result.output.contains("\"built_in\": true"))
    #expect(result.error.contains("built-in first-principles profile answered"))
    let text = TestSupport.runTosim(["estimate", "dense(2,3)", "--quiet"])
    #expect(text.output.contains("built-in first-principles profile answered"))
    #expect(text.error.isEmpty)
  }

  /// A CSV of dense layers whose energy follows 1 nJ per MAC + 2 nJ per byte + 1 mJ per run.
  static func syntheticCSV(in folder: URL) -> String {
    var lines = ["model,batch,precision,mode,hardware,energy_j,time_s"]
    var k = 0
    for n in [8, 16, 32, 64, 128] {
      for m in [4, 12, 40, 100] {
        for batch in [1, 7] {
          k += 1
          let macs = Double(batch * n * m)
          let bytes = Double(4 * (batch * n + n * m + m) + 4 * batch * m)
          let energy = 1e-9 * macs + 2e-9 * bytes + 1e-3
          lines.append("\"dense(\(n),\(m))\",\(batch),fp32,forward,box-a,\(energy),\(energy / 50)")
        }
      }
    }
    return write(lines.joined(separator: "\n") + "\n", "runs.csv", in: folder)
  }

  @Test("fit: every predictor side by side in JSON; the profile feeds estimate with an interval")
  func fitAndEstimate() throws {
    let folder = Self.folder()
    let csv = Self.syntheticCSV(in: folder)
    let profile = folder.appendingPathComponent("box.json").path
    let svg = folder.appendingPathComponent("fit.svg").path
    let result = TestSupport.runTosim(["fit", csv, "--json", "--out", profile, "--svg", svg, "--quiet"])
    #expect(result.status == 0, "\(result.error)")
    for key in ["\"precision\"", "\"mape\"", "\"median_ape\"", "\"r2\"", "\"to-dynamic\"", "\"macs\"", "\"flops\""] {
      #expect(result.output.contains(key))
    }
    let plot = try String(contentsOfFile: svg, encoding: .utf8)
    #expect(plot.hasPrefix("<svg") && plot.contains("y = x"))
    let written = try String(contentsOfFile: profile, encoding: .utf8)
    #expect(written.contains("\"schema\": \"tosim.energy-profile/1\""))
    #expect(!written.contains("nan") && !written.contains("\"value\": -"))
    let estimate = TestSupport.runTosim(["estimate", "dense(64,40)", "--batch", "7", "--profile", profile, "--json"])
    #expect(estimate.status == 0, "\(estimate.error)")
    let energy = try #require(Self.number("energy_j", in: estimate.output))
    let truth = 1e-9 * Double(7 * 64 * 40) + 2e-9 * Double(4 * (7 * 64 + 64 * 40 + 40) + 4 * 7 * 40) + 1e-3
    #expect(abs(energy / truth - 1) < 0.01)
    #expect(estimate.output.contains("\"interval_j\": ["))
    #expect(estimate.output.contains("\"built_in\": false"))
    let unknown = TestSupport.runTosim(["estimate", "dense(64,40)", "--profile", profile, "--hardware", "nope"])
    #expect(unknown.status == 65)
    #expect(unknown.error.contains("unknown hardware 'nope'"))
  }

  @Test("bad measurement CSVs exit 65 naming the row and the column")
  func badCSVs() {
    let folder = Self.folder()
    let header = "model,batch,precision,mode,hardware,energy_j\n"
    let cases: [(String, String)] = [
      ("model,batch,precision,mode,hardware\n\"dense(2,2)\",1,fp32,forward,x\n", "missing column 'energy_j'"),
      (header + "\"dense(2,2)\",1,fp32,forward,x,1\n\"dense(2,2)\",1,fp32,forward,x,abc\n", "row 2, column 'energy_j'"),
      (header + "\"dense(2,2)\",1,fp32,forward,x,-3\n", "row 1, column 'energy_j': expected a positive number"),
      (header + "\"dense(2,2)\",1,fp32,sideways,x,1\n", "row 1, column 'mode'"),
      (header + "\"dense(2,2)\",0,fp32,forward,x,1\n", "row 1, column 'batch'"),
      (header + "\"dense(2,2)\",1,fp32,forward,x,1\nnotalayer(3),1,fp32,forward,x,1\n", "column 'model'"),
    ]
    for (k, (text, message)) in cases.enumerated() {
      let path = Self.write(text, "bad\(k).csv", in: folder)
      let result = TestSupport.runTosim(["fit", path, "--quiet"])
      #expect(result.status == 65, "case \(k): \(result.error)")
      #expect(result.error.contains(message), "case \(k): \(result.error)")
    }
  }

  @Test("a profile of another schema version exits 65")
  func otherSchema() {
    let folder = Self.folder()
    let path = Self.write("{\"schema\": \"tosim.energy-profile/0\", \"profiles\": []}", "old.json", in: folder)
    let result = TestSupport.runTosim(["estimate", "dense(2,3)", "--profile", path])
    #expect(result.status == 65)
    #expect(result.error.contains("tosim.energy-profile/0"))
  }

  @Test("fit and estimate have help and reject unknown options with 64")
  func helpAndUsage() {
    #expect(TestSupport.runTosim(["fit", "--help"]).output.contains("USAGE: tosim fit DATA.csv"))
    #expect(TestSupport.runTosim(["estimate", "--help"]).output.contains("first-principles"))
    #expect(TestSupport.runTosim(["fit", "x.csv", "--predictor", "watts"]).status == 64)
    #expect(TestSupport.runTosim(["estimate", "dense(2,3)", "--mode", "sideways"]).status == 64)
  }
}
