//===--- CellLibrary.swift -------------------------------------------------===//
// A set of analysed cells addressed by name or by a typed index. Generators
// ask for cells by their standard names (INV, NAND2, FA, …); a user library
// may replace any of them with its own transistor netlist.
//===----------------------------------------------------------------------===//
/// The index of a cell within a `CellLibrary`.
public struct CellID: Hashable, Sendable, Comparable {
  /// The position of the cell in `CellLibrary.cells`.
  public let index: Int
  /// Wraps a library position.
  public init(_ index: Int) { self.index = index }
  public static func < (a: CellID, b: CellID) -> Bool { a.index < b.index }
}

/// An ordered collection of cells with lookup by case-insensitive name.
public struct CellLibrary: Sendable {
  /// The cells, in the order they were added.
  public private(set) var cells: [Cell] = []
  private var indexByName: [String: Int] = [:]

  /// Creates a library; a later cell replaces an earlier one of the same name.
  public init(_ cells: [Cell] = []) {
    for cell in cells { add(cell) }
  }

  /// Adds `cell`, replacing any cell of the same name.
  public mutating func add(_ cell: Cell) {
    let key = cell.name.uppercased()
    if let existing = indexByName[key] {
      cells[existing] = cell
    } else {
      indexByName[key] = cells.count
      cells.append(cell)
    }
  }

  /// The cell called `name` (any case), if present.
  public func id(named name: String) -> CellID? {
    indexByName[name.uppercased()].map(CellID.init)
  }

  /// The cell with the given index.
  public subscript(id: CellID) -> Cell { cells[id.index] }
}
