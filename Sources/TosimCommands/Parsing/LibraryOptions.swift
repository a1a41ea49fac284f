//===--- LibraryOptions.swift ----------------------------------------------===//
// The cell-library options shared by every command that builds circuits:
// `--library DIR` adds a user's SPICE cells on top of the shipped ones (same
// names replace them); `--only-library` uses the user's cells alone. The
// shipped folder is `$TOSIM_CELLS` when set, else found as PackageLocation
// describes.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats
import TosimIO
import TosimNetlist

/// Which cell folders a command reads.
struct LibraryOptions {
  /// The option table entries.
  static let specs: [OptionSpec] = [
    .option("--library", "DIR", "Add the SPICE cells in DIR on top of the shipped library (repeatable).", repeatable: true),
    .flag("--only-library", "Use only the --library cells, not the shipped ones."),
  ]

  /// User folders, in order.
  let userDirectories: [String]
  /// Whether the shipped folder is read first.
  let includesShipped: Bool

  init(_ arguments: ParsedArguments) throws {
    userDirectories = arguments.strings("--library")
    includesShipped = !arguments.flag("--only-library")
    if !includesShipped && userDirectories.isEmpty {
      throw UsageError("--only-library needs at least one --library DIR")
    }
  }

  /// The folders to read, shipped first.
  func directories(_ context: CommandContext) throws -> [String] {
    var folders: [String] = []
    if includesShipped {
      let enclosing = PackageLocation.enclosingPackage(of: context.workingDirectory)
        .map { ($0 as NSString).appendingPathComponent("circuits/cells") }
      guard let shipped = try PackageLocation.folder(fromVariable: PackageLocation.cellsVariable, context) ?? enclosing
        ?? CellLibraryLoader.shippedDirectory(environment: [:], workingDirectory: context.workingDirectory)
      else {
        throw InputError("cannot find the shipped cell library circuits/cells; run inside the tosim package, "
          + "set \(PackageLocation.cellsVariable)=DIR or pass --only-library --library DIR")
      }
      folders.append(shipped)
    }
    return folders + userDirectories.map(context.resolve)
  }

  /// Loads and analyses the library.
  func load(_ context: CommandContext) throws -> CellLibrary {
    try CellLibraryLoader.load(directories: directories(context))
  }
}
