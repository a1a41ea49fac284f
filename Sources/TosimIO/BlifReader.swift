//===--- BlifReader.swift --------------------------------------------------===//
// Imports combinational BLIF (Berkeley Logic Interchange Format, as written
// by ABC and Yosys `write_blif`): `.model .inputs .outputs .names .subckt
// .gate .end`, `#` comments and `\` continuations. `.names` covers and Yosys
// internal gates ($_AND_, $_MUX_, …) are mapped onto library cells by
// truth-table matching (CellMapper); `.subckt`/`.gate` naming a library cell
// places it directly. Bus bits named `a[3]` are grouped into bus `a`.
// CLI: `tosim explore adders --design FILE.blif`.
//===----------------------------------------------------------------------===//
import TosimCells
import TosimFormats
import TosimNetlist

/// Reads BLIF into a netlist over a cell library.
public enum BlifReader {
  /// Yosys internal gate cells: their ports (inputs then output) and function.
  static let yosysGates: [String: (inputs: [String], output: String, function: @Sendable ([Bool]) -> Bool)] = [
    "$_BUF_": (["A"], "Y", { $0[0] }),
    "$_NOT_": (["A"], "Y", { !$0[0] }),
    "$_AND_": (["A", "B"], "Y", { $0[0] && $0[1] }),
    "$_NAND_": (["A", "B"], "Y", { !($0[0] && $0[1]) }),
    "$_OR_": (["A", "B"], "Y", { $0[0] || $0[1] }),
    "$_NOR_": (["A", "B"], "Y", { !($0[0] || $0[1]) }),
    "$_XOR_": (["A", "B"], "Y", { $0[0] != $0[1] }),
    "$_XNOR_": (["A", "B"], "Y", { $0[0] == $0[1] }),
    "$_ANDNOT_": (["A", "B"], "Y", { $0[0] && !$0[1] }),
    "$_ORNOT_": (["A", "B"], "Y", { $0[0] || !$0[1] }),
    "$_MUX_": (["A", "B", "S"], "Y", { $0[2] ? $0[1] : $0[0] }),
    "$_NMUX_": (["A", "B", "S"], "Y", { !($0[2] ? $0[1] : $0[0]) }),
    "$_AOI3_": (["A", "B", "C"], "Y", { !(($0[0] && $0[1]) || $0[2]) }),
    "$_OAI3_": (["A", "B", "C"], "Y", { !(($0[0] || $0[1]) && $0[2]) }),
    "$_AOI4_": (["A", "B", "C", "D"], "Y", { !(($0[0] && $0[1]) || ($0[2] && $0[3])) }),
    "$_OAI4_": (["A", "B", "C", "D"], "Y", { !(($0[0] || $0[1]) && ($0[2] || $0[3])) }),
  ]

  /// One logic element of the model, before mapping.
  private enum Element {
    /// A function of named signals driving `output`.
    case function(TruthTable, inputs: [String], output: String, line: Int)
    /// A library cell with named pins.
    case cell(CellID, inputs: [String], outputs: [String], name: String, line: Int)
  }

  /// Parses BLIF `text` and maps it onto `library`.
  ///
  /// - Throws: `InputError` with file and line for unsupported constructs
  ///   (`.latch`, hierarchy), malformed covers, unknown cells or pins, more
  ///   than six cover inputs, and for undriven or multiply driven signals.
  public static func read(_ text: String, file: String, library: CellLibrary) throws -> Netlist {
    func error(_ message: String, _ line: Int?) -> InputError { InputError(message, file: file, line: line) }
    // Logical lines: strip comments, join `\` continuations.
    var lines: [(number: Int, words: [String])] = []
    var carry: (number: Int, text: String)?
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = String(raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
      line = line.trimmingCharacters(in: .whitespaces)
      let continues = line.hasSuffix("\\")
      if continues { line.removeLast() }
      let start = carry?.number ?? offset + 1
      let joined = (carry?.text ?? "") + " " + line
      if continues {
        carry = (start, joined)
        continue
      }
      carry = nil
      let words = joined.split(whereSeparator: \.isWhitespace).map(String.init)
      if !words.isEmpty { lines.append((start, words)) }
    }

    var modelName: String?
    var inputNames: [String] = []
    var outputNames: [String] = []
    var elements: [Element] = []
    var index = 0
    var ended = false
    while index < lines.count {
      let (number, words) = lines[index]
      index += 1
      switch words[0] {
      case ".model":
        if modelName != nil {
          if ended { break }
          throw error("a second .model before .end; hierarchical BLIF is not supported (flatten it first)", number)
        }
        modelName = words.count > 1 ? words[1] : "top"
      case ".inputs": inputNames += words.dropFirst()
      case ".outputs": outputNames += words.dropFirst()
      case ".end":
        ended = true
        index = lines.count
      case ".names":
        guard words.count >= 2 else { throw error(".names needs at least an output signal", number) }
        let signals = Array(words.dropFirst())
        let inputs = Array(signals.dropLast())
        guard inputs.count <= TruthTable.maximumInputCount else {
          throw error(".names with \(inputs.count) inputs; at most \(TruthTable.maximumInputCount) are supported (map with abc -K 6 or to gates first)", number)
        }
        var rows: [(pattern: String, value: Bool, line: Int)] = []
        while index < lines.count, !lines[index].words[0].hasPrefix(".") {
          let row = lines[index]
          index += 1
          let pattern = inputs.isEmpty ? "" : row.words[0]
          let valueWord = inputs.isEmpty ? row.words[0] : (row.words.count > 1 ? row.words[1] : "")
          guard row.words.count == (inputs.isEmpty ? 1 : 2), pattern.count == inputs.count,
            pattern.allSatisfy({ "01-".contains($0) }), valueWord == "0" || valueWord == "1"
          else {
            throw error("malformed cover row '\(row.words.joined(separator: " "))' for .names \(signals.joined(separator: " ")); expected \(inputs.count) of 0/1/- and an output 0 or 1", row.number)
          }
          rows.append((pattern, valueWord == "1", row.number))
        }
        if let first = rows.first, rows.contains(where: { $0.value != first.value }) {
          throw error("cover of \(signals.last!) mixes on-set and off-set rows", first.line)
        }
        let onSet = rows.first?.value ?? true
        let table = TruthTable(inputCount: inputs.count) { values in
          let covered = rows.contains { row in
            zip(row.pattern, values).allSatisfy { character, value in character == "-" || (character == "1") == value }
          }
          return covered == onSet
        }
        elements.append(.function(table, inputs: inputs, output: signals.last!, line: number))
      case ".subckt", ".gate":
        guard words.count >= 2 else { throw error("\(words[0]) needs a cell name", number) }
        var pins: [String: String] = [:]
        for binding in words.dropFirst(2) {
          let parts = binding.split(separator: "=", maxSplits: 1).map(String.init)
          guard parts.count == 2 else { throw error("pin binding '\(binding)' is not formal=actual", number) }
          pins[parts[0]] = parts[1]
        }
        let cellName = words[1]
        if let gate = yosysGates[cellName] {
          let inputs = try gate.inputs.map { pin in
            guard let net = pins[pin] else { throw error("\(cellName) is missing pin \(pin)", number) }
            return net
          }
          guard let output = pins[gate.output] else { throw error("\(cellName) is missing pin \(gate.output)", number) }
          elements.append(.function(TruthTable(inputCount: inputs.count, gate.function), inputs: inputs, output: output, line: number))
        } else if let id = library.id(named: cellName) {
          let cell = library[id]
          for pin in pins.keys where !cell.inputs.contains(pin.uppercased()) && !cell.outputs.contains(pin.uppercased()) {
            throw error("cell \(cell.name) has no pin '\(pin)'", number)
          }
          let upper = Dictionary(pins.map { ($0.key.uppercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
          let inputs = try cell.inputs.map { pin in
            guard let net = upper[pin] else { throw error("instance of \(cell.name) leaves input \(pin) unconnected", number) }
            return net
          }
          let outputs = try cell.outputs.map { pin in
            guard let net = upper[pin] else { throw error("instance of \(cell.name) leaves output \(pin) unconnected", number) }
            return net
          }
          elements.append(.cell(id, inputs: inputs, outputs: outputs, name: "\(cell.name)@\(number)", line: number))
        } else {
          throw error("unknown cell '\(cellName)': neither a library cell nor a Yosys gate ($_AND_, $_MUX_, …)", number)
        }
      case ".latch", ".mlatch":
        throw error("sequential element \(words[0]) is not supported; tosim imports combinational logic only", number)
      case ".exdc", ".clock", ".wire_load_slope", ".default_input_arrival", ".area", ".delay", ".attr", ".param", ".cname":
        continue
      default:
        throw error("unexpected '\(words[0])'; expected a BLIF command such as .names, .subckt or .end", number)
      }
    }
    guard modelName != nil else { throw error("no .model found", nil) }
    return try build(
      name: modelName!, inputs: inputNames, outputs: outputNames, elements: elements, library: library,
      error: error)
  }

  /// Creates nets, places the elements and declares the ports.
  private static func build(
    name: String, inputs: [String], outputs: [String], elements: [Element], library: CellLibrary,
    error: (String, Int?) -> InputError
  ) throws -> Netlist {
    var netlist = Netlist(name: name, library: library)
    let mapper = CellMapper(library: library)
    var netOf: [String: NetID] = [:]
    var driverLine: [String: Int] = [:]
    for bus in groupBuses(inputs) {
      let created = netlist.addInput(bus.name, width: bus.width)
      for (bit, signal) in bus.bits.enumerated() { if let signal { netOf[signal] = created[bit] } }
    }
    netOf["$false"] = Netlist.constant0
    netOf["$true"] = Netlist.constant1
    netOf["$undef"] = Netlist.constant0
    for element in elements {
      let (output, line): (String, Int) = switch element {
      case .function(_, _, let output, let line): (output, line)
      case .cell(_, _, let outputs, _, let line): (outputs.first ?? "", line)
      }
      if inputs.contains(output) { throw error("signal \(output) is a primary input but is also driven", line) }
    }
    // Place functions in dependency order so every input signal has a net:
    // elements whose inputs are ready are placed, repeatedly.
    var pending = elements
    while !pending.isEmpty {
      var next: [Element] = []
      for element in pending {
        switch element {
        case .function(let table, let inputs, let output, let line):
          guard inputs.allSatisfy({ netOf[$0] != nil }) else {
            next.append(element)
            continue
          }
          if let previous = driverLine[output] { throw error("signal \(output) has several drivers (also line \(previous))", line) }
          driverLine[output] = line
          netOf[output] = try mapper.place(table, inputs: inputs.map { netOf[$0]! }, into: &netlist)
        case .cell(let id, let inputs, let outputs, let instanceName, let line):
          guard inputs.allSatisfy({ netOf[$0] != nil }) else {
            next.append(element)
            continue
          }
          var nets: [NetID] = []
          for output in outputs {
            if let previous = driverLine[output] { throw error("signal \(output) has several drivers (also line \(previous))", line) }
            driverLine[output] = line
            let net = netlist.newNet(name: output)
            netOf[output] = net
            nets.append(net)
          }
          try netlist.connect(id, inputs: inputs.map { netOf[$0]! }, outputs: nets, name: instanceName)
        }
      }
      if next.count == pending.count {
        // Nothing could be placed: an undriven signal or a loop.
        let waiting = next.flatMap { element -> [(String, Int)] in
          switch element {
          case .function(_, let inputs, _, let line): return inputs.filter { netOf[$0] == nil }.map { ($0, line) }
          case .cell(_, let inputs, _, _, let line): return inputs.filter { netOf[$0] == nil }.map { ($0, line) }
          }
        }
        let drivenLater = Set(next.flatMap { element -> [String] in
          switch element {
          case .function(_, _, let output, _): return [output]
          case .cell(_, _, let outputs, _, _): return outputs
          }
        })
        if let undriven = waiting.first(where: { !drivenLater.contains($0.0) }) {
          throw error("signal \(undriven.0) is used but never driven", undriven.1)
        }
        throw error("combinational loop through signal(s) " + Set(waiting.map(\.0)).sorted().prefix(8).joined(separator: ", "), waiting.first?.1)
      }
      pending = next
    }
    for bus in groupBuses(outputs) {
      let nets = try bus.bits.enumerated().map { bit, signal in
        guard let signal, let net = netOf[signal] else {
          throw error("output \(bus.name)[\(bit)] is never driven", nil)
        }
        return net
      }
      netlist.addOutput(bus.name, nets)
    }
    return netlist
  }

  /// Groups `name[i]` signals into buses (bit order by index), keeping
  /// first-appearance order; a missing bit is `nil`.
  static func groupBuses(_ signals: [String]) -> [(name: String, width: Int, bits: [String?])] {
    var order: [String] = []
    var bits: [String: [Int: String]] = [:]
    for signal in signals {
      var base = signal
      var bit = 0
      if signal.hasSuffix("]"), let open = signal.lastIndex(of: "["),
        let index = Int(signal[signal.index(after: open)..<signal.index(before: signal.endIndex)])
      {
        base = String(signal[..<open])
        bit = index
      }
      if bits[base] == nil { order.append(base) }
      bits[base, default: [:]][bit] = signal
    }
    return order.map { base in
      let width = (bits[base]!.keys.max() ?? 0) + 1
      return (base, width, (0..<width).map { bits[base]![$0] })
    }
  }
}
