//===--- ShippedCellTests.swift --------------------------------------------===//
// Every shipped cell passes switch-level analysis with the function, the
// transistor count and the input gate loads its design says.
//===----------------------------------------------------------------------===//
import Testing
import TosimCells
import TosimNetlist
import _TosimTestSupport

/// What a shipped cell must be: transistor count, outputs as functions of the
/// inputs (input order as declared), and input gate loads.
struct ExpectedCell: Sendable, CustomStringConvertible {
  let name: String
  let transistors: Int
  let inputs: [String]
  let outputs: [String: @Sendable ([Bool]) -> Bool]
  let inputGateLoads: [Int]
  var description: String { name }
}

private func maj(_ x: [Bool]) -> Bool { (x[0] && x[1]) || (x[2] && (x[0] || x[1])) }

let expectedCells: [ExpectedCell] = [
  .init(name: "INV", transistors: 2, inputs: ["A"], outputs: ["Y": { !$0[0] }], inputGateLoads: [2]),
  .init(name: "NAND2", transistors: 4, inputs: ["A", "B"], outputs: ["Y": { !($0[0] && $0[1]) }], inputGateLoads: [2, 2]),
  .init(name: "NAND3", transistors: 6, inputs: ["A", "B", "C"], outputs: ["Y": { !($0[0] && $0[1] && $0[2]) }], inputGateLoads: [2, 2, 2]),
  .init(name: "NOR2", transistors: 4, inputs: ["A", "B"], outputs: ["Y": { !($0[0] || $0[1]) }], inputGateLoads: [2, 2]),
  .init(name: "NOR3", transistors: 6, inputs: ["A", "B", "C"], outputs: ["Y": { !($0[0] || $0[1] || $0[2]) }], inputGateLoads: [2, 2, 2]),
  .init(name: "AND2", transistors: 6, inputs: ["A", "B"], outputs: ["Y": { $0[0] && $0[1] }], inputGateLoads: [2, 2]),
  .init(name: "OR2", transistors: 6, inputs: ["A", "B"], outputs: ["Y": { $0[0] || $0[1] }], inputGateLoads: [2, 2]),
  .init(name: "XOR2", transistors: 12, inputs: ["A", "B"], outputs: ["Y": { $0[0] != $0[1] }], inputGateLoads: [4, 4]),
  .init(name: "XNOR2", transistors: 12, inputs: ["A", "B"], outputs: ["Y": { $0[0] == $0[1] }], inputGateLoads: [4, 4]),
  .init(name: "XOR2_TG", transistors: 8, inputs: ["A", "B"], outputs: ["Y": { $0[0] != $0[1] }], inputGateLoads: [4, 2]),
  .init(name: "AOI21", transistors: 6, inputs: ["A", "B", "C"], outputs: ["Y": { !(($0[0] && $0[1]) || $0[2]) }], inputGateLoads: [2, 2, 2]),
  .init(name: "OAI21", transistors: 6, inputs: ["A", "B", "C"], outputs: ["Y": { !(($0[0] || $0[1]) && $0[2]) }], inputGateLoads: [2, 2, 2]),
  .init(name: "AOI22", transistors: 8, inputs: ["A", "B", "C", "D"], outputs: ["Y": { !(($0[0] && $0[1]) || ($0[2] && $0[3])) }], inputGateLoads: [2, 2, 2, 2]),
  .init(name: "MUX2", transistors: 12, inputs: ["A", "B", "S"], outputs: ["Y": { $0[2] ? $0[1] : $0[0] }], inputGateLoads: [2, 2, 4]),
  .init(name: "HA", transistors: 14, inputs: ["A", "B"], outputs: ["S": { $0[0] != $0[1] }, "CO": { $0[0] && $0[1] }], inputGateLoads: [4, 4]),
  .init(name: "FA", transistors: 28, inputs: ["A", "B", "CI"],
    outputs: ["S": { ($0[0] != $0[1]) != $0[2] }, "CO": maj], inputGateLoads: [8, 8, 6]),
  .init(name: "FA_TG", transistors: 20, inputs: ["A", "B", "CI"],
    outputs: ["S": { ($0[0] != $0[1]) != $0[2] }, "CO": maj], inputGateLoads: [4, 2, 2]),
]

@Suite("Shipped cell library")
struct ShippedCellTests {
  @Test("the library has exactly the expected cells")
  func cellNames() {
    let names = Set(TestSupport.shippedLibrary.cells.map(\.name))
    #expect(names == Set(expectedCells.map(\.name)))
  }

  @Test("each cell's function, transistor count and gate loads", arguments: expectedCells)
  func cell(_ expected: ExpectedCell) throws {
    let library = TestSupport.shippedLibrary
    let cell = try #require(library.id(named: expected.name).map { library[$0] })
    #expect(cell.transistorCount == expected.transistors)
    #expect(cell.inputs == expected.inputs)
    #expect(cell.inputGateLoads == expected.inputGateLoads)
    #expect(Set(cell.outputs) == Set(expected.outputs.keys))
    for (index, name) in cell.outputs.enumerated() {
      let function = try #require(expected.outputs[name])
      #expect(cell.outputFunction(index) == TruthTable(inputCount: expected.inputs.count, function), "\(expected.name).\(name)")
    }
    // Full-swing designs: no node is only reached through a degraded pass transistor.
    #expect(cell.nodes.allSatisfy { !$0.isWeak })
  }

  @Test("pinned truth tables of the adder cells")
  func pinnedAdderTables() throws {
    let library = TestSupport.shippedLibrary
    let fa = library[try #require(library.id(named: "FA"))]
    #expect(fa.outputFunction(0).bits == 0x96)  // S = A ^ B ^ CI
    #expect(fa.outputFunction(1).bits == 0xE8)  // CO = majority
    // The mirror adder's internal carry-bar drives 4 gates (sum stage + inverter).
    let carryBar = try #require(fa.nodes.first { $0.name == "CON" })
    #expect(carryBar.function.bits == 0x17)
    #expect(carryBar.gateLoad == 4)
    let ha = library[try #require(library.id(named: "HA"))]
    #expect(ha.outputFunction(0).bits == 0x6)
    #expect(ha.outputFunction(1).bits == 0x8)
    let mux = library[try #require(library.id(named: "MUX2"))]
    #expect(mux.outputFunction(0).bits == 0xCA)
  }
}
