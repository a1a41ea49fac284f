//===--- NetlistValidationTests.swift --------------------------------------===//
// Structural checks: undriven nets, several drivers, loops with their cycle,
// port mismatches, and the topological order of a valid netlist.
//===----------------------------------------------------------------------===//
import Testing
import TosimFormats
import TosimNetlist
import _TosimTestSupport

@Suite("Netlist validation")
struct NetlistValidationTests {
  let library = TestSupport.shippedLibrary

  func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return ""
    } catch {
      return (error as? InputError)?.description ?? "\(error)"
    }
  }

  @Test("a valid netlist is ordered drivers first")
  func topologicalOrder() throws {
    var netlist = Netlist(name: "chain", library: library)
    let a = netlist.addInput("a", width: 2)
    let x = netlist.newNet(name: "x")
    let y = netlist.add("NAND2", x, a[1])[0]
    try netlist.connect(try #require(library.id(named: "INV")), inputs: [a[0]], outputs: [x], name: "u_inv")
    netlist.addOutput("y", [y])
    let order = try netlist.validate()
    #expect(order == [1, 0])
  }

  @Test("an undriven net is named with its user")
  func undriven() {
    var netlist = Netlist(name: "undriven", library: library)
    let floating = netlist.newNet(name: "w")
    let y = netlist.add("INV", floating)[0]
    netlist.addOutput("y", [y])
    #expect(message { _ = try netlist.validate() }.contains("net w is undriven but used by #0 (INV"))
  }

  @Test("two drivers on one net are both named")
  func multipleDrivers() throws {
    var netlist = Netlist(name: "multi", library: library)
    let a = netlist.addInput("a", width: 1)
    let y = netlist.newNet(name: "y")
    let inv = try #require(library.id(named: "INV"))
    try netlist.connect(inv, inputs: [a[0]], outputs: [y], name: "u1")
    try netlist.connect(inv, inputs: [a[0]], outputs: [y], name: "u2")
    let text = message { _ = try netlist.validate() }
    #expect(text.contains("net y has several drivers: u1 (INV -> y) and u2 (INV -> y)"))
  }

  @Test("a combinational loop prints its cycle")
  func loop() throws {
    var netlist = Netlist(name: "loop", library: library)
    let a = netlist.addInput("a", width: 1)
    let p = netlist.newNet(name: "p")
    let q = netlist.newNet(name: "q")
    let nand = try #require(library.id(named: "NAND2"))
    let inv = try #require(library.id(named: "INV"))
    try netlist.connect(nand, inputs: [a[0], q], outputs: [p], name: "g1")
    try netlist.connect(inv, inputs: [p], outputs: [q], name: "g2")
    netlist.addOutput("y", [p])
    let text = message { _ = try netlist.validate() }
    #expect(text.contains("combinational loop: "))
    #expect(text.contains("g1 (NAND2 -> p)") && text.contains("g2 (INV -> q)"))
  }

  @Test("a port-count mismatch names the instance and cell")
  func portMismatch() throws {
    var netlist = Netlist(name: "ports", library: library)
    let a = netlist.addInput("a", width: 1)
    let nand = try #require(library.id(named: "NAND2"))
    let text = message { try netlist.connect(nand, inputs: [a[0]], outputs: [netlist.newNet()], name: "g") }
    #expect(text.contains("instance g of NAND2 connects 1 input(s) and 1 output(s); the cell has 2 and 1"))
  }

  @Test("a primary input that is also driven")
  func drivenInput() throws {
    var netlist = Netlist(name: "driven-input", library: library)
    let a = netlist.addInput("a", width: 2)
    try netlist.connect(try #require(library.id(named: "INV")), inputs: [a[0]], outputs: [a[1]], name: "g")
    #expect(message { _ = try netlist.validate() }.contains("net a[1] is a primary input or constant but is also driven"))
  }

  @Test("truth-table permutation and dependence")
  func truthTables() {
    let andNot = TruthTable(inputCount: 2) { $0[0] && !$0[1] }
    #expect(andNot.permuted([1, 0]) == TruthTable(inputCount: 2) { $0[1] && !$0[0] })
    let ignoresC = TruthTable(inputCount: 3) { $0[0] != $0[1] }
    #expect(ignoresC.dependsOn(0) && ignoresC.dependsOn(1) && !ignoresC.dependsOn(2))
  }
}
