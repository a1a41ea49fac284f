//===--- VerilogWriterTests+Names.swift ------------------------------------===//
// Port names from BLIF that are not Verilog identifiers (`a-b`, `9lives`,
// `module`) are written as escaped identifiers, and every port, wire and
// instance of the exported module keeps a distinct identifier, even when a
// port is called like a generated wire (`n2`) or instance (`u0`), or two
// names differ only in characters Verilog cannot hold.
//===----------------------------------------------------------------------===//
import Testing
import TosimIO
import TosimNetlist
import _TosimTestSupport


extension VerilogWriterTests {
  @Test("names that are not plain identifiers are escaped; clashes get a suffix")
  func namer() {
    var namer = VerilogNamer()
    #expect(namer.claim("a-b") == "\\a-b ")
    #expect(namer.claim("9lives") == "\\9lives ")
    #expect(namer.claim("module") == "\\module ")
    #expect(namer.claim("logic") == "\\logic ")
    #expect(namer.claim("ok_1$") == "ok_1$")
    #expect(namer.claim("x[3]") == "\\x[3] ")
    #expect(namer.claim("ok_1$") == "ok_1$_1")
    #expect(namer.claim("a\u{e9}") == "a_")
    #expect(namer.claim("a_") == "a__1")
    #expect(namer.claim("") == "_")
  }

  /// The identifiers declared by `keyword` lines (`input`, `output`, `wire`) of `module`'s text.
  func declared(_ keyword: String, in text: String) -> [String] {
    text.split(separator: "\n").filter { $0.hasPrefix("  \(keyword) ") }.flatMap { line -> [String] in
      var body = line.dropFirst(keyword.count + 3).dropLast()  // drop "  keyword " and ";"
      if body.hasPrefix("["), let close = body.firstIndex(of: "]") { body = body[body.index(close, offsetBy: 2)...] }
      return identifiers(String(body))
    }
  }

  /// Splits a comma-separated identifier list, honouring escaped identifiers.
  func identifiers(_ list: String) -> [String] {
    var result: [String] = [], current = "", escaped = false
    for character in list {
      if escaped {
        current.append(character)
        if character == " " { escaped = false }
      } else if character == "\\" {
        current.append(character)
        escaped = true
      } else if character == "," {
        result.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
      } else if character != " " || !current.isEmpty {
        current.append(character)
      }
    }
    if !current.trimmingCharacters(in: .whitespaces).isEmpty { result.append(current.trimmingCharacters(in: .whitespaces)) }
    return result.map { $0.hasPrefix("\\") ? String($0.dropFirst()) : $0 }  // `\a ` is the identifier a
  }

  @Test("an exported BLIF design with awkward port names keeps every name distinct and escaped")
  func awkwardPorts() throws {
    let blif = """
      .model m
      .inputs a-b 9lives module n2 a\u{e9} a_
      .outputs u0 y[0] y[1]
      .names a-b 9lives u0
      11 1
      .names module n2 y[0]
      1- 1
      -1 1
      .names a\u{e9} a_ y[1]
      01 1
      .end
      """
    let netlist = try BlifReader.read(blif, file: "m.blif", library: TestSupport.shippedLibrary)
    let text = VerilogWriter.write(netlist, moduleName: "top")
    let header = try #require(text.split(separator: "\n").first { $0.hasPrefix("module top(") })
    let ports = identifiers(String(header.dropFirst("module top(".count).dropLast(2)))
    #expect(ports == ["a-b", "9lives", "module", "n2", "a_", "a__1", "u0", "y"])
    #expect(text.contains("  input \\a-b ;\n") && text.contains("  input \\9lives ;\n") && text.contains("  input \\module ;\n"))
    #expect(text.contains("  output [1:0] y;\n"))
    let inputs = declared("input", in: text), outputs = declared("output", in: text), wires = declared("wire", in: text)
    #expect(inputs + outputs == ports)
    let instances = text.split(separator: "\n").filter { $0.hasPrefix("  AND2 ") || $0.hasPrefix("  NOR2 ") || $0.hasPrefix("  OR2 ") || $0.hasPrefix("  INV ") }
      .map { String($0.split(separator: " ")[1]) }
    #expect(!instances.isEmpty)
    let all = ports + wires + instances
    #expect(Set(all).count == all.count, "\(all)")
    #expect(wires.contains("n2_1"))
    #expect(instances.contains("u0_1"))
  }
}
