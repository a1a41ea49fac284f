//===--- StandardCellRequirementTests.swift --------------------------------===//
// Every cell a generator may place has an expected pin count and function,
// and a library built in code with a wrong standard cell makes the integer
// and floating-point generators throw an InputError naming the cell instead
// of trapping in the gate builder.
//===----------------------------------------------------------------------===//
import Testing
import TosimCircuits
import TosimFormats
import TosimNetlist
import _TosimTestSupport

@Suite("Standard cell requirements")
struct StandardCellRequirementTests {
  @Test("every cell the generators require has an expected function")
  func coverage() {
    #expect(Set(GeneratorCells.required) == Set(StandardCellFunction.all.keys))
    #expect(Set(FloatingPointUnits.requiredCells).isSubset(of: Set(StandardCellFunction.all.keys)))
  }

  /// The shipped library with `name` replaced by a cell of the same name that is really `impostor`.
  func library(replacing name: String, with impostor: String) throws -> CellLibrary {
    let shipped = TestSupport.shippedLibrary
    let cell = shipped[try #require(shipped.id(named: impostor))]
    let renamed = Cell(
      name: name, inputs: cell.inputs, inputGateLoads: cell.inputGateLoads, nodes: cell.nodes,
      transistorCount: cell.transistorCount)
    return CellLibrary(shipped.cells + [renamed])
  }

  @Test("a wrong standard cell is an InputError when a unit is built", arguments: [
    ("INV", "NAND2", "int8.add", "cell INV has 2 inputs (A, B)"),
    ("FA", "HA", "int8.mul", "cell FA has 2 inputs (A, B) and 2 outputs (S, CO)"),
    ("MUX2", "AOI21", "int8.add:carry-select", "cell MUX2 computes the wrong function: output Y is 1 for A=0 B=0 C=0"),
    ("XOR2", "XNOR2", "fp16.add", "cell XOR2 computes the wrong function: output Y is 1 for A=0 B=0"),
  ])
  func wrongCell(name: String, impostor: String, unit: String, message: String) throws {
    let library = try library(replacing: name, with: impostor)
    do {
      let parsed = try UnitName(parsing: unit)
      _ = unit.hasPrefix("int")
        ? try UnitCatalog.build(parsed, library: library) : try FloatingPointUnits.build(parsed, library: library)
      Issue.record("\(unit) built with a wrong \(name)")
    } catch let error as InputError {
      #expect(error.message.hasPrefix("\(unit): \(message)"), "\(error)")
    }
  }
}
