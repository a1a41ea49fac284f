//===--- BrokenCells.swift -------------------------------------------------===//
// SPICE cells that carry a standard cell's name but not its pins, for the
// tests that check a `--library` folder is rejected at load (library and
// CLI level) instead of trapping when a unit is built.
//===----------------------------------------------------------------------===//

extension TestSupport {
  /// An "INV" that is really a NAND2: two inputs where the generators place one.
  public static let twoInputINV = """
    *.PININFO A:I B:I Y:O VDD:P VSS:G
    .SUBCKT INV A B Y VDD VSS
    MP1 Y A VDD VDD pmos
    MP2 Y B VDD VDD pmos
    MN1 Y A N1 VSS nmos
    MN2 N1 B VSS VSS nmos
    .ENDS INV
    """

  /// An "FA" with only the carry output (a mirror carry stage and an
  /// inverter), where the generators expect sum and carry.
  public static let oneOutputFA = """
    *.PININFO A:I B:I CI:I CO:O VDD:P VSS:G
    .SUBCKT FA A B CI CO VDD VSS
    MP1 P1 A VDD VDD pmos
    MP2 P1 B VDD VDD pmos
    MP3 CON CI P1 VDD pmos
    MP4 P2 A VDD VDD pmos
    MP5 CON B P2 VDD pmos
    MN1 N1 A VSS VSS nmos
    MN2 N1 B VSS VSS nmos
    MN3 CON CI N1 VSS nmos
    MN4 N2 A VSS VSS nmos
    MN5 CON B N2 VSS nmos
    MP6 CO CON VDD VDD pmos
    MN6 CO CON VSS VSS nmos
    .ENDS FA
    """
}
