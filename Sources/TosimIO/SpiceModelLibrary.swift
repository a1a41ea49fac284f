//===--- SpiceModelLibrary.swift -------------------------------------------===//
// What a PDK's model file defines, for `tosim export spice --models FILE
// [--corner SECTION] --nmos NAME --pmos NAME`: the `.model` and `.subckt`
// names and the `.option scale`, following `.include` and `.lib FILE SECTION`
// references relative to the including file (with a section, only that
// `.lib` … `.endl` block of the file counts). Only dot cards are read, so a
// PDK of many megabytes scans in seconds.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

/// The device names and size scale a SPICE model file defines.
public struct SpiceModelLibrary: Sendable {
  /// `.model` names, upper case.
  public private(set) var models: Set<String> = []
  /// `.subckt` names, upper case.
  public private(set) var subcircuits: Set<String> = []
  /// The `.option scale` value, if any file sets one.
  public private(set) var scale: Double?
  /// Files read.
  public private(set) var fileCount = 0

  /// The most files one scan follows.
  public static let maximumFiles = 5_000

  /// Scans `path` (and what it includes); `section` selects a `.lib` block.
  ///
  /// - Throws: `InputError` when a file cannot be read, the section is not
  ///   in the file, or more than `maximumFiles` files are referenced.
  public static func scan(_ path: String, section: String? = nil) throws -> SpiceModelLibrary {
    var library = SpiceModelLibrary()
    var visited: Set<String> = []
    try library.read(path, section: section?.uppercased(), visited: &visited, from: nil)
    return library
  }

  private mutating func read(_ path: String, section: String?, visited: inout Set<String>, from: (String, Int)?) throws {
    let key = path + "|" + (section ?? "")
    guard visited.insert(key).inserted else { return }
    guard visited.count <= Self.maximumFiles else {
      throw InputError("model file references more than \(Self.maximumFiles) files", file: path)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      if let from { throw InputError("cannot read included model file \(path)", file: from.0, line: from.1) }
      throw InputError("cannot read model file", file: path)
    }
    fileCount += 1
    let directory = (path as NSString).deletingLastPathComponent
    var inSection = section == nil
    var foundSection = section == nil
    var lineNumber = 0
    for rawLine in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      guard let first = rawLine.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }),
        first == UInt8(ascii: ".")
      else { continue }
      let line = String(decoding: rawLine, as: UTF8.self)
      let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
      guard let head = words.first?.lowercased() else { continue }
      func referenced(_ word: String) -> String {
        let name = word.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        return name.hasPrefix("/") ? name : (directory as NSString).appendingPathComponent(name)
      }
      switch head {
      case ".lib":
        if words.count >= 3 {
          if inSection { try read(referenced(words[1]), section: words[2].uppercased(), visited: &visited, from: (path, lineNumber)) }
        } else if words.count == 2, let section {
          if words[1].uppercased() == section { inSection = true; foundSection = true }
        }
      case ".endl":
        if section != nil { inSection = false }
      case ".include", ".inc":
        if inSection, words.count >= 2 { try read(referenced(words[1]), section: nil, visited: &visited, from: (path, lineNumber)) }
      case ".model":
        if inSection, words.count >= 2 { models.insert(words[1].uppercased()) }
      case ".subckt":
        if inSection, words.count >= 2 { subcircuits.insert(words[1].uppercased()) }
      case ".option", ".options":
        if inSection {
          for word in words.dropFirst() where word.lowercased().hasPrefix("scale=") {
            scale = SpiceNumber.parse(String(word.dropFirst("scale=".count)))
          }
        }
      default:
        break
      }
    }
    if !foundSection, let section {
      throw InputError("model file has no .lib section \(section)", file: path)
    }
  }

  /// The mapping for device names `nmos` and `pmos`.
  ///
  /// - Throws: `InputError` naming the file when either name is defined
  ///   neither as a `.model` nor as a `.subckt`.
  public func mapping(nmos: String, pmos: String, file: String) throws -> SpiceDeviceMapping {
    func device(_ name: String, _ role: String) throws -> SpiceDeviceMapping.Device {
      if subcircuits.contains(name.uppercased()) { return .init(name: name, instance: .subcircuit) }
      if models.contains(name.uppercased()) { return .init(name: name, instance: .model) }
      throw InputError(
        "model file defines no .model or .subckt named '\(name)' (given as \(role)); it defines \(models.count) "
          + "models and \(subcircuits.count) subcircuits in \(fileCount) file(s)", file: file)
    }
    return SpiceDeviceMapping(nmos: try device(nmos, "--nmos"), pmos: try device(pmos, "--pmos"), scale: scale)
  }
}
