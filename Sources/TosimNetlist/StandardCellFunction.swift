//===--- StandardCellFunction.swift ----------------------------------------===//
// The pins and Boolean function the generators expect of each standard cell
// they place (INV, NAND2, …, MUX2, HA, FA). Generators bind a cell's pins by
// position (input i of the call is input port i, output j is output port j),
// so a user cell replacing a shipped one must compute the same function in
// the same port order. Checked when `--library` cells load and before a unit
// is built (`CellLibrary+StandardCells.swift`).
//===----------------------------------------------------------------------===//

/// The function a generator relies on when it places a standard cell.
public struct StandardCellFunction: Sendable, Hashable {
  /// The cell name, upper case.
  public let name: String
  /// The shipped cell's input port names, in port order (for messages).
  public let inputs: [String]
  /// The shipped cell's output port names, in port order (for messages).
  public let outputs: [String]
  /// Each output's function; input i of a table is input port i.
  public let functions: [TruthTable]
  /// The function in words, in terms of the shipped port names.
  public let formula: String

  /// Creates an expectation from a function of the input values.
  public init(
    _ name: String, inputs: [String], outputs: [String], formula: String, _ function: ([Bool]) -> [Bool]
  ) {
    self.name = name
    self.inputs = inputs
    self.outputs = outputs
    self.formula = formula
    self.functions = outputs.indices.map { output in
      TruthTable(inputCount: inputs.count) { function($0)[output] }
    }
  }

  /// Every standard cell a generator may place, by upper-case name.
  public static let all: [String: StandardCellFunction] = {
    let list = [
      StandardCellFunction("INV", inputs: ["A"], outputs: ["Y"], formula: "Y = !A") { [!$0[0]] },
      StandardCellFunction("NAND2", inputs: ["A", "B"], outputs: ["Y"], formula: "Y = !(A & B)") {
        [!($0[0] && $0[1])]
      },
      StandardCellFunction("NOR2", inputs: ["A", "B"], outputs: ["Y"], formula: "Y = !(A | B)") {
        [!($0[0] || $0[1])]
      },
      StandardCellFunction("AND2", inputs: ["A", "B"], outputs: ["Y"], formula: "Y = A & B") { [$0[0] && $0[1]] },
      StandardCellFunction("OR2", inputs: ["A", "B"], outputs: ["Y"], formula: "Y = A | B") { [$0[0] || $0[1]] },
      StandardCellFunction("XOR2", inputs: ["A", "B"], outputs: ["Y"], formula: "Y = A ^ B") { [$0[0] != $0[1]] },
      StandardCellFunction("XNOR2", inputs: ["A", "B"], outputs: ["Y"], formula: "Y = !(A ^ B)") {
        [$0[0] == $0[1]]
      },
      StandardCellFunction("AOI21", inputs: ["A", "B", "C"], outputs: ["Y"], formula: "Y = !(A & B | C)") {
        [!(($0[0] && $0[1]) || $0[2])]
      },
      StandardCellFunction("OAI21", inputs: ["A", "B", "C"], outputs: ["Y"], formula: "Y = !((A | B) & C)") {
        [!(($0[0] || $0[1]) && $0[2])]
      },
      StandardCellFunction(
        "AOI22", inputs: ["A", "B", "C", "D"], outputs: ["Y"], formula: "Y = !(A & B | C & D)"
      ) { [!(($0[0] && $0[1]) || ($0[2] && $0[3]))] },
      StandardCellFunction("MUX2", inputs: ["A", "B", "S"], outputs: ["Y"], formula: "Y = S ? B : A") {
        [$0[2] ? $0[1] : $0[0]]
      },
      StandardCellFunction("HA", inputs: ["A", "B"], outputs: ["S", "CO"], formula: "S = A ^ B, CO = A & B") {
        [$0[0] != $0[1], $0[0] && $0[1]]
      },
      StandardCellFunction(
        "FA", inputs: ["A", "B", "CI"], outputs: ["S", "CO"], formula: "S = A ^ B ^ CI, CO = majority(A, B, CI)"
      ) { v in
        [(v[0] != v[1]) != v[2], (v[0] && v[1]) || (v[2] && (v[0] || v[1]))]
      },
    ]
    return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
  }()

  /// What is wrong with `cell` as this standard cell, or nil when it has the
  /// expected number of inputs and outputs and computes the expected
  /// function of its ports in order.
  public func problem(with cell: Cell) -> String? {
    let expected = "tosim's generators place \(name) with \(count(inputs.count, "input")) "
      + "(\(inputs.joined(separator: ", "))) and \(count(outputs.count, "output")) "
      + "(\(outputs.joined(separator: ", "))) in port order, \(formula)"
    let outputs = cell.outputs
    guard cell.inputs.count == inputs.count, outputs.count == self.outputs.count else {
      return "has \(count(cell.inputs.count, "input")) (\(cell.inputs.joined(separator: ", "))) and "
        + "\(count(outputs.count, "output")) (\(outputs.joined(separator: ", "))); \(expected)"
    }
    for (index, function) in functions.enumerated() {
      let actual = cell.outputFunction(index)
      guard actual != function else { continue }
      let combination = (0..<(1 << inputs.count)).first { actual.value(at: $0) != function.value(at: $0) } ?? 0
      let values = cell.inputs.enumerated().map { "\($0.element)=\(combination >> $0.offset & 1)" }
      let got = actual.value(at: combination) ? 1 : 0
      return "computes the wrong function: output \(outputs[index]) is \(got) for \(values.joined(separator: " ")), "
        + "expected \(1 - got) as output \(self.outputs[index]); \(expected)"
    }
    return nil
  }

  private func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
