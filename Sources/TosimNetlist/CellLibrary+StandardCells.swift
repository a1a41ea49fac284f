//===--- CellLibrary+StandardCells.swift -----------------------------------===//
// Checks a library's standard cells (INV, NAND2, …, FA) against the pins and
// functions the generators expect (`StandardCellFunction`), so a user cell
// with the wrong pins or function is an `InputError` naming the cell instead
// of a crash or a wrong count. `CellLibraryLoader` checks every cell as a
// `--library` folder loads; `require` checks again before a unit is built.
//===----------------------------------------------------------------------===//
import TosimFormats

extension CellLibrary {
  /// What is wrong with `cell` if it carries a standard cell's name but not
  /// its pins or function; nil for a correct or non-standard cell.
  public static func standardCellProblem(_ cell: Cell) -> String? {
    StandardCellFunction.all[cell.name.uppercased()]?.problem(with: cell)
  }

  /// Throws unless every named cell is present and, for standard cells, has
  /// the pins and function the generators expect; generators call this first.
  public func require(_ names: [String], for purpose: String) throws {
    let missing = names.filter { id(named: $0) == nil }
    guard missing.isEmpty else {
      throw InputError(
        "\(purpose) needs cell(s) \(missing.joined(separator: ", ")), which the cell library lacks")
    }
    for name in names {
      let cell = self[id(named: name)!]
      if let problem = Self.standardCellProblem(cell) {
        throw InputError("\(purpose): cell \(cell.name) \(problem)")
      }
    }
  }
}
