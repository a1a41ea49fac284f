//===--- SpiceTestbenchWriter.swift ----------------------------------------===//
// An ngspice deck around a unit's SPICE netlist (`tosim export spice
// --testbench`): models, the unit on supply VUNIT, every input bit driven
// through two library inverters on a separate supply VDRV from a PWL source
// that applies vector k at k·period, an unloaded replica of every driver on
// supply VREF (the drivers' own energy, so that the charge the unit's input
// pins draw is VDRV's less VREF's), a load on every output, `.meas` of the
// charge each supply delivers (whole run and per period), the leakage current
// in an extra idle period, every output bit sampled just before the next edge,
// and the expected outputs as `*.EXPECT` lines. Conventions: docs/spice.md.
//===----------------------------------------------------------------------===//
import TosimCells
import TosimFormats

/// Writes ngspice testbench decks.
public enum SpiceTestbenchWriter {
  /// The deck for `unit` under `testbench`.
  ///
  /// - Parameters:
  ///   - driver: the inverter subcircuit the input drivers use (the library's INV).
  ///   - devices: the device mapping the unit was written with.
  /// - Throws: `InputError` when the vectors or expected outputs do not
  ///   match the unit's ports, or the deck would exceed the size limits.
  public static func write(
    _ unit: SpiceNetlist, testbench tb: SpiceTestbench, driver: Subcircuit, devices: SpiceDeviceMapping
  ) throws -> String {
    let n = tb.vectorCount
    guard tb.vectors.count == unit.inputNodes.count, tb.expected.count == unit.outputNodes.count,
      (tb.vectors + tb.expected).allSatisfy({ $0.count == n }), n >= 2
    else {
      throw InputError("testbench needs at least 2 vectors with one value per input and output bus of \(unit.name)")
    }
    guard (unit.inputNodes + unit.outputNodes).allSatisfy({ $0.count <= 64 }) else {
      throw InputError("testbench ports are at most 64 bits wide; \(unit.name) has a wider bus")
    }
    let work = unit.transistorCount * n
    guard work <= SpiceTestbench.maximumTransistorVectors else {
      throw InputError(
        "a testbench of \(unit.transistorCount) transistors × \(n) vectors = \(work) exceeds the limit of "
          + "\(SpiceTestbench.maximumTransistorVectors) transistor-vectors; use fewer --vectors or a smaller unit")
    }
    let outputBits = unit.outputNodes.reduce(0) { $0 + $1.count }
    guard outputBits * n <= SpiceTestbench.maximumSamples else {
      throw InputError(
        "a testbench sampling \(outputBits) output bits × \(n) vectors exceeds the limit of "
          + "\(SpiceTestbench.maximumSamples) samples; use fewer --vectors")
    }
    guard driver.portDirections.filter({ $0 == .input }).count == 1,
      driver.portDirections.filter({ $0 == .output }).count == 1
    else {
      throw InputError("the input drivers need an inverter cell with one input and one output", file: driver.file, line: driver.line)
    }

    let period = tb.period
    func time(_ seconds: Double) -> String { SpiceNumber.format(seconds, unit: 1e-12) + "p" }
    let vdd = SpiceNumber.format(tb.supply, unit: 1)
    var text = "* tosim testbench for \(unit.name): \(n) vectors, period \(time(period)), supply \(vdd) V\n"
    text += "*.TOSIM vectors=\(n) period=\(period) edge=\(tb.edge) supply=\(tb.supply) load=\(tb.outputLoad)\n"
    for (key, value) in tb.annotations { text += "*.TOSIM \(key)=\(value)\n" }
    text += "*.TOSIM inputs=" + unit.inputNodes.map { $0.joined(separator: ",") }.joined(separator: ";") + "\n"
    text += "*.TOSIM outputs=" + unit.outputNodes.map { $0.joined(separator: ",") }.joined(separator: ";") + "\n\n"
    if let models = tb.models {
      text += models.section.map { ".lib \"\(models.path)\" \($0)\n" } ?? ".include \"\(models.path)\"\n"
    } else {
      text += "* Level-1 placeholder models for the generic devices (not a real process).\n"
      text += ".model nmos nmos level=1 vto=0.45 kp=220u gamma=0.4 phi=0.8 lambda=0.06 tox=4.1n "
        + "cgso=0.3n cgdo=0.3n cj=1m cjsw=0.25n\n"
      text += ".model pmos pmos level=1 vto=-0.45 kp=80u gamma=0.4 phi=0.8 lambda=0.08 tox=4.1n "
        + "cgso=0.3n cgdo=0.3n cj=1.1m cjsw=0.25n\n"
    }
    text += "\n" + unit.text + "\n"
    text += SpiceWriter.subcircuit(driver, name: "TB_INV", devices: devices, minimumLength: unit.minimumLength) + "\n"

    text += "VUNIT VDD 0 \(vdd)\nVDRV VDRV 0 \(vdd)\nVREF VREF 0 \(vdd)\n"
    text += SpiceWriter.card("XDUT", unit.ports.map { $0 == "VSS" ? "0" : $0 } + [unit.name])
    let driverPins = { (input: String, output: String, supply: String) -> [String] in
      zip(driver.ports, driver.portDirections).map { _, direction in
        switch direction {
        case .input: return input
        case .output: return output
        case .power: return supply
        case .ground: return "0"
        }
      }
    }
    for (bus, nodes) in unit.inputNodes.enumerated() {
      for (bit, node) in nodes.enumerated() {
        var points = [(0.0, level(tb.vectors[bus][0], bit))]
        for k in 1..<n where level(tb.vectors[bus][k], bit) != level(tb.vectors[bus][k - 1], bit) {
          points.append((Double(k) * period, level(tb.vectors[bus][k - 1], bit)))
          points.append((Double(k) * period + tb.edge, level(tb.vectors[bus][k], bit)))
        }
        let pwl = points.map { "\(time($0.0)) \($0.1 ? vdd : "0")" }
        text += SpiceWriter.card("VIN_\(node) \(node)_src 0 PWL(", pwl + [")"])
        text += SpiceWriter.card("XDRV1_\(node)", driverPins("\(node)_src", "\(node)_inv", "VDRV") + ["TB_INV"])
        text += SpiceWriter.card("XDRV2_\(node)", driverPins("\(node)_inv", node, "VDRV") + ["TB_INV"])
        text += SpiceWriter.card("XREF1_\(node)", driverPins("\(node)_src", "\(node)_rinv", "VREF") + ["TB_INV"])
        text += SpiceWriter.card("XREF2_\(node)", driverPins("\(node)_rinv", "\(node)_ref", "VREF") + ["TB_INV"])
      }
    }
    let load = SpiceNumber.format(tb.outputLoad, unit: 1e-15) + "f"
    for node in unit.outputNodes.flatMap({ $0 }) { text += "CLOAD_\(node) \(node) 0 \(load)\n" }

    let stop = Double(n + 1) * period
    // The print step (ngspice's largest internal step) is one edge: finer
    // steps change the energy by well under 1 % and cost several times the run time.
    // Keep only the vectors the measurements read: ngspice otherwise holds
    // every internal node of every device at every step (gigabytes).
    text += "\n" + SpiceWriter.card(".save", ["i(VUNIT)", "i(VDRV)", "i(VREF)"] + unit.outputNodes.flatMap { $0 }.map { "v(\($0))" })
    text += ".tran \(time(min(tb.edge, period / 20))) \(time(stop))\n"
    text += "* Charge from each supply over the n-1 transitions (energy = -supply x charge).\n"
    text += ".meas tran q_unit INTEG i(VUNIT) FROM=\(time(period)) TO=\(time(Double(n) * period))\n"
    text += ".meas tran q_drv INTEG i(VDRV) FROM=\(time(period)) TO=\(time(Double(n) * period))\n"
    text += ".meas tran q_ref INTEG i(VREF) FROM=\(time(period)) TO=\(time(Double(n) * period))\n"
    text += "* Leakage: mean supply current in the second half of an idle period after the last vector.\n"
    text += ".meas tran i_leak AVG i(VUNIT) FROM=\(time((Double(n) + 0.5) * period)) TO=\(time(stop))\n"
    text += "* Per transition k (vector k-1 -> k): charge from each supply.\n"
    for k in 1..<n {
      let window = "FROM=\(time(Double(k) * period)) TO=\(time(Double(k + 1) * period))"
      text += ".meas tran q_unit_\(k) INTEG i(VUNIT) \(window)\n"
      text += ".meas tran q_drv_\(k) INTEG i(VDRV) \(window)\n"
      text += ".meas tran q_ref_\(k) INTEG i(VREF) \(window)\n"
    }
    text += "* Output bits, sampled just before the next vector is applied.\n"
    let sampleOffset = min(tb.edge, period / 20)
    for k in 0..<n {
      let at = time(Double(k + 1) * period - sampleOffset)
      for node in unit.outputNodes.flatMap({ $0 }) {
        text += ".meas tran s\(k)_\(node) FIND v(\(node)) AT=\(at)\n"
      }
    }
    text += "* Expected outputs per vector: index, input values, output values (hex, bit i on node i).\n"
    for k in 0..<n {
      text += "*.EXPECT \(k) " + tb.vectors.map { hex($0[k]) }.joined(separator: " ") + " -> "
        + tb.expected.map { hex($0[k]) }.joined(separator: " ") + "\n"
    }
    if let waveforms = tb.waveforms {
      // Run as `ngspice deck.sp` (not -b, which would run the transient twice).
      text += "\n.control\nset wr_singlescale\nset wr_vecnames\nrun\n"
      text += "wrdata \(waveforms) " + (["i(VUNIT)", "i(VDRV)", "i(VREF)"] + unit.outputNodes.flatMap { $0 }.map { "v(\($0))" })
        .joined(separator: " ") + "\n"
      text += "quit\n.endc\n"
    }
    return text + ".end\n"
  }

  private static func level(_ value: UInt64, _ bit: Int) -> Bool { value >> UInt64(bit) & 1 == 1 }
  private static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }
}
