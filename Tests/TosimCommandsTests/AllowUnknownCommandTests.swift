//===--- AllowUnknownCommandTests.swift ------------------------------------===//
// `tosim count --allow-unknown` end to end: the text and JSON reports mark
// the totals partial and say how many nodes were skipped; without the flag
// the same file is exit 65 naming the node.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import _TosimTestSupport

@Suite("count --allow-unknown")
struct AllowUnknownCommandTests {
  @Test("text and JSON reports mark the totals partial; without the flag the file is exit 65")
  func reports() throws {
    let file = Fixtures.path("models/unknown_op.onnx")
    let folder = FileManager.default.temporaryDirectory.path
    let text = TestSupport.runTosim(["count", file, "--allow-unknown", "--batch", "2"], workingDirectory: folder)
    #expect(text.status == 0)
    #expect(text.output.contains("PARTIAL: totals leave out 1 node of unknown operators, counted as zero-cost"))
    #expect(text.output.contains("b      Relu  fp32  2x2x8"))
    let json = TestSupport.runTosim(["count", file, "--allow-unknown", "--json"], workingDirectory: folder)
    #expect(json.status == 0 && json.output.contains(#""partial": true"#) && json.output.contains(#""skipped_count": 1"#))
    let strict = TestSupport.runTosim(["count", file], workingDirectory: folder)
    #expect(strict.status == 65 && strict.error.contains("node 'fancy' (FancyOp): unknown operator com.example.FancyOp"))
  }
}
