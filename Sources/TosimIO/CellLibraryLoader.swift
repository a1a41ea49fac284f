//===--- CellLibraryLoader.swift -------------------------------------------===//
// Loads a folder of SPICE cells (`*.sp`, `*.spice`, `*.cir`) and analyses each
// subcircuit into a library cell; a cell named like a standard cell (INV,
// NAND2, …, FA) must have the pins and function the generators expect. Used
// by every command that builds circuits; `--library DIR` adds a user's folder
// on top of the shipped one.
//===----------------------------------------------------------------------===//
import Foundation
import TosimCells
import TosimFormats
import TosimNetlist

/// The result of analysing one subcircuit: a cell, or the reason it failed.
public struct CellAnalysisResult: Sendable {
  /// The subcircuit as read.
  public let subcircuit: Subcircuit
  /// The analysed cell, or the analysis error.
  public let result: Result<Cell, InputError>
}

/// Reads cell folders.
public enum CellLibraryLoader {
  /// File extensions read as SPICE.
  public static let extensions: Set<String> = ["sp", "spice", "cir", "subckt"]

  /// Reads and analyses every subcircuit in `directory`, in file-name order.
  ///
  /// - Throws: `InputError` when the folder cannot be read, a file does not
  ///   parse, or two files define the same subcircuit (analysis failures,
  ///   including a standard cell with the wrong pins or function, are
  ///   returned per cell instead).
  public static func analyse(directory: String) throws -> [CellAnalysisResult] {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw InputError("cell library folder does not exist", file: directory)
    }
    let names = try manager.contentsOfDirectory(atPath: directory)
      .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
      .sorted()
    var results: [CellAnalysisResult] = []
    var firstDefinition: [String: Subcircuit] = [:]
    for name in names {
      let path = (directory as NSString).appendingPathComponent(name)
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw InputError("cannot read file as UTF-8 text", file: path)
      }
      for subcircuit in try SpiceReader.parse(text, file: path) {
        if let first = firstDefinition[subcircuit.name] {
          throw InputError(
            "subcircuit \(subcircuit.name) is defined twice in this folder (first at "
              + "\(first.file ?? "?"):\(first.line ?? 0)); which one to use would depend on file order",
            file: path, line: subcircuit.line)
        }
        firstDefinition[subcircuit.name] = subcircuit
        results.append(.init(subcircuit: subcircuit, result: analyse(subcircuit)))
      }
    }
    return results
  }

  /// Analyses one subcircuit and, when it carries a standard cell's name
  /// (INV, NAND2, …, FA), checks its pins and function against what the
  /// generators expect.
  public static func analyse(_ subcircuit: Subcircuit) -> Result<Cell, InputError> {
    do {
      let cell = try SwitchLevelAnalysis.analyse(subcircuit)
      if let problem = CellLibrary.standardCellProblem(cell) {
        return .failure(InputError("cell \(cell.name) \(problem)", file: subcircuit.file, line: subcircuit.line))
      }
      return .success(cell)
    } catch let error as InputError {
      return .failure(error)
    } catch {
      return .failure(InputError("cell \(subcircuit.name): \(error)", file: subcircuit.file, line: subcircuit.line))
    }
  }

  /// Builds a library from folders, later folders replacing same-named cells.
  ///
  /// - Throws: `InputError` for the first cell that fails analysis or is a
  ///   standard cell (INV, NAND2, …, FA) with the wrong pins or function, or
  ///   when no cell is found.
  public static func load(directories: [String]) throws -> CellLibrary {
    var library = CellLibrary()
    for directory in directories {
      for analysed in try analyse(directory: directory) {
        library.add(try analysed.result.get())
      }
    }
    if library.cells.isEmpty {
      throw InputError("no SPICE cells found", file: directories.joined(separator: ", "))
    }
    return library
  }

  /// The shipped cell folder: `$TOSIM_CELLS` when set by the caller, else
  /// `circuits/cells` found next to the working directory or above the source
  /// tree this binary was built from.
  public static func shippedDirectory(environment: [String: String], workingDirectory: String) -> String? {
    var candidates: [String] = []
    if let override = environment["TOSIM_CELLS"] { candidates.append(override) }
    candidates.append((workingDirectory as NSString).appendingPathComponent("circuits/cells"))
    // Sources/TosimIO/CellLibraryLoader.swift -> package root.
    let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    candidates.append(sourceRoot.appendingPathComponent("circuits/cells").path)
    return candidates.first { FileManager.default.fileExists(atPath: $0) }
  }
}
