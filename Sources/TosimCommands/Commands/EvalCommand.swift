//===--- EvalCommand.swift -------------------------------------------------===//
// `tosim eval UNIT`: runs a unit's gate-level netlist on operands read from
// standard input, one operation per line, and prints its outputs in hex.
// The simulation is `WordSimulator.simulate` (TosimEvaluation), the batch
// entry point the measurement driver steps through streams with.
//===----------------------------------------------------------------------===//
import TosimCircuits
import TosimEvaluation
import TosimFormats
import TosimNetlist
import TosimSim

struct EvalCommand: TosimCommand {
  static let name = "eval"
  static let abstract = "Evaluate a unit's gate-level netlist on operands from standard input."
  static let usage = "eval UNIT | --design FILE.blif [--library DIR]... | eval --list"
  static let discussion = """
    UNIT is <precision>.<op>[:<design>], e.g. int32.add:ripple-carry. Each input line holds
    the operands in hexadecimal (optional 0x prefix) separated by white space, in the unit's
    input order (a b cin for adders; a trailing one-bit input such as cin may be omitted and
    is then 0). Each output line holds the unit's outputs in hexadecimal in output order
    (y cout for adders). Blank lines and lines starting with # are skipped. The result comes
    from simulating the netlist, not from Swift arithmetic. A bad line exits 65 with its number.
    With --design, the BLIF design's input and output buses are used in declaration order.
    """
  static let options = LibraryOptions.specs + [CircuitSource.designSpec, .flag("--list", "List the units and designs.")]

  let source: CircuitSource?
  let library: LibraryOptions

  init(_ arguments: ParsedArguments) throws {
    library = try LibraryOptions(arguments)
    if arguments.flag("--list") {
      try arguments.expectPositionals(0...0, "")
      source = nil
    } else {
      try arguments.expectPositionals(0...1, "UNIT")
      source = try CircuitSource(arguments, unitPosition: 0)
    }
  }

  func run(_ context: CommandContext) throws {
    guard let source else {
      context.print("Integer units: int<N>.<op>[:<design>] for N = 1…\(UnitCatalog.maximumIntegerWidth)")
      for operation in UnitCatalog.operations {
        context.print("  \(operation.name): \(operation.summary)")
        if !operation.designs.isEmpty {
          context.print("    designs: \(operation.designs.joined(separator: ", ")) (default \(operation.designs[0]))")
        }
        if !operation.designNote.isEmpty { context.print("    \(operation.designNote)") }
      }
      let floatingPoint = Precision.allCases.filter { $0.floatFormat != nil }.map(\.rawValue)
      context.print("Floating-point units: <precision>.<op>[:<design>] for " + floatingPoint.joined(separator: ", "))
      for operation in FloatOperation.allCases {
        let designs = FloatingPointUnits.designs(for: operation)
        context.print("  \(operation.rawValue): \(designs.joined(separator: ", ")) (default \(FloatingPointUnits.defaultDesign(for: operation)))")
      }
      return
    }
    let netlist = try source.netlist(library: try library.load(context), context: context)
    let simulator = WordSimulator(try FlatCircuit(netlist), options: SimulationOptions(wordsPerNode: 4))
    let inputWidths = netlist.inputs.map(\.width)
    let inputLimbs = simulator.inputLimbs
    let outputWidths = netlist.outputs.map(\.width)
    let outputLimbs = simulator.outputLimbs

    var operands = inputLimbs.map { _ in [UInt64]() }  // per input bus, limbs per line
    var lineCount = 0
    func flush() {
      let outputs = simulator.simulate(operands, vectorCount: lineCount)
      var text = ""
      for lane in 0..<lineCount {
        let fields = outputWidths.indices.map { bus in
          Hex.format(Array(outputs[bus][(lane * outputLimbs[bus])..<((lane + 1) * outputLimbs[bus])]),
            width: outputWidths[bus])
        }
        text += fields.joined(separator: " ") + "\n"
      }
      if !text.isEmpty { context.standardOutput(text) }
    }

    let input = context.readStandardInput()
    do {
      try parse(input, netlist: netlist, inputWidths: inputWidths, inputLimbs: inputLimbs) { line in
        for bus in line.indices { operands[bus] += line[bus] }
        lineCount += 1
      }
    } catch {
      flush()  // every line before the bad one still gets its result
      throw error
    }
    flush()
  }

  /// Parses operand lines, calling `accept` with each line's operands.
  private func parse(
    _ input: String, netlist: Netlist, inputWidths: [Int], inputLimbs: [Int], accept: ([[UInt64]]) -> Void
  ) throws {
    for (offset, line) in input.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let fields = line.split(whereSeparator: \.isWhitespace)
      if fields.isEmpty || fields[0].hasPrefix("#") { continue }
      let lineNumber = offset + 1
      var optional = 0
      while optional < inputWidths.count && inputWidths[inputWidths.count - 1 - optional] == 1 { optional += 1 }
      guard fields.count <= inputWidths.count && fields.count >= inputWidths.count - optional else {
        let names = netlist.inputs.map(\.name).joined(separator: " ")
        throw InputError("expected \(inputWidths.count - optional == inputWidths.count ? "" : "\(inputWidths.count - optional) to ")\(inputWidths.count) hexadecimal operands (\(names)), found \(fields.count)",
          file: "<stdin>", line: lineNumber)
      }
      var operands: [[UInt64]] = []
      for bus in inputWidths.indices {
        if bus >= fields.count {
          operands.append([UInt64](repeating: 0, count: inputLimbs[bus]))
          continue
        }
        guard let limbs = Hex.parse(fields[bus], width: inputWidths[bus]) else {
          throw InputError("operand \(netlist.inputs[bus].name) = '\(fields[bus])' is not a hexadecimal number of at most \(inputWidths[bus]) bits",
            file: "<stdin>", line: lineNumber)
        }
        operands.append(limbs)
      }
      accept(operands)
    }
  }
}

/// Hexadecimal operands as little-endian 64-bit limbs.
enum Hex {
  /// Parses `text` (optional 0x) into `⌈width/64⌉` limbs, or nil when it is
  /// not hexadecimal or does not fit in `width` bits.
  static func parse(_ text: Substring, width: Int) -> [UInt64]? {
    var digits = text.lowercased()
    if digits.hasPrefix("0x") { digits.removeFirst(2) }
    digits = digits.replacingOccurrences(of: "_", with: "")
    guard !digits.isEmpty, digits.allSatisfy(\.isHexDigit) else { return nil }
    var limbs = [UInt64](repeating: 0, count: (width + 63) / 64)
    for (position, character) in digits.reversed().enumerated() {
      let value = UInt64(character.hexDigitValue!)
      let bit = position * 4
      guard value == 0 || bit < width else { return nil }
      if value != 0 {
        guard bit + (64 - value.leadingZeroBitCount) <= width else { return nil }
        limbs[bit / 64] |= value << UInt64(bit % 64)
      }
    }
    return limbs
  }

  /// Formats limbs as `⌈width/4⌉` hexadecimal digits.
  static func format(_ limbs: [UInt64], width: Int) -> String {
    let digitCount = max(1, (width + 3) / 4)
    var text = ""
    for digit in stride(from: digitCount - 1, through: 0, by: -1) {
      let bit = digit * 4
      let value = limbs[bit / 64] >> UInt64(bit % 64) & 0xF
      text.append(Character(String(value, radix: 16)))
    }
    return text
  }
}
