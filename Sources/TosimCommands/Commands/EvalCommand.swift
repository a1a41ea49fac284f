//===--- EvalCommand.swift -------------------------------------------------===//
// `tosim eval UNIT`: runs a unit's gate-level netlist on operands read from
// standard input, one operation per line, and prints its outputs in hex
// (or, with --json, one JSON document of every line's operands and outputs).
// The simulation is `WordSimulator.simulate` (TosimEvaluation), the batch
// entry point the measurement driver steps through streams with.
//===----------------------------------------------------------------------===//
import TosimCircuits
import TosimEvaluation
import TosimFormats
import TosimIO
import TosimNetlist
import TosimSim

struct EvalCommand: TosimCommand {
  static let name = "eval"
  static let abstract = "Evaluate a unit's gate-level netlist on operands from standard input."
  static let usage = "eval UNIT | --design FILE.blif [--library DIR]... [--json] [--quiet] | eval --list"
  static let discussion = """
    UNIT is <precision>.<op>[:<design>], e.g. int32.add:ripple-carry. Each input line holds
    the operands in hexadecimal (optional 0x prefix) separated by white space, in the unit's
    input order (a b cin for adders; a trailing one-bit input such as cin may be omitted and
    is then 0, and so may the unused b of floating-point sqrt units). Each output line holds the unit's outputs in hexadecimal in output order
    (y cout for adders). Blank lines and lines starting with # are skipped. The result comes
    from simulating the netlist, not from Swift arithmetic. A bad line exits 65 with its number;
    a misspelt UNIT exits 64. UNIT precisions accept the aliases of --precision (FP32, e4m3).
    Integer units default to the first design eval --list shows (derive uses kogge-stone).
    With --design, the BLIF design's input and output buses are used in declaration order.
    """
  static let options = LibraryOptions.specs + [
    CircuitSource.designSpec, .flag("--list", "List the units and designs."),
    .flag("--json", "Write one JSON document (input and output buses, one entry per line) instead of hex lines."),
    .flag("--quiet", "Accepted for uniformity; eval writes nothing to standard error but errors."),
  ]

  let source: CircuitSource?
  let library: LibraryOptions
  let json: Bool

  init(_ arguments: ParsedArguments) throws {
    library = try LibraryOptions(arguments)
    json = arguments.flag("--json")
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

    var pending: [[[UInt64]]] = []  // per line, per input bus, limbs
    var records: [JSONValue] = []
    func flush() {
      guard !pending.isEmpty else { return }
      let operands = inputLimbs.indices.map { bus in pending.flatMap { $0[bus] } }
      let outputs = simulator.simulate(operands, vectorCount: pending.count)
      var text = ""
      for lane in pending.indices {
        let fields = outputWidths.indices.map { bus in
          Hex.format(Array(outputs[bus][(lane * outputLimbs[bus])..<((lane + 1) * outputLimbs[bus])]),
            width: outputWidths[bus])
        }
        if json {
          let operands = inputWidths.indices.map { JSONValue.string(Hex.format(pending[lane][$0], width: inputWidths[$0])) }
          records.append(.object([("inputs", .array(operands)), ("outputs", .array(fields.map(JSONValue.string)))]))
        } else {
          text += fields.joined(separator: " ") + "\n"
        }
      }
      if !json { context.standardOutput(text) }
      pending.removeAll(keepingCapacity: true)
    }

    let input = context.readStandardInput()
    do {
      try OperandLines.parse(
        input, file: "<stdin>", names: netlist.inputs.map(\.name), widths: inputWidths,
        omittable: { inputWidths[$0] == 1 || source.isIgnoredInput($0) }
      ) { operands in
        pending.append(operands)
        if pending.count == simulator.lanesPerBatch { flush() }
      }
    } catch {
      if !json { flush() }  // every line before the bad one still gets its result
      throw error
    }
    flush()
    if json {
      context.print(JSONValue.object([
        ("unit", .string(source.identifierName)),
        ("design", source.resolvedDesign.map(JSONValue.string) ?? .null),
        ("inputs", .array(netlist.inputs.map { .object([("name", .string($0.name)), ("width", .int($0.width))]) })),
        ("outputs", .array(netlist.outputs.map { .object([("name", .string($0.name)), ("width", .int($0.width))]) })),
        ("results", .array(records)),
      ]).rendered())
    }
  }
}
