//===--- TextTable.swift ---------------------------------------------------===//
// Aligned plain-text tables for human-readable command output.
//===----------------------------------------------------------------------===//

/// Formats rows of cells into left-aligned columns.
struct TextTable {
  /// The header row.
  let header: [String]
  /// The body rows.
  var rows: [[String]] = []

  /// The table as lines, columns separated by two spaces.
  var rendered: String {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { i, cell in
        i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
      }.joined(separator: "  ")
    }.joined(separator: "\n") + "\n"
  }
}
