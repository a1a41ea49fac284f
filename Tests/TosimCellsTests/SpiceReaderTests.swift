//===--- SpiceReaderTests.swift --------------------------------------------===//
// The SPICE subset reader: continuations, comments, and each malformed input
// reported with file and line.
//===----------------------------------------------------------------------===//
import Testing
import TosimCells
import TosimFormats
import TosimIO

@Suite("SPICE reader")
struct SpiceReaderTests {
  func error(_ text: String) -> String {
    do {
      _ = try SpiceReader.parse(text, file: "cell.sp")
      return ""
    } catch {
      return (error as? InputError)?.description ?? "\(error)"
    }
  }

  @Test("continuation lines, comments and parameters")
  func continuation() throws {
    let subcircuits = try SpiceReader.parse("""
      * a comment
      .SUBCKT inv A Y VDD VSS
      MP1 Y A VDD VDD
      + pmos W=1u L=0.15u $ trailing comment
      MN1 Y A VSS VSS nmos
      .ENDS
      """, file: "cell.sp")
    #expect(subcircuits.count == 1)
    #expect(subcircuits[0].transistors.map(\.kind) == [.pmos, .nmos])
    #expect(subcircuits[0].ports == ["A", "Y", "VDD", "VSS"])
  }

  @Test("an unknown device names the file, line and device")
  func unknownDevice() {
    let message = error(".SUBCKT r A Y VDD VSS\nR1 A Y 1k\n.ENDS\n")
    #expect(message.hasPrefix("cell.sp:2:"))
    #expect(message.contains("unknown device 'R1'"))
  }

  @Test("a missing .ENDS points at the .SUBCKT line")
  func missingEnds() {
    let message = error("* x\n.SUBCKT inv A Y VDD VSS\nMP1 Y A VDD VDD pmos\n")
    #expect(message.hasPrefix("cell.sp:2:"))
    #expect(message.contains("has no .ENDS"))
  }

  @Test("a MOSFET with the wrong node count")
  func wrongNodeCount() {
    let message = error(".SUBCKT inv A Y VDD VSS\nMP1 Y A VDD pmos\n.ENDS\n")
    #expect(message.hasPrefix("cell.sp:2:"))
    #expect(message.contains("expected 'drain gate source bulk model'"))
  }

  @Test("an unknown model")
  func unknownModel() {
    #expect(error(".SUBCKT inv A Y VDD VSS\nMP1 Y A VDD VDD resistor\n.ENDS\n").contains("expected nmos or pmos"))
  }

  @Test("a device outside a subcircuit, and a stray .ENDS")
  func outside() {
    #expect(error("MP1 Y A VDD VDD pmos\n").contains("outside a .SUBCKT"))
    #expect(error(".ENDS\n").contains(".ENDS without .SUBCKT"))
  }

  @Test("a malformed PININFO entry")
  func pinInfo() {
    #expect(error("*.PININFO A:X\n.SUBCKT inv A Y VDD VSS\n.ENDS\n").contains("cell.sp:1: malformed *.PININFO"))
  }

  @Test("each subcircuit of a file takes the PININFO lines before it or inside it")
  func pinInfoPerSubcircuit() throws {
    let subcircuits = try SpiceReader.parse("""
      *.PININFO Y:O VDD:P VSS:G
      .SUBCKT TIEHI Y VDD VSS
      MP1 Y VSS VDD VDD pmos
      .ENDS
      .SUBCKT BUFX A Q VDD VSS
      *.PININFO A:I Q:O
      MP1 N A VDD VDD pmos
      MN1 N A VSS VSS nmos
      MP2 Q N VDD VDD pmos
      MN2 Q N VSS VSS nmos
      .ENDS
      """, file: "cell.sp")
    #expect(subcircuits.map(\.name) == ["TIEHI", "BUFX"])
    #expect(subcircuits[0].portDirections == [.output, .power, .ground])
    #expect(subcircuits[1].portDirections == [.input, .output, .power, .ground])
  }
}
