//===--- CellLibraryLoader+Subcircuits.swift -------------------------------===//
// The transistor netlists behind a loaded cell library, by cell name, with
// the same folder precedence as `load(directories:)` (a later folder's cell
// replaces an earlier one's). `tosim export spice` copies them into the deck.
//===----------------------------------------------------------------------===//
import TosimCells

extension CellLibraryLoader {
  /// The subcircuit of every cell in `directories`, keyed by upper-case
  /// name; later folders replace same-named subcircuits of earlier ones.
  ///
  /// - Throws: what `analyse(directory:)` throws.
  public static func subcircuits(directories: [String]) throws -> [String: Subcircuit] {
    var result: [String: Subcircuit] = [:]
    for directory in directories {
      for analysed in try analyse(directory: directory) {
        result[analysed.subcircuit.name.uppercased()] = analysed.subcircuit
      }
    }
    return result
  }
}
