//===--- NodeDelaysTests.swift ---------------------------------------------===//
// Drive and delay estimates from the shipped cells' sizes, against the
// formulas worked by hand: worst-case path squares (INV, NAND2's series
// stack), the stages a two-stage cell waits for, an INV driving one INV as
// the 8-tick reference, delay growing with fan-out, and derive's
// to_inertial being the RC-delay inertial count of the unit's own stream
// over the first --inertial-vectors vectors, and the bit-parallel timing
// simulator derive uses counting exactly what the scalar one counts on a
// real unit (bf16.min, whose stream once made a withdrawn event fire a
// vector later in the scalar simulator).
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCells
import TosimCircuits
import TosimCost
import TosimCostModel
import TosimEvaluation
import TosimFormats
import TosimIO
import TosimNetlist
import TosimSim
import _TosimTestSupport

@Suite("Node delays")
struct NodeDelaysTests {
  static let subcircuits = try! CellLibraryLoader.subcircuits(directories: [TestSupport.path("circuits/cells")])
  let library = TestSupport.shippedLibrary

  func cell(_ name: String) throws -> (Cell, Subcircuit) {
    (library[try #require(library.id(named: name))], try #require(Self.subcircuits[name]))
  }

  @Test("drive: worst-path squares, p-channel × 2, and the stages a node waits for")
  func drive() throws {
    let (inv, invSub) = try cell("INV")
    // Pull-up 0.15/0.84 × 2, pull-down 0.15/0.42: both 0.357 squares.
    #expect(abs(CellDrive(cell: inv, subcircuit: invSub).resistance[0] - 0.15 / 0.42) < 1e-9)
    let (nand, nandSub) = try cell("NAND2")
    // Pull-up one 0.84 device (× 2), pull-down two 0.84 devices in series.
    let y = try #require(nand.nodes.firstIndex { $0.name.uppercased() == "Y" })
    #expect(abs(CellDrive(cell: nand, subcircuit: nandSub).resistance[y] - (0.15 / 0.84 * 2 + 2 * 0.15 / 0.84) / 2) < 1e-9)
    let (and2, andSub) = try cell("AND2")
    let andDrive = CellDrive(cell: and2, subcircuit: andSub)
    let output = try #require(and2.nodes.firstIndex { $0.name.uppercased() == "Y" })
    let inner = try #require(and2.nodes.firstIndex { $0.name.uppercased() == "YB" })
    #expect(andDrive.stageInputs[output] == [inner])
    #expect(andDrive.stageInputs[inner].isEmpty)
  }

  @Test("an INV driving one INV is the 8-tick reference; fan-out and a second stage add delay")
  func delays() throws {
    let (inv, invSub) = try cell("INV")
    let caps = CellCapacitance(cell: inv, subcircuit: invSub, minimumLength: 0.15e-6)
    let cin = caps.inputs[0].gate + caps.inputs[0].diffusion, cown = caps.nodes[0].gate + caps.nodes[0].diffusion
    for fanout in [1, 2, 4] {
      var netlist = Netlist(name: "fanout", library: library)
      let a = netlist.addInput("a", width: 1)
      let id = try #require(library.id(named: "INV"))
      let driver = netlist.add(id, [a.nets[0]])
      let loads = (0..<fanout).flatMap { _ in netlist.add(id, [driver[0]]) }
      netlist.addOutput("y", loads)
      let circuit = try FlatCircuit(netlist)
      for model in [NodeDelays.Model.rc, .load] {
        let delays = try NodeDelays.delays(model, netlist: netlist, circuit: circuit, subcircuits: Self.subcircuits, minimumLength: 0.15e-6)
        let expected = Int((8 * (Double(fanout) * cin + cown) / (cin + cown)).rounded())
        #expect(delays[circuit.nodeOfNet[driver[0].index]] == expected, "fan-out \(fanout), \(model)")
        #expect(delays[circuit.nodeOfNet[loads[0].index]] == max(1, Int((8 * cown / (cin + cown)).rounded())))
      }
      #expect(try NodeDelays.delays(.unit, netlist: netlist, circuit: circuit, subcircuits: [:], minimumLength: 0.15e-6)
        .allSatisfy { $0 == 1 })
    }
    // AND2 = NAND stage + inverter stage: its output waits for both.
    var netlist = Netlist(name: "and", library: library)
    let a = netlist.addInput("a", width: 2)
    let y = netlist.add(try #require(library.id(named: "AND2")), a.nets)
    netlist.addOutput("y", y)
    let circuit = try FlatCircuit(netlist)
    let delays = try NodeDelays.delays(.rc, netlist: netlist, circuit: circuit, subcircuits: Self.subcircuits, minimumLength: 0.15e-6)
    let (and2, andSub) = try cell("AND2")
    let andCaps = CellCapacitance(cell: and2, subcircuit: andSub, minimumLength: 0.15e-6)
    let drive = CellDrive(cell: and2, subcircuit: andSub)
    let o = and2.nodes.firstIndex { $0.name.uppercased() == "Y" }!, i = and2.nodes.firstIndex { $0.name.uppercased() == "YB" }!
    func c(_ k: Int) -> Double { andCaps.nodes[k].gate + andCaps.nodes[k].diffusion }
    let tau = (drive.resistance[o] * c(o) + drive.resistance[i] * c(i)) / (0.15 / 0.42 * (cin + cown))
    #expect(delays[circuit.nodeOfNet[y[0].index]] == Int((8 * tau).rounded()))
  }

  @Test("derive's to_inertial is the RC inertial count of the unit's stream over the first N vectors")
  func deriveColumn() throws {
    var options = DerivationOptions()
    options.vectorCount = 300
    options.seed = 4
    options.inertialVectorCount = 100
    let table = try #require(try CostTableDerivation.derive(
      [.int8], options: options, library: library, toolVersion: "test", transistors: .init(Self.subcircuits)).first)
    #expect(table.inertialVectorCount == 100)
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in "int8.add".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let netlist = try UnitCatalog.build(try UnitName(parsing: "int8.add:kogge-stone"), library: library)
    let inputs = OperandStream(.uniform, precision: .int8, seed: 4 ^ hash).vectors(widths: [8, 8, 1], count: 100)
    let circuit = try FlatCircuit(netlist)
    let delays = try NodeDelays.delays(.rc, netlist: netlist, circuit: circuit, subcircuits: Self.subcircuits, minimumLength: 0.15e-6)
    let timing = TimingSimulator(circuit, delays: delays, isInertial: true)
    timing.run(inputs, vectors: 0..<100)
    let row = try #require(table.row(.add))
    #expect(row.inertialTOs == Double(timing.switchedGateCount) / 99)
    // Recipes sum their primitives; tables derived without transistors have no column.
    let plain = try #require(try CostTableDerivation.derive([.int8], options: options, library: library, toolVersion: "test").first)
    #expect(plain.inertialVectorCount == nil && plain.rows.allSatisfy { $0.inertialTOs == nil })
    #expect(!CostTableWriter.json(plain).contains("to_inertial"))
    let reread = try CostTableReader.decode(Data(CostTableWriter.json(table).utf8), file: "int8.json")
    #expect(reread.inertialVectorCount == 100)
    #expect(zip(reread.rows, table.rows).allSatisfy { $0.inertialTOs == $1.inertialTOs.map { ($0 * 100).rounded() / 100 } })
  }

  @Test("RC inertial timing of bf16.min: bit-parallel and scalar count the same, vector by vector")
  func bitParallelTimingOnRealUnit() throws {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in "bf16.min".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let netlist = try FloatingPointUnits.build(UnitName(parsing: "bf16.min"), library: library)
    let inputs = OperandStream(.uniform, precision: .bf16, seed: 1 ^ hash).vectors(widths: [16, 16], count: 1024)
    let circuit = try FlatCircuit(netlist)
    let delays = try NodeDelays.delays(.rc, netlist: netlist, circuit: circuit, subcircuits: Self.subcircuits, minimumLength: 0.15e-6)
    let scalar = TimingSimulator(circuit, delays: delays, isInertial: true)
    scalar.run(inputs, vectors: 0..<1024)
    let word = WordTimingSimulator(circuit, delays: delays, isInertial: true, wordsPerNode: 2)
    word.run(inputs, vectors: 0..<1024)
    #expect(word.transitionCounts == scalar.transitionCounts)
    #expect(word.perVectorSwitchedGates == scalar.perVectorSwitchedGates)
  }
}
