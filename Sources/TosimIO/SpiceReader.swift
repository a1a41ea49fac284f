//===--- SpiceReader.swift -------------------------------------------------===//
// Reads the SPICE subset tosim's cells use: `.SUBCKT name ports…` … `.ENDS`,
// MOSFET cards `Mname drain gate source bulk model [params]` (model nmos/pmos,
// or a foundry model whose name says nfet/pfet), sky130-style `X` cards
// calling such a model, `*` comments, `+` continuations and `*.PININFO`
// port directions. Keywords and node names are case-insensitive.
//===----------------------------------------------------------------------===//
import TosimCells
import TosimFormats

/// Parses SPICE text into subcircuits.
public enum SpiceReader {
  /// Parses every `.SUBCKT` in `text`.
  ///
  /// - Parameter file: the name used in error messages.
  /// - Throws: `InputError` with file and line for an unknown device, a
  ///   card with the wrong number of nodes, a missing `.ENDS`, a device
  ///   outside any subcircuit, a subcircuit defined twice, or a port listed
  ///   twice.
  public static func parse(_ text: String, file: String) throws -> [Subcircuit] {
    // Join continuation lines, remembering each card's first line number.
    var cards: [(line: Int, text: String)] = []
    // PININFO entries by line; each applies to the subcircuit open at it or the next one.
    var pinInfo: [(line: Int, port: String, direction: PortDirection)] = []
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      let number = offset + 1
      if line.uppercased().hasPrefix("*.PININFO") {
        for item in line.dropFirst("*.PININFO".count).split(whereSeparator: \.isWhitespace) {
          let parts = item.split(separator: ":")
          guard parts.count == 2, let direction = pinDirection(parts[1]) else {
            throw InputError("malformed *.PININFO entry '\(item)'; expected PORT:I, PORT:O, PORT:P or PORT:G",
              file: file, line: number)
          }
          pinInfo.append((number, parts[0].uppercased(), direction))
        }
        continue
      }
      if line.isEmpty || line.hasPrefix("*") { continue }
      let content = line.split(separator: "$", maxSplits: 1).first.map(String.init) ?? ""
      if content.hasPrefix("+") {
        guard !cards.isEmpty else { throw InputError("continuation line with nothing to continue", file: file, line: number) }
        cards[cards.count - 1].text += " " + content.dropFirst()
      } else {
        cards.append((number, content))
      }
    }

    var result: [Subcircuit] = []
    var open: (name: String, ports: [String], line: Int, devices: [Mosfet])?
    var directions: [String: PortDirection] = [:]
    var nextPinInfo = 0
    for card in cards {
      while nextPinInfo < pinInfo.count, pinInfo[nextPinInfo].line < card.line {
        let (line, port, direction) = pinInfo[nextPinInfo]
        nextPinInfo += 1
        if let previous = directions[port], previous != direction {
          throw InputError("*.PININFO gives port \(port) two directions", file: file, line: line)
        }
        directions[port] = direction
      }
      let words = card.text.split(whereSeparator: \.isWhitespace).map { $0.uppercased() }
      guard let head = words.first else { continue }
      func error(_ message: String) -> InputError { InputError(message, file: file, line: card.line) }
      switch head {
      case ".SUBCKT":
        if let open { throw error(".SUBCKT inside subcircuit \(open.name), which has no .ENDS") }
        guard words.count >= 2 else { throw error(".SUBCKT needs a name and ports") }
        if let first = result.first(where: { $0.name == words[1] }) {
          throw error("subcircuit \(words[1]) is defined twice (first at line \(first.line ?? 0))")
        }
        let ports = words.dropFirst(2).filter { !$0.contains("=") }
        var seen: Set<String> = []
        for port in ports where !seen.insert(port).inserted {
          throw error("port \(port) is listed twice in .SUBCKT \(words[1])")
        }
        open = (words[1], ports, card.line, [])
      case ".ENDS":
        guard let current = open else { throw error(".ENDS without .SUBCKT") }
        let own = directions.filter { current.ports.contains($0.key) }
        for port in directions.keys.sorted() where !current.ports.contains(port) && current.ports.count > 0 {
          if !Subcircuit.powerNames.contains(port) && !Subcircuit.groundNames.contains(port) {
            throw error("*.PININFO names '\(port)', which is not a port of \(current.name)")
          }
        }
        result.append(Subcircuit(
          name: current.name, ports: current.ports, declaredDirections: own, transistors: current.devices,
          file: file, line: current.line))
        open = nil
        directions = [:]
      case ".END":
        break
      case let h where h.hasPrefix("."):
        if [".PARAM", ".OPTION", ".OPTIONS", ".GLOBAL", ".LIB", ".MODEL"].contains(h) { continue }
        throw error("unsupported control card \(h)")
      default:
        guard open != nil else { throw error("device \(words[0]) outside a .SUBCKT") }
        open!.devices.append(try device(words, error: error))
      }
    }
    if let open {
      throw InputError("subcircuit \(open.name) has no .ENDS", file: file, line: open.line)
    }
    return result
  }

  private static func pinDirection(_ text: Substring) -> PortDirection? {
    switch text.uppercased() {
    case "I": return .input
    case "O": return .output
    case "P": return .power
    case "G": return .ground
    default: return nil
    }
  }

  /// Parses one device card into a MOSFET.
  private static func device(_ words: [String], error: (String) -> InputError) throws -> Mosfet {
    let name = words[0]
    let positional = words.dropFirst().filter { !$0.contains("=") }
    switch name.first {
    case "M", "X":
      guard positional.count == 5 else {
        throw error("MOSFET \(name) has \(positional.count) nodes and models; expected 'drain gate source bulk model'")
      }
      guard let kind = mosfetKind(positional[positional.startIndex + 4]) else {
        throw error("device \(name) uses model '\(positional.last!)'; expected nmos or pmos (or an nfet/pfet model)")
      }
      let p = Array(positional)
      return Mosfet(name: name, drain: p[0], gate: p[1], source: p[2], kind: kind, line: nil)
    default:
      throw error("unknown device '\(name)': only MOSFETs (M cards, or X cards calling an nfet/pfet model) are supported")
    }
  }

  private static func mosfetKind(_ model: String) -> MosfetKind? {
    if model == "NMOS" || model.contains("NFET") || model.hasPrefix("NCH") { return .nmos }
    if model == "PMOS" || model.contains("PFET") || model.hasPrefix("PCH") { return .pmos }
    return nil
  }
}
