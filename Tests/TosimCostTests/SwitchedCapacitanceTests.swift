//===--- SwitchedCapacitanceTests.swift ------------------------------------===//
// The capacitance-weighted switching prototype against hand arithmetic: the
// shipped INV's pin and output capacitances from its W/L, and an inverter
// chain toggled every vector, where every node switches once per operation,
// counted zero-delay and from the timing simulator's transitions (split into
// the input pin's load and the cells' own nodes).
//===----------------------------------------------------------------------===//
import Testing
import TosimCells
import TosimCost
import TosimIO
import TosimNetlist
import _TosimTestSupport

@Suite("Switched capacitance")
struct SwitchedCapacitanceTests {
  static let subcircuits = try! CellLibraryLoader.subcircuits(directories: [TestSupport.path("circuits/cells")])
  // INV: PMOS 0.84/0.15 µm, NMOS 0.42/0.15 µm; diffusion length 2.5 × 0.15 = 0.375 µm.
  static let inputGate = 8.3 * (0.84 + 0.42) * 0.15 + 2 * 0.3 * (0.84 + 0.42)
  static let outputDiffusion = 0.7 * (0.84 + 0.42) * 0.375 + 0.08 * 2 * ((0.84 + 0.375) + (0.42 + 0.375))

  /// a → INV → INV → y.
  static func inverterChain() -> Netlist {
    var netlist = Netlist(name: "chain", library: TestSupport.shippedLibrary)
    let a = netlist.addInput("a", width: 1)
    let mid = netlist.add("INV", a.nets[0])
    netlist.addOutput("y", netlist.add("INV", mid[0]))
    return netlist
  }

  @Test("the INV's pin and output loads follow from its sizes")
  func inverter() throws {
    let library = TestSupport.shippedLibrary
    let inv = library[try #require(library.id(named: "INV"))]
    let caps = CellCapacitance(cell: inv, subcircuit: try #require(Self.subcircuits["INV"]), minimumLength: 0.15e-6)
    #expect(abs(caps.inputs[0].gate - Self.inputGate) < 1e-9)
    #expect(caps.inputs[0].diffusion == 0)
    #expect(caps.nodes[0].gate == 0)
    #expect(abs(caps.nodes[0].diffusion - Self.outputDiffusion) < 1e-9)
  }

  @Test("an inverter chain toggled every vector switches each node once per operation")
  func chain() throws {
    let netlist = Self.inverterChain()
    let vectors: [[UInt64]] = [[0, 1, 0, 1, 0]]
    let switched = try SwitchedCapacitance.measure(
      netlist, subcircuits: Self.subcircuits, minimumLength: 0.15e-6, inputs: vectors)
    #expect(abs(switched.gate - 2 * Self.inputGate) < 1e-9)
    #expect(abs(switched.diffusion - 2 * Self.outputDiffusion) < 1e-9)
    #expect(abs(switched.fanout - 2) < 1e-12)
    #expect(abs(switched.glitchGate - switched.gate) < 1e-9)
    // Held input: nothing switches.
    let held = try SwitchedCapacitance.measure(
      netlist, subcircuits: Self.subcircuits, minimumLength: 0.15e-6, inputs: [[1, 1, 1]])
    #expect(held.gate == 0 && held.diffusion == 0 && held.glitchFanout == 0)
  }

  @Test("timed transitions weighted by capacitance split into the input pin's load and the cells' nodes")
  func weightedTransitions() throws {
    let netlist = Self.inverterChain()
    let timed = try TimedSwitching.measure(
      netlist, inputs: [[0, 1, 0, 1, 0]], model: .rc, isInertial: true, subcircuits: Self.subcircuits,
      minimumLength: 0.15e-6)
    let (cells, inputs) = try SwitchedCapacitance.weighted(
      netlist, transitions: timed.transitions, operations: 4, subcircuits: Self.subcircuits, minimumLength: 0.15e-6)
    // a toggles every operation and feeds one INV; mid feeds the second INV
    // and carries the first one's diffusion; y carries the second one's.
    #expect(abs(inputs.gate - Self.inputGate) < 1e-9 && inputs.diffusion == 0)
    #expect(abs(cells.gate - Self.inputGate) < 1e-9)
    #expect(abs(cells.diffusion - 2 * Self.outputDiffusion) < 1e-9)
  }
}
