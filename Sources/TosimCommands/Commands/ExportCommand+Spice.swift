//===--- ExportCommand+Spice.swift -----------------------------------------===//
// The options and steps of `tosim export spice`: reads the cell subcircuits
// and (with --models) the PDK's device names, writes the unit with
// SpiceWriter and, with --testbench, draws the operand stream, simulates it
// in tosim for the expected outputs, TO counts and switched-capacitance
// prototype (SwitchedCapacitance), and writes the deck with
// SpiceTestbenchWriter. Conventions: docs/spice.md.
//===----------------------------------------------------------------------===//
import Foundation
import TosimCells
import TosimCircuits
import TosimCost
import TosimEvaluation
import TosimFormats
import TosimIO
import TosimNetlist

/// The operand stream the SPICE testbench uses: the one `tosim derive` and
/// `tosim explore` draw from (TosimEvaluation's OperandStream), so tosim and
/// SPICE see identical vectors.
func spiceOperandStream(
  _ distribution: OperandDistribution, precision: Precision, widths: [Int], count: Int, seed: UInt64, isMagnitude: Bool
) -> [[UInt64]] {
  OperandStream(distribution, precision: precision, seed: seed, isMagnitude: isMagnitude).vectors(widths: widths, count: count)
}

/// The `export spice` options.
struct SpiceExportOptions {
  static let specs: [OptionSpec] = [
    .flag("--testbench", "spice: write a complete ngspice deck (stimulus, loads, .meas, expected outputs)."),
    .option("--vectors", "N", "spice testbench: operand vectors, 2…10000 (default 64)."),
    .option("--seed", "S", "spice testbench: seed of the operand stream (default 1)."),
    .option("--operands", "DIST", "spice testbench: uniform (default) or normal, as tosim derive draws them."),
    .option("--stimulus", "FILE", "spice testbench: operand vectors from FILE (hex, one per line, as tosim eval reads them), 2…10000."),
    .option("--period", "T", "spice testbench: clock period, a SPICE time such as 2n (default 2n)."),
    .option("--edge", "T", "spice testbench: input rise/fall time (default 50p)."),
    .option("--supply", "V", "spice testbench: supply voltage (default 1.8)."),
    .option("--load", "C", "spice testbench: capacitance on every output bit (default 5f)."),
    .option("--models", "FILE", "spice: include this PDK model file and map the generic devices onto --nmos/--pmos."),
    .option("--corner", "NAME", "spice: the .lib section of --models to use (e.g. tt); without it the file is included."),
    .option("--nmos", "NAME", "spice: the PDK device for the cells' nmos (with --models)."),
    .option("--pmos", "NAME", "spice: the PDK device for the cells' pmos (with --models)."),
    .option("--waveforms", "FILE", "spice testbench: have ngspice write the supply currents and outputs to FILE (wrdata)."),
  ]

  let testbench: Bool
  let vectorCount: Int
  let seed: UInt64
  let operands: OperandDistribution
  let period: Double
  let edge: Double
  let supply: Double
  let load: Double
  let models: String?
  let corner: String?
  let nmos: String?
  let pmos: String?
  let waveforms: String?
  let stimulus: String?
  /// The first spice-only option given, for `export verilog` to refuse.
  let givenOption: String?

  init(_ arguments: ParsedArguments) throws {
    testbench = arguments.flag("--testbench")
    vectorCount = try arguments.integer("--vectors", default: 64, in: 2...10_000)
    seed = try arguments.seed("--seed", default: 1)
    let distribution = arguments.string("--operands") ?? "uniform"
    guard let operands = OperandDistribution(rawValue: distribution) else {
      throw UsageError("option '--operands' expects uniform or normal, got '\(distribution)'")
    }
    self.operands = operands
    func quantity(_ name: String, _ defaultValue: Double, _ range: ClosedRange<Double>, _ what: String) throws -> Double {
      guard let text = arguments.string(name) else { return defaultValue }
      guard let value = SpiceNumber.parse(text), range.contains(value) else {
        throw UsageError("option '\(name)' expects \(what), got '\(text)'")
      }
      return value
    }
    period = try quantity("--period", 2e-9, 1e-12...1e-6, "a time from 1p to 1u (e.g. 2n)")
    edge = try quantity("--edge", 50e-12, 1e-13...1e-7, "a time from 0.1p to 100n (e.g. 50p)")
    supply = try quantity("--supply", 1.8, 0.1...20, "a voltage from 0.1 to 20")
    load = try quantity("--load", 5e-15, 0...1e-9, "a capacitance from 0 to 1n (e.g. 5f)")
    models = arguments.string("--models")
    corner = arguments.string("--corner")
    nmos = arguments.string("--nmos")
    pmos = arguments.string("--pmos")
    waveforms = arguments.string("--waveforms")
    stimulus = arguments.string("--stimulus")
    if stimulus != nil, let option = ["--vectors", "--seed", "--operands"].first(where: { arguments.string($0) != nil }) {
      throw UsageError("\(option) does not apply with --stimulus FILE (the file gives the vectors)")
    }
    if edge * 4 > period { throw UsageError("--edge must be at most a quarter of --period") }
    if models != nil && (nmos == nil || pmos == nil) {
      throw UsageError("--models needs --nmos NAME and --pmos NAME (e.g. sky130_fd_pr__nfet_01v8 and sky130_fd_pr__pfet_01v8)")
    }
    if models == nil, let option = ["--nmos", "--pmos", "--corner"].first(where: { arguments.string($0) != nil }) {
      throw UsageError("\(option) needs --models FILE")
    }
    let testbenchOnly = ["--vectors", "--seed", "--operands", "--stimulus", "--period", "--edge", "--supply", "--load", "--waveforms"]
    if !testbench, let option = testbenchOnly.first(where: { arguments.string($0) != nil }) {
      throw UsageError("\(option) needs --testbench")
    }
    givenOption = (["--testbench"].filter(arguments.flag) + (testbenchOnly + ["--models", "--corner", "--nmos", "--pmos"])
      .filter { arguments.string($0) != nil }).first
  }

  /// The SPICE text of `netlist`: the subcircuit, or the whole testbench.
  func export(_ netlist: Netlist, source: CircuitSource, directories: [String], context: CommandContext) throws -> String {
    let subcircuits = try CellLibraryLoader.subcircuits(directories: directories)
    var devices = SpiceDeviceMapping.generic
    if let models, let nmos, let pmos {
      let path = context.resolve(models)
      devices = try SpiceModelLibrary.scan(path, section: corner).mapping(nmos: nmos, pmos: pmos, file: models)
    }
    let unit = try SpiceWriter.write(netlist, name: source.identifier, subcircuits: subcircuits, devices: devices)
    guard testbench else { return unit.text }

    guard let driver = subcircuits["INV"] else {
      throw InputError("the testbench's input drivers use the library's INV cell, which is missing", file: directories.last)
    }
    guard !netlist.inputs.isEmpty, !netlist.outputs.isEmpty else {
      throw UsageError("a SPICE testbench needs a circuit with at least one input and one output")
    }
    let widths = netlist.inputs.map(\.width)
    if let wide = (netlist.inputs + netlist.outputs).first(where: { $0.width > 64 }) {
      throw UsageError("a SPICE testbench drives ports of at most 64 bits; \(wide.name) has \(wide.width)")
    }
    let (precision, isMagnitude, check) = try reference(source, netlist: netlist)
    let vectors: [[UInt64]]
    if let stimulus {
      vectors = try OperandLines.read(
        context.resolve(stimulus), name: stimulus, names: netlist.inputs.map(\.name), widths: widths,
        omittable: { widths[$0] == 1 || source.isIgnoredInput($0) }, maximumCount: 10_000)
    } else {
      vectors = spiceOperandStream(
        operands, precision: precision, widths: widths, count: vectorCount, seed: seed, isMagnitude: isMagnitude)
    }
    let vectorCount = vectors[0].count / ((widths[0] + 63) / 64)
    // Refuse an oversized deck before simulating it.
    let work = netlist.transistorCount * vectorCount
    if work > SpiceTestbench.maximumTransistorVectors {
      throw UsageError(
        "a testbench of \(netlist.transistorCount) transistors × \(vectorCount) vectors exceeds the limit of "
          + "\(SpiceTestbench.maximumTransistorVectors) transistor-vectors; use fewer --vectors or a smaller unit")
    }
    let switched = try SwitchedCapacitance.measure(
      netlist, subcircuits: subcircuits, minimumLength: unit.minimumLength, inputs: vectors)
    let outputWidths = netlist.outputs.map(\.width)
    let anyOutput = UnitReference(
      inputWidths: widths, outputWidths: outputWidths, outputs: { _ in outputWidths.map { _ in 0 } }, matches: { _, _, _ in true })
    let measured = try UnitMeasurement.measure(
      netlist, inputs: vectors, reference: check ?? anyOutput, options: MeasurementOptions(keepsPerVector: true))
    if let mismatch = measured.mismatches.first {
      throw InputError("\(netlist.name) does not match its reference in tosim's own simulation: \(mismatch)")
    }
    let expected: [[UInt64]]
    if let check {
      let rows = (0..<vectorCount).map { k in check.outputs(vectors.map { $0[k] }) }  // one limb per bus (≤ 64 bits)
      expected = netlist.outputs.indices.map { bus in rows.map { $0[bus] } }
    } else {
      expected = switched.outputs
    }
    var annotations: [(String, String)] = [
      ("unit", netlist.name), ("operands", stimulus.map { "file:" + ($0 as NSString).lastPathComponent } ?? operands.rawValue),
      ("seed", stimulus == nil ? String(seed) : "none"),
      ("reference", check == nil ? "tosim-simulation" : "arithmetic"),
      ("transistors", String(measured.transistorCount)), ("depth", String(measured.depth)),
      ("to_dynamic", String(measured.meanSwitchedGates)), ("to_dynamic_std", String(measured.switchedGatesStandardDeviation)),
      ("to_glitch", String(measured.meanUnitDelaySwitchedGates)),
    ]
    annotations += [
      ("cap_gate_fF", String(switched.gate)), ("cap_diffusion_fF", String(switched.diffusion)),
      ("fanout_toggles", String(switched.fanout)), ("cap_gate_glitch_fF", String(switched.glitchGate)),
      ("cap_diffusion_glitch_fF", String(switched.glitchDiffusion)), ("fanout_glitch_toggles", String(switched.glitchFanout)),
    ]
    var inertialPerVector: [Int] = []
    for (name, model, inertial) in Self.timedColumns {
      let timed = try TimedSwitching.measure(
        netlist, inputs: vectors, model: model, isInertial: inertial, subcircuits: subcircuits, minimumLength: unit.minimumLength)
      annotations.append((name, String(timed.mean)))
      if name == "to_inertial_rc" {
        inertialPerVector = timed.perVector
        // The same transitions weighted by capacitance (cell nodes, and the
        // gates and pass-device diffusion the inputs drive).
        let (cells, inputs) = try SwitchedCapacitance.weighted(
          netlist, transitions: timed.transitions, operations: vectorCount - 1, subcircuits: subcircuits,
          minimumLength: unit.minimumLength)
        annotations += [
          ("cap_inertial_gate_fF", String(cells.gate)), ("cap_inertial_diffusion_fF", String(cells.diffusion)),
          ("cap_inertial_input_gate_fF", String(inputs.gate)), ("cap_inertial_input_diffusion_fF", String(inputs.diffusion)),
        ]
      }
    }
    // Every transition's counts, for a vector-by-vector comparison with the
    // supply charge per period (`.meas q_unit_K`).
    func list(_ values: [Int]) -> String { values.map(String.init).joined(separator: ",") }
    annotations += [
      ("to_dynamic_per_vector", list(measured.perVectorSwitchedGates)),
      ("to_glitch_per_vector", list(measured.perVectorUnitDelaySwitchedGates)),
      ("to_inertial_rc_per_vector", list(inertialPerVector)),
    ]
    let bench = SpiceTestbench(
      vectors: vectors, expected: expected, period: period, edge: edge, supply: supply, outputLoad: load,
      models: models.map { SpiceTestbench.Models(path: context.resolve($0), section: corner) }, waveforms: waveforms,
      annotations: annotations)
    return try SpiceTestbenchWriter.write(unit, testbench: bench, driver: driver, devices: devices)
  }

  /// The timed switching counts the testbench annotates (`*.TOSIM`): the
  /// inertial glitch count under each delay model, and `rc` without filtering.
  static let timedColumns: [(String, NodeDelays.Model, Bool)] = [
    ("to_inertial_load", .load, true), ("to_inertial_rc", .rc, true), ("to_transport_rc", .rc, false),
    ("to_transport_load", .load, false),
  ]

  /// The precision the operand stream draws for, whether it draws
  /// magnitudes, and the arithmetic reference (nil for a BLIF design, whose
  /// expected outputs are tosim's own simulation).
  private func reference(_ source: CircuitSource, netlist: Netlist) throws -> (Precision, Bool, UnitReference?) {
    let widest = netlist.inputs.map(\.width).max() ?? 1
    func integerPrecision() throws -> Precision {
      if let precision = Precision.integer(bitWidth: widest) { return precision }
      if operands == .uniform { return .int64 }  // uniform draws every pattern of each bus's width
      throw UsageError("--operands normal needs an 8-, 16-, 32- or 64-bit unit; use uniform for \(widest)-bit inputs")
    }
    guard case .unit(let name) = source else { return (try integerPrecision(), false, nil) }
    if FloatingPointUnits.isFloatingPoint(name) {
      let (format, operation) = try FloatingPointUnits.resolve(name)
      guard let precision = Precision(rawValue: name.format) else {
        throw UsageError("no operand stream for format \(name.format)")
      }
      return (precision, operation == .sqrt, .floatingPoint(format, operation))
    }
    return (try integerPrecision(), name.operation == "sqrt", try UnitCatalog.reference(name))
  }
}
