//===--- SwitchLevelAnalysisTests.swift ------------------------------------===//
// Switch-level analysis of hand-written transistor netlists, including the
// failures it must report: floating and fighting nodes, weak levels.
//===----------------------------------------------------------------------===//
import Testing
import TosimCells
import TosimFormats
import TosimIO
import TosimNetlist

@Suite("Switch-level analysis")
struct SwitchLevelAnalysisTests {
  func analyse(_ spice: String) throws -> Cell {
    let subcircuits = try SpiceReader.parse(spice, file: "test.sp")
    return try SwitchLevelAnalysis.analyse(try #require(subcircuits.first))
  }

  @Test("a NAND2 from plain M cards without PININFO infers its ports")
  func inferredPorts() throws {
    let cell = try analyse("""
      .subckt nand2x a b y vdd gnd
      m1 y a vdd vdd pmos
      m2 y b vdd vdd pmos
      m3 y a n1 gnd nmos
      m4 n1 b gnd gnd nmos
      .ends
      """)
    #expect(cell.name == "NAND2X")
    #expect(cell.inputs == ["A", "B"])
    #expect(cell.outputs == ["Y"])
    #expect(cell.outputFunction(0).bits == 0x7)
  }

  @Test("sky130-style X cards calling nfet/pfet models are MOSFETs")
  func foundryModels() throws {
    let cell = try analyse("""
      .subckt inv_1 A VGND VNB VPB VPWR Y
      *.PININFO A:I VNB:G VPB:P Y:O VGND:G VPWR:P
      X0 Y A VGND VNB sky130_fd_pr__nfet_01v8 w=650000u l=150000u
      X1 Y A VPWR VPB sky130_fd_pr__pfet_01v8_hvt w=1e+06u l=150000u
      .ends
      """)
    #expect(cell.transistorCount == 2)
    #expect(cell.outputFunction(0).bits == 0x1)
  }

  @Test("an output with no pull-down floats and is reported with its inputs")
  func floatingOutput() {
    #expect {
      try analyse("""
        *.PININFO A:I Y:O
        .subckt halfinv A Y VDD VSS
        MP1 Y A VDD VDD pmos
        .ends
        """)
    } throws: { error in
      let message = (error as? InputError)?.description ?? ""
      return message.contains("HALFINV") && message.contains("output Y floats") && message.contains("A=1")
        && message.contains("test.sp:2")
    }
  }

  @Test("a node driven to both rails is a fight")
  func fight() {
    #expect {
      try analyse("""
        *.PININFO A:I Y:O
        .subckt short A Y VDD VSS
        MP1 Y A VDD VDD pmos
        MN1 Y A VSS VSS nmos
        MN2 Y A VDD VSS nmos
        .ends
        """)
    } throws: { error in
      let message = (error as? InputError)?.description ?? ""
      return message.contains("SHORT") && message.contains("Y is driven to both 0 and 1") && message.contains("A=1")
    }
  }

  @Test("a gate-driving internal node that floats is an error")
  func floatingInternalNode() {
    #expect {
      try analyse("""
        *.PININFO A:I Y:O
        .subckt bad A Y VDD VSS
        MP1 N A VDD VDD pmos
        MP2 Y N VDD VDD pmos
        MN2 Y N VSS VSS nmos
        .ends
        """)
    } throws: { error in
      ((error as? InputError)?.description ?? "").contains("gate-driving node N floats for inputs A=1")
    }
  }

  @Test("a single NMOS pass transistor gives a weak 1")
  func weakPassTransistor() throws {
    let cell = try analyse("""
      *.PININFO A:I S:I Y:O
      .subckt pass A S Y VDD VSS
      MN1 Y S A VSS nmos
      MN2 Y SN VSS VSS nmos
      MP1 SN S VDD VDD pmos
      MN3 SN S VSS VSS nmos
      .ends
      """)
    // Y = S ? A : 0
    #expect(cell.outputFunction(0).bits == 0b1000)
    #expect(cell.nodes[0].isWeak)
  }

  @Test("series-stack intermediate nodes may float")
  func stackNodesMayFloat() throws {
    let cell = try analyse("""
      *.PININFO A:I B:I C:I Y:O
      .subckt nand3f A B C Y VDD VSS
      MP1 Y A VDD VDD pmos
      MP2 Y B VDD VDD pmos
      MP3 Y C VDD VDD pmos
      MN1 Y A X1 VSS nmos
      MN2 X1 B X2 VSS nmos
      MN3 X2 C VSS VSS nmos
      .ends
      """)
    #expect(cell.nodes.count == 1)
    #expect(cell.outputFunction(0).bits == 0x7F)
  }
}
