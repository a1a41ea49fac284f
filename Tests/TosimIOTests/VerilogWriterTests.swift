//===--- VerilogWriterTests.swift ------------------------------------------===//
// Structural Verilog export: the text's shape, and — where Icarus Verilog is
// installed (.ci/run installs it) — a simulation of the exported adder
// compared with `a + b + cin` on every input of a 4-bit unit.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCircuits
import TosimIO
import TosimNetlist
import _TosimTestSupport

@Suite("Verilog writer")
struct VerilogWriterTests {
  func netlist(_ unit: String) throws -> Netlist {
    try UnitCatalog.build(UnitName(parsing: unit), library: TestSupport.shippedLibrary)
  }

  @Test("module, ports and cell modules")
  func shape() throws {
    let text = VerilogWriter.write(try netlist("int4.add:ripple-carry"), moduleName: "int4_add_ripple_carry")
    #expect(text.contains("module int4_add_ripple_carry(a, b, cin, y, cout);"))
    #expect(text.contains("  input [3:0] a;"))
    #expect(text.contains("  output cout;"))
    #expect(text.contains("module FA(input A, input B, input CI, output S, output CO);"))
    #expect(text.components(separatedBy: "  FA u").count - 1 == 4)
    #expect(VerilogWriter.expression(TruthTable(inputCount: 2) { $0[0] && !$0[1] }, inputs: ["A", "B"]) == "(A & ~B)")
  }

  static let iverilog = ["/usr/bin/iverilog", "/usr/local/bin/iverilog"].first { FileManager.default.isExecutableFile(atPath: $0) }

  @Test("Icarus Verilog simulates the exported adder exactly", .enabled(if: iverilog != nil))
  func icarus() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-verilog-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let design = VerilogWriter.write(try netlist("int4.add:ripple-carry"), moduleName: "int4_add_ripple_carry")
    let bench = """
      module bench;
        reg [3:0] a, b; reg cin; wire [3:0] y; wire cout; integer i, errors;
        int4_add_ripple_carry dut(.a(a), .b(b), .cin(cin), .y(y), .cout(cout));
        initial begin
          errors = 0;
          for (i = 0; i < 512; i = i + 1) begin
            {cin, b, a} = i; #1;
            if ({cout, y} !== a + b + cin) errors = errors + 1;
          end
          $display("errors=%0d", errors);
        end
      endmodule
      """
    try design.write(to: folder.appendingPathComponent("design.v"), atomically: true, encoding: .utf8)
    try bench.write(to: folder.appendingPathComponent("bench.v"), atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("sim").path
    #expect(try run(Self.iverilog!, ["-o", output, folder.appendingPathComponent("design.v").path, folder.appendingPathComponent("bench.v").path]).status == 0)
    let vvp = URL(fileURLWithPath: Self.iverilog!).deletingLastPathComponent().appendingPathComponent("vvp").path
    let result = try run(vvp, [output])
    #expect(result.output.contains("errors=0"), "\(result.output)")
  }

  func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
