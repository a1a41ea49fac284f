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
  /// The widest bus a design may declare; a bus index must be below it.
  public static let maximumBusWidth = 1 << 16

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

    /// The signals the element reads.
    var inputs: [String] {
      switch self {
      case .function(_, let inputs, _, _), .cell(_, let inputs, _, _, _): inputs
      }
    }

    /// The signals the element drives.
    var outputs: [String] {
      switch self {
      case .function(_, _, let output, _): [output]
      case .cell(_, _, let outputs, _, _): outputs
      }
    }

    /// The line the element starts on.
    var line: Int {
      switch self {
      case .function(_, _, _, let line), .cell(_, _, _, _, let line): line
      }
    }
  }

  /// The order in which `elements` can be placed: passes over the file,
  /// each placing in file order every element whose inputs are ready (the
  /// order of the instances in the netlist), computed in time linear in the
  /// file. Elements that never become ready (an undriven input, a loop) are
  /// left out. `driverOf` gives each driven signal's element; `available`
  /// signals (primary inputs, constants) are ready from the start.
  private static func placementOrder(
    _ elements: [Element], driverOf: [String: Int], available: Set<String>
  ) -> [Int] {
    var unresolved = [Int](repeating: 0, count: elements.count)
    var consumers = [[Int]](repeating: [], count: elements.count)
    for (index, element) in elements.enumerated() {
      for signal in Set(element.inputs) where !available.contains(signal) {
        unresolved[index] += 1
        if let driver = driverOf[signal] { consumers[driver].append(index) }
      }
    }
    // pass[e] = max(1, pass[d] for each driver d before e in the file, pass[d] + 1 for one after it).
    var pass = [Int](repeating: 1, count: elements.count)
    var ready = elements.indices.filter { unresolved[$0] == 0 }
    var next = 0
    while next < ready.count {
      let driver = ready[next]
      next += 1
      for consumer in consumers[driver] {
        pass[consumer] = max(pass[consumer], pass[driver] + (driver > consumer ? 1 : 0))
        unresolved[consumer] -= 1
        if unresolved[consumer] == 0 { ready.append(consumer) }
      }
    }
    return ready.sorted { (pass[$0], $0) < (pass[$1], $1) }
  }

  /// Parses BLIF `text` and maps it onto `library`.
  ///
  /// - Throws: `InputError` with file and line for unsupported constructs
  ///   (`.latch`, hierarchy), malformed covers, unknown cells or pins, more
  ///   than six cover inputs, undriven or multiply driven signals, a port
  ///   or pin binding listed twice, and a bus whose bits are not contiguous
  ///   or reach `maximumBusWidth`.
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
    var inputNames: [(name: String, line: Int)] = []
    var outputNames: [(name: String, line: Int)] = []
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
      case ".inputs": inputNames += words.dropFirst().map { ($0, number) }
      case ".outputs": outputNames += words.dropFirst().map { ($0, number) }
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
          if let other = pins.keys.first(where: { $0.uppercased() == parts[0].uppercased() }) {
            throw error("pin \(parts[0]) is bound twice (\(other)=\(pins[other]!) and \(binding))", number)
          }
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
          let upper = Dictionary(uniqueKeysWithValues: pins.map { ($0.key.uppercased(), $0.value) })
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
    guard let modelName else { throw error("no .model found", nil) }
    for (kind, names) in [("input", inputNames), ("output", outputNames)] {
      var firstLine: [String: Int] = [:]
      for (name, line) in names {
        if let first = firstLine[name] { throw error("\(kind) \(name) is listed twice (also line \(first))", line) }
        firstLine[name] = line
      }
    }
    return try build(
      name: modelName, inputs: try groupBuses(inputNames, error: error),
      outputs: try groupBuses(outputNames, error: error), elements: elements, library: library, error: error)
  }

  /// Creates nets, places the elements and declares the ports.
  private static func build(
    name: String, inputs: [Bus], outputs: [Bus], elements: [Element], library: CellLibrary,
    error: (String, Int?) -> InputError
  ) throws -> Netlist {
    var netlist = Netlist(name: name, library: library)
    let mapper = CellMapper(library: library)
    var netOf: [String: NetID] = [:]
    for bus in inputs {
      let created = netlist.addInput(bus.name, width: bus.bits.count)
      for (bit, signal) in bus.bits.enumerated() { netOf[signal] = created[bit] }
    }
    let inputSignals = Set(inputs.flatMap(\.bits))
    // Yosys's constant signals; a file may define them, but only as constants.
    let constants: [String: NetID] = ["$false": Netlist.constant0, "$true": Netlist.constant1, "$undef": Netlist.constant0]
    for bus in inputs {
      if let reserved = bus.bits.first(where: { constants[$0] != nil }) {
        throw error("input \(reserved) is the name of a Yosys constant, not a port", bus.line)
      }
    }
    for (signal, net) in constants { netOf[signal] = net }
    // Every signal has at most one driver, and primary inputs have none.
    var driverOf: [String: Int] = [:]
    for (index, element) in elements.enumerated() {
      for output in element.outputs {
        if inputSignals.contains(output) { throw error("signal \(output) is a primary input but is also driven", element.line) }
        if let previous = driverOf[output] {
          throw error("signal \(output) has several drivers (also line \(elements[previous].line))", element.line)
        }
        driverOf[output] = index
      }
    }
    // Place the elements in dependency order so every input signal has a net.
    let order = placementOrder(elements, driverOf: driverOf, available: Set(netOf.keys))
    for index in order {
      switch elements[index] {
      case .function(let table, let inputs, let output, let line):
        let net = try mapper.place(table, inputs: inputs.map { netOf[$0]! }, into: &netlist)
        if let constant = constants[output], output == "$undef" ? !(net == Netlist.constant0 || net == Netlist.constant1) : net != constant {
          throw error("\(output) is driven by something other than the constant it names", line)
        }
        netOf[output] = net
      case .cell(let id, let inputs, let outputs, let instanceName, let line):
        var nets: [NetID] = []
        for output in outputs {
          if constants[output] != nil { throw error("a cell output drives the Yosys constant \(output)", line) }
          let net = netlist.newNet(name: output)
          netOf[output] = net
          nets.append(net)
        }
        try netlist.connect(id, inputs: inputs.map { netOf[$0]! }, outputs: nets, name: instanceName)
      }
    }
    if order.count < elements.count {
      // Some elements wait forever: on an undriven signal or around a loop.
      let placed = Set(order)
      let next = elements.indices.filter { !placed.contains($0) }.map { elements[$0] }
      let waiting = next.flatMap { element in element.inputs.filter { netOf[$0] == nil }.map { ($0, element.line) } }
      let drivenLater = Set(next.flatMap(\.outputs))
      if let undriven = waiting.first(where: { !drivenLater.contains($0.0) }) {
        throw error("signal \(undriven.0) is used but never driven", undriven.1)
      }
      throw error("combinational loop through signal(s) " + Set(waiting.map(\.0)).sorted().prefix(8).joined(separator: ", "), waiting.first?.1)
    }
    for bus in outputs {
      let nets = try bus.bits.enumerated().map { bit, signal in
        guard let net = netOf[signal] else {
          let bitName = "\(bus.name)[\(bit)]"
          throw error("output \(bitName) is never driven" + (signal == bitName ? "" : " (signal \(signal))"), bus.line)
        }
        return net
      }
      netlist.addOutput(bus.name, nets)
    }
    return netlist
  }

  /// A port bus: its name, the signal of each bit (bit 0 first), and the
  /// line declaring its first signal.
  struct Bus {
    /// The bus name (`a` for signals `a[0]`, `a[1]`, …).
    var name: String
    /// The signal carrying each bit, least significant first.
    var bits: [String]
    /// The line of its first signal, for messages.
    var line: Int
  }

  /// Groups `name[i]` signals into buses keeping first-appearance order. A
  /// bus's bits are its indices from the lowest up (a Verilog `[7:4]` port
  /// is a 4-bit bus), which must be contiguous and below `maximumBusWidth`,
  /// so a bus never holds more bits than the file names. A bracket holding
  /// anything but decimal digits (`x[-1]`, `x[i]`) is part of a plain name.
  ///
  /// - Throws: `InputError` for an index at or above `maximumBusWidth`, a
  ///   missing bit, two signals for one bit (`a[3]`, `a[03]`), or a name
  ///   used both as a plain signal and as a bus.
  static func groupBuses(
    _ signals: [(name: String, line: Int)], error: (String, Int?) -> InputError
  ) throws -> [Bus] {
    var order: [String] = []
    var bits: [String: [Int: (signal: String, line: Int)]] = [:]
    var plain: [String: Int] = [:]
    for (signal, line) in signals {
      guard let (base, index) = try busBit(signal, line: line, error: error) else {
        if bits[signal] != nil { throw error("\(signal) is used both as a plain signal and as a bus", line) }
        plain[signal] = line
        order.append(signal)
        bits[signal] = [0: (signal, line)]
        continue
      }
      if plain[base] != nil { throw error("\(base) is used both as a plain signal and as a bus (\(signal))", line) }
      if bits[base] == nil { order.append(base) }
      if let other = bits[base]?[index] {
        throw error("\(signal) and \(other.signal) (line \(other.line)) are the same bit of bus \(base)", line)
      }
      bits[base, default: [:]][index] = (signal, line)
    }
    return try order.map { base in
      let members = bits[base]!
      let low = members.keys.min()!, high = members.keys.max()!
      if high - low >= members.count {
        let missing = (low...high).first { members[$0] == nil }!
        throw error(
          "bus \(base) has bits \(low) to \(high) but no \(base)[\(missing)]; bus bits must be contiguous",
          members[low]!.line)
      }
      return Bus(name: base, bits: (low...high).map { members[$0]!.signal }, line: members[low]!.line)
    }
  }

  /// The bus name and index of `name[index]`, or nil for a plain signal.
  private static func busBit(
    _ signal: String, line: Int, error: (String, Int?) -> InputError
  ) throws -> (String, Int)? {
    guard signal.hasSuffix("]"), let open = signal.lastIndex(of: "["), open > signal.startIndex else { return nil }
    let digits = signal[signal.index(after: open)..<signal.index(before: signal.endIndex)]
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    let trimmed = digits.drop { $0 == "0" }
    guard trimmed.count <= 9, let index = Int(trimmed.isEmpty ? "0" : trimmed), index < maximumBusWidth else {
      throw error(
        "bus index \(digits) in \(signal) is too large; buses may have at most \(maximumBusWidth) bits", line)
    }
    return (String(signal[..<open]), index)
  }
}
