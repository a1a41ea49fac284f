//===--- HelperTests.swift -------------------------------------------------===//
// The helpers floating point builds on — barrel shifters with sticky bit,
// leading-zero counter, incrementer, multiplexer trees — and the constant
// folding and sweep every generator relies on.
//===----------------------------------------------------------------------===//
import Testing
import TosimCircuits
import TosimFormats
import TosimNetlist
import TosimSim
import _TosimTestSupport

@Suite("Helpers")
struct HelperTests {
  @Test("shl, shr (with sticky), sar, inc and lzc are exact at widths 1–10")
  func exhaustive() throws {
    for width in 1...10 {
      for operation in ["shl", "shr", "sar", "inc", "lzc"] {
        let result = try TestSupport.checkExhaustively("int\(width).\(operation)")
        #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
      }
    }
  }

  @Test("seeded random vectors at 16–128 bits")
  func random() throws {
    for width in [16, 17, 32, 33, 53, 64, 106, 128] {
      for operation in ["shl", "shr", "sar", "inc", "lzc"] {
        let result = try TestSupport.checkRandomly("int\(width).\(operation)", count: 1000, seed: UInt64(width))
        #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
      }
    }
  }

  @Test("lzc of zero and of single bits")
  func leadingZeros() throws {
    for width in [8, 24, 64] {
      let netlist = try TestSupport.unit("int\(width).lzc")
      let simulator = WordSimulator(try FlatCircuit(netlist), options: SimulationOptions(wordsPerNode: 2))
      let values = [UInt64(0)] + (0..<width).map { UInt64(1) << UInt64($0) }
      simulator.setInput(0, values: values)
      simulator.run(laneCount: values.count)
      #expect(simulator.output(0, laneCount: values.count) == [UInt64(width)] + (0..<width).map { UInt64(width - 1 - $0) })
    }
  }

  @Test("a lookup table of constants folds to the logic it needs")
  func lookupTable() throws {
    var netlist = Netlist(name: "rom", library: TestSupport.shippedLibrary)
    let select = netlist.addInput("a", width: 3)
    let entries: [UInt64] = [0, 1, 2, 3, 4, 5, 6, 7].map { $0 ^ 0b101 }
    netlist.addOutput("y", Multiplexers.lookupTable(into: &netlist, select: select.nets, entries: entries, width: 3))
    // Bit 0 and bit 2 are inverters of the select, bit 1 a wire: no MUX2.
    #expect(netlist.cellCounts.map(\.name) == ["INV"])
    #expect(netlist.instances.count == 2)
  }

  @Test("constant folding: a full adder with constants becomes simpler cells")
  func folding() {
    var netlist = Netlist(name: "fold", library: TestSupport.shippedLibrary)
    let x = netlist.addInput("x", width: 2)
    let zeroCarry = netlist.fullAdder(x[0], x[1], Netlist.constant0)
    let oneCarry = netlist.fullAdder(x[0], x[1], Netlist.constant1)
    let twoConstants = netlist.fullAdder(x[0], Netlist.constant1, Netlist.constant1)
    #expect(twoConstants.sum == x[0] && twoConstants.carry == Netlist.constant1)
    #expect(netlist.and2(x[0], Netlist.constant0) == Netlist.constant0)
    #expect(netlist.mux2(select: x[0], whenZero: x[1], whenOne: x[1]) == x[1])
    netlist.addOutput("y", [zeroCarry.sum, zeroCarry.carry, oneCarry.sum, oneCarry.carry])
    #expect(netlist.cellCounts.map(\.name) == ["HA", "OR2", "XNOR2"])
  }

  @Test("constant folding: a full adder of a net with itself places no cell")
  func equalInputsFold() {
    var netlist = Netlist(name: "fold", library: TestSupport.shippedLibrary)
    let x = netlist.addInput("x", width: 1)[0]
    // x + x = 2x and x + x + 1 = 2x + 1: the sum bit is the carry-in, the carry is x.
    let plusZero = netlist.fullAdder(x, x, Netlist.constant0)
    let plusOne = netlist.fullAdder(x, Netlist.constant1, x)
    #expect(plusZero.sum == Netlist.constant0 && plusZero.carry == x)
    #expect(plusOne.sum == Netlist.constant1 && plusOne.carry == x)
    #expect(netlist.instances.isEmpty)
  }

  @Test("the sweep removes cells no output reads and keeps ports")
  func sweep() throws {
    var netlist = Netlist(name: "s", library: TestSupport.shippedLibrary)
    let a = netlist.addInput("a", width: 2)
    let used = netlist.and2(a[0], a[1])
    _ = netlist.xor2(a[0], a[1])
    netlist.addOutput("y", [used, a[0]])
    let swept = try netlist.sweepingDeadCells()
    #expect(swept.instances.count == 1)
    #expect(swept.inputs.map(\.name) == ["a"] && swept.outputs.map(\.width) == [2])
  }

  @Test("unit names: bad widths, operations and designs are input errors")
  func badNames() throws {
    for name in ["int0.add", "int129.add", "fp32.add", "int8.frob", "int8.add:zigzag", "int8.mul:dadda+nope",
      "int8.inc:fast"] {
      #expect(throws: InputError.self, "\(name)") { try TestSupport.unit(name) }
    }
  }

  @Test("every operation and design builds at width 1")
  func narrowest() throws {
    for operation in UnitCatalog.operations {
      for design in operation.designs.isEmpty ? [nil] : operation.designs.map(Optional.some) {
        let name = "int1.\(operation.name)" + (design.map { ":\($0)" } ?? "")
        let result = try TestSupport.checkExhaustively(name)
        #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
      }
    }
  }
}
