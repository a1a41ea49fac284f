//===--- ConventionTests.swift ---------------------------------------------===//
// The shared CLI conventions of docs/cli.md, checked end to end in-process:
// help, precision aliases, the one number syntax, truncated echoes, exit
// statuses per condition, output-path safety, derive's table writing and
// clean-up, --quiet/--json everywhere, and terminal-only progress.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCommands
import TosimFormats
import _TosimTestSupport

@Suite("CLI conventions")
struct ConventionTests {
  /// A fresh empty folder outside the package.
  static func scratch(_ name: String) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-conv-\(getpid())-\(name)").path
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test("help help works, --version is listed, single-dash words are options")
  func help() {
    let helpHelp = TestSupport.runTosim(["help", "help"])
    #expect(helpHelp.status == 0 && helpHelp.output.contains("USAGE: tosim help"))
    #expect(TestSupport.runTosim(["help"]).output.contains("--version"))
    #expect(TestSupport.runTosim(["--version"]).output == Tosim.version + "\n")
    let short = TestSupport.runTosim(["eval", "-l"])
    #expect(short.status == 64 && short.error.contains("unknown option '-l'"))
    #expect(TestSupport.runTosim(["help", "derive", "extra"]).status == 64)
  }

  @Test("every command takes --quiet, and --json where it prints results")
  func sharedFlags() {
    for command in Tosim.commands {
      let help = TestSupport.runTosim([command.name, "--help"]).output
      #expect(help.contains("--quiet"), "\(command.name)")
      #expect(help.contains("--json"), "\(command.name)")
    }
  }

  @Test("precision names are case-insensitive with aliases; bad names list the valid ones")
  func precisionAliases() throws {
    for (alias, precision) in [("FP32", Precision.fp32), ("single", .fp32), ("fp8e4m3", .fp8e4m3), ("E4M3", .fp8e4m3),
      ("e5m2", .fp8e5m2), ("BFloat16", .bf16), ("Int8", .int8)]
    {
      #expect(try Precision(parsing: alias) == precision, "\(alias)")
    }
    for precision in Precision.allCases { #expect(try Precision(parsing: precision.rawValue) == precision) }
    let spec = "dense(8,4) relu"
    let canonical = TestSupport.runTosim(["count", spec, "--precision", "fp8-e4m3", "--json"])
    #expect(canonical.status == 0)
    #expect(TestSupport.runTosim(["count", spec, "--precision", "E4M3", "--json"]).output == canonical.output)
    let bad = TestSupport.runTosim(["count", spec, "--precision", "fp7"])
    #expect(bad.status == 64)
    for precision in Precision.allCases { #expect(bad.error.contains(precision.rawValue)) }
    let unit = TestSupport.runTosim(["eval", "FP16.add"], input: "3c00 3c00\n")
    #expect(unit.status == 0 && unit.output == "4000\n")  // 1 + 1 = 2 in binary16
  }

  @Test("eval --json names the design a unit was built with, defaults included")
  func evalJSONDesign() throws {
    for (unit, design) in [("int8.add", "ripple-carry"), ("int8.add:sklansky", "sklansky"), ("fp16.div", "restoring")] {
      let result = TestSupport.runTosim(["eval", unit, "--json"], input: "1 1\n")
      let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
      #expect(json["design"] as? String == design, "\(unit)")
      #expect((json["results"] as? [Any])?.count == 1)
    }
  }

  @Test("every whole-number option reads decimal with _ and 0x hexadecimal alike")
  func numberSyntax() {
    let base = ["explore", "adders", "--width", "4", "--json", "--quiet"]
    let decimal = TestSupport.runTosim(base + ["--vectors", "256", "--seed", "4096"])
    #expect(decimal.status == 0)
    #expect(TestSupport.runTosim(base + ["--vectors", "0x100", "--seed", "4_096"]).output == decimal.output)
    #expect(TestSupport.runTosim(base + ["--vectors", "2_56", "--seed", "0x1000"]).output == decimal.output)
    #expect(TestSupport.runTosim(["count", "dense(2,2)", "--batch", "0x10"]).output
      == TestSupport.runTosim(["count", "dense(2,2)", "--batch", "16"]).output)
    #expect(TestSupport.runTosim(base + ["--vectors", "12abc"]).status == 64)
  }

  @Test("seeds are JSON numbers, even the largest")
  func seedsAreNumbers() throws {
    let result = TestSupport.runTosim(
      ["explore", "adders", "--width", "2", "--vectors", "16", "--seed", "0xFFFFFFFFFFFFFFFF", "--json"])
    #expect(result.status == 0)
    #expect(result.output.contains("\"seed\": 18446744073709551615,"))
  }

  @Test("long user text is echoed shortened")
  func truncatedEcho() {
    let operand = String(repeating: "7", count: 1_000_000)
    let result = TestSupport.runTosim(["eval", "int8.add"], input: operand + " 1\n")
    #expect(result.status == 65)
    #expect(result.error.count < 400)
    #expect(result.error.contains("(1000000 characters)"))
    let option = TestSupport.runTosim(["explore", "adders", "--width", String(repeating: "9", count: 100_000)])
    #expect(option.status == 64 && option.error.count < 600)
  }

  @Test("fp sqrt takes one operand")
  func squareRootOperand() {
    let values: [Float] = [1, 4, 2, 0.25, 1e10]
    let input = values.map { String($0.bitPattern, radix: 16) }.joined(separator: "\n") + "\n"
    let result = TestSupport.runTosim(["eval", "fp32.sqrt"], input: input)
    #expect(result.status == 0, "\(result.error)")
    let expected = values.map { hex32($0.squareRoot().bitPattern) }.joined(separator: "\n") + "\n"
    #expect(result.output == expected)
  }

  private func hex32(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
  }

  @Test("every misspelt unit is a usage error (64)", arguments: [
    "int8.frobnicate", "int8.add:frobnicate", "fp32.frobnicate", "fp33.add", "int999.add", "int8.inc:ripple-carry",
    "fp32.mul:nope", "add",
  ])
  func misspeltUnits(unit: String) {
    let result = TestSupport.runTosim(["eval", unit], input: "1 1\n")
    #expect(result.status == 64, "\(unit): \(result.error)")
  }

  @Test("an output equal to an input design is refused before any work")
  func outputIsInput() throws {
    let folder = Self.scratch("same")
    let design = folder + "/adder.blif"
    try FileManager.default.copyItem(atPath: TestSupport.path("circuits/designs/adder8_cmos.blif"), toPath: design)
    let original = try String(contentsOfFile: design, encoding: .utf8)
    for arguments in [
      ["export", "verilog", "--design", "adder.blif", "--out", "./adder.blif"],
      ["export", "verilog", "--design", "adder.blif", "--output", design],
      ["explore", "adders", "--width", "8", "--design", "adder.blif", "--svg", "../\((folder as NSString).lastPathComponent)/adder.blif"],
    ] {
      let result = TestSupport.runTosim(arguments, workingDirectory: folder)
      #expect(result.status == 64 && result.error.contains("refusing to overwrite"), "\(arguments): \(result.error)")
    }
    #expect(try String(contentsOfFile: design, encoding: .utf8) == original)
    let verilog = TestSupport.runTosim(["export", "verilog", "--design", "adder.blif", "--out", "adder.v", "--quiet"],
      workingDirectory: folder)
    #expect(verilog.status == 0 && verilog.error.isEmpty)
    #expect(try String(contentsOfFile: folder + "/adder.v", encoding: .utf8).contains("module adder"))
  }

  @Test("unwritable outputs exit 73 and a folder as a model exits 65, in plain words")
  func plainFileErrors() throws {
    let folder = Self.scratch("plain")
    try "x".write(toFile: folder + "/file", atomically: true, encoding: .utf8)
    for arguments in [
      ["derive", "--fp8-e4m3", "--vectors", "16", "--out", folder + "/file/tables"],
      ["export", "verilog", "int4.add", "--out", folder + "/file/x.v"],
      ["explore", "adders", "--width", "4", "--vectors", "16", "--svg", folder + "/file/p.svg"],
    ] {
      let result = TestSupport.runTosim(arguments)
      #expect(result.status == 73, "\(arguments): \(result.error)")
      #expect(result.error.contains("is a file, not a folder") && !result.error.contains("NSCocoaErrorDomain"))
    }
    let model = TestSupport.runTosim(["count", folder])
    #expect(model.status == 65 && model.error.contains("is a folder") && !model.error.contains("NSCocoaErrorDomain"))
  }

  @Test("derive outside the package needs --out or TOSIM_TABLES; its --json lists the files written")
  func deriveLocation() throws {
    let folder = Self.scratch("where")
    #expect(TestSupport.runTosim(["derive", "--fp8-e5m2", "--vectors", "16"], workingDirectory: folder).status == 64)
    let result = TestSupport.runTosim(["derive", "--precision", "E5M2", "--vectors", "16", "--json", "--seed", "0x10"],
      workingDirectory: folder, environment: ["TOSIM_TABLES": "tables"])
    #expect(result.status == 0, "\(result.error)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let table = try #require((json["tables"] as? [[String: Any]])?.first)
    #expect(table["seed"] as? Int == 16 && table["precision"] as? String == "fp8-e5m2")
    for file in try #require(table["files"] as? [String]) { #expect(FileManager.default.fileExists(atPath: file)) }
    let csv = try String(contentsOfFile: folder + "/tables/fp8-e5m2.csv", encoding: .utf8)
    #expect(csv.hasPrefix("op,kind,unit"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/tables").sorted() == ["fp8-e5m2.csv", "fp8-e5m2.json"])
  }

  /// The id of a process that has exited.
  static func deadProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exit 0"]
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
  }

  @Test("derive completes a pair a killed run left half-renamed and removes stale temporaries")
  func deriveRepairs() throws {
    let folder = Self.scratch("repair")
    let pid = try Self.deadProcessID()
    // A run killed between its two renames: new JSON in place, new CSV still a temporary.
    try "new json\n".write(toFile: folder + "/fp8-e4m3.json", atomically: true, encoding: .utf8)
    try "old csv\n".write(toFile: folder + "/fp8-e4m3.csv", atomically: true, encoding: .utf8)
    try "new csv\n".write(toFile: folder + "/.fp8-e4m3.csv.tmp-\(pid)", atomically: true, encoding: .utf8)
    try "pid \(pid)\n\(folder)/.fp8-e4m3.json.tmp-\(pid)\t\(folder)/fp8-e4m3.json\n\(folder)/.fp8-e4m3.csv.tmp-\(pid)\t\(folder)/fp8-e4m3.csv\n"
      .write(toFile: folder + "/.fp8-e4m3.pair", atomically: true, encoding: .utf8)
    // A run killed before its journal: only a temporary.
    try "partial".write(toFile: folder + "/.bf16.json.tmp-\(pid)", atomically: true, encoding: .utf8)
    let result = TestSupport.runTosim(["derive", "--fp8-e5m2", "--vectors", "16", "--out", folder])
    #expect(result.status == 0, "\(result.error)")
    #expect(try String(contentsOfFile: folder + "/fp8-e4m3.csv", encoding: .utf8) == "new csv\n")
    #expect(try String(contentsOfFile: folder + "/fp8-e4m3.json", encoding: .utf8) == "new json\n")
    #expect(result.error.contains("completed") && result.error.contains("removed .bf16.json.tmp-\(pid)"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
      == ["fp8-e4m3.csv", "fp8-e4m3.json", "fp8-e5m2.csv", "fp8-e5m2.json"])
    // A live process's temporary is left alone.
    try "mine".write(toFile: folder + "/.x.tmp-1", atomically: true, encoding: .utf8)
    #expect(TestSupport.runTosim(["derive", "--fp8-e5m2", "--vectors", "16", "--out", folder, "--quiet"]).error.isEmpty)
    #expect(FileManager.default.fileExists(atPath: folder + "/.x.tmp-1"))
  }

  @Test("a missing table's hint is a derive command that works")
  func missingTableHint() throws {
    // $TOSIM_TABLES names a folder without the table: the hint derives it there, and the count then finds it.
    let folder = Self.scratch("hint")
    let environment = ["TOSIM_TABLES": folder]
    let result = TestSupport.runTosim(
      ["count", "dense(2,2)", "--precision", "e5m2"], workingDirectory: folder, environment: environment)
    #expect(result.status == 0)
    let start = try #require(result.output.range(of: "`tosim "))
    let end = try #require(result.output[start.upperBound...].firstIndex(of: "`"))
    let hint = result.output[start.upperBound..<end].split(separator: " ").map(String.init)
    #expect(hint == ["derive", "--precision", "fp8-e5m2", "--out", folder])
    let derived = TestSupport.runTosim(hint + ["--vectors", "16", "--quiet"])
    #expect(derived.status == 0, "\(derived.error)")
    let again = TestSupport.runTosim(
      ["count", "dense(2,2)", "--precision", "e5m2"], workingDirectory: folder, environment: environment)
    #expect(again.status == 0 && again.output.contains("TOs for fp8-e5m2 from " + folder + "/fp8-e5m2.json"))
  }

  @Test("derive takes any precision: int64, checked against 128-bit products", arguments: ["uniform", "normal"])
  func deriveInt64(operands: String) throws {
    let folder = Self.scratch("int64-" + operands)
    let result = TestSupport.runTosim(
      ["derive", "--precision", "INT64", "--vectors", "64", "--operands", operands, "--out", folder, "--json", "--quiet"])
    #expect(result.status == 0, "\(result.error)")
    let csv = try String(contentsOfFile: folder + "/int64.csv", encoding: .utf8)
    #expect(csv.contains("\nmul,primitive,int64.smul,") && csv.contains("\ndiv,primitive,int64.div,"))
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(((json["tables"] as? [[String: Any]])?.first?["ops"] as? [Any])?.count == 6)
  }

  @Test("progress goes to standard error only on a terminal, and never with --quiet")
  func progressOnlyOnTerminals() {
    func run(terminal: Bool, quiet: Bool) -> String {
      final class Buffer: @unchecked Sendable {
        var text = ""
        let lock = NSLock()
        func append(_ s: String) { lock.lock(); text += s; lock.unlock() }
      }
      let error = Buffer()
      let context = CommandContext(
        standardOutput: { _ in }, standardError: error.append, readStandardInput: { "" }, environment: [:],
        workingDirectory: TestSupport.packageRoot, isErrorTerminal: terminal)
      let arguments = ["explore", "adders", "--width", "4", "--vectors", "32"] + (quiet ? ["--quiet"] : [])
      _ = Tosim.main(arguments, context: context)
      return error.text
    }
    let shown = run(terminal: true, quiet: false)
    #expect(shown.contains("explore: [1/7, ") && shown.contains("explore: [7/7, "))
    #expect(run(terminal: false, quiet: false).isEmpty)
    #expect(run(terminal: true, quiet: true).isEmpty)
  }

  @Test("a verification mismatch is exit 65 in explore, like bad data")
  func mismatchStatus() throws {
    let folder = Self.scratch("mismatch")
    let blif = try String(contentsOfFile: TestSupport.path("circuits/designs/adder8_cmos.blif"), encoding: .utf8)
    // Swap the roles of two outputs' drivers by renaming the output list order.
    let broken = blif.replacingOccurrences(of: "y[0]", with: "TMPNET").replacingOccurrences(of: "y[1]", with: "y[0]")
      .replacingOccurrences(of: "TMPNET", with: "y[1]")
    try broken.write(toFile: folder + "/bad.blif", atomically: true, encoding: .utf8)
    let result = TestSupport.runTosim(["explore", "adders", "--width", "8", "--vectors", "64", "--design", folder + "/bad.blif"])
    #expect(result.status == 65, "\(result.error)")
    #expect(result.error.contains("differ"))
  }

  @Test("derive reports each table's write after its own units, one line per table")
  func tablesWrittenAfterTheirUnits() {
    final class Buffer: @unchecked Sendable {
      var lines: [String] = []
      let lock = NSLock()
      func append(_ s: String) { lock.lock(); lines += s.split(separator: "\n").map(String.init); lock.unlock() }
    }
    let folder = Self.scratch("early")
    let error = Buffer()
    let context = CommandContext(
      standardOutput: { _ in }, standardError: error.append, readStandardInput: { "" }, environment: [:],
      workingDirectory: TestSupport.packageRoot, isErrorTerminal: true)
    // That a table is handed over before the other precision's units finish
    // is checked, without timing, in the derivation's own tests.
    let status = Tosim.main(["derive", "--int8", "--fp8-e4m3", "--vectors", "32", "--out", folder], context: context)
    #expect(status == 0)
    let units = error.lines.filter { $0.contains("transistors") }
    #expect(units.count == 14)
    for precision in ["int8", "fp8-e4m3"] {
      let write = error.lines.firstIndex { $0.contains("wrote \(precision).json and .csv") }
      let lastUnit = error.lines.lastIndex { $0.contains("] \(precision).") && $0.contains("transistors") }
      #expect(write != nil && lastUnit != nil && lastUnit! < write!, "\(error.lines)")
      #expect(FileManager.default.fileExists(atPath: folder + "/\(precision).json"))
    }
    #expect(error.lines.filter { $0.contains(".json and .csv") }.count == 2)
  }

  @Test("count warns about a table pair an interrupted derive left unfinished")
  func countSeesUnfinishedPair() throws {
    let folder = Self.scratch("journal")
    try "pid 1\n".write(toFile: folder + "/.fp32.pair", atomically: true, encoding: .utf8)
    let result = TestSupport.runTosim(["count", "dense(2,2)"], environment: ["TOSIM_TABLES": folder])
    #expect(result.status == 0 && result.error.contains("unfinished write of the fp32 table"))
  }
}
