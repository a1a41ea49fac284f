//===--- main.swift (SimulatorBenchmark) -----------------------------------===//
// Measures WordSimulator throughput in cell-vector evaluations per second
// (cells × vectors / seconds) on a netlist no simulator can shortcut: blocks
// of randomly chosen 3- and 4-input cells wired at random to the primary
// inputs (a fresh seeded draw per block), each block feeding a 32-bit
// ripple-carry adder with randomly drawn second operands; or on a real unit
// from the generators (`--unit int64.mul:booth-dadda`, `fp32.mul`, ...).
// Modes: zero-delay with toggle counting (one core and two), the same with
// per-vector switched gates, unit-delay with glitch counting; `--peak`
// measures the machine's bitwise throughput with a register-only kernel.
// Optionally exports the netlist as Verilog (with a testbench drawing the
// same kind of random vectors) and as an ASCII AIGER file, one AIG per
// cell node, for the Verilator and ABC comparison in run.sh.
//
//   SimulatorBenchmark [--cells N | --unit NAME] [--vectors V] [--words W]
//                      [--seed S] [--modes zero,zero2,pervector,unit]
//                      [--peak] [--verilog FILE [--bench-vectors V]]
//                      [--aiger FILE] [--json FILE]
//===----------------------------------------------------------------------===//
import Foundation
import TosimCircuits
import TosimFormats
import TosimIO
import TosimNetlist
import TosimSim

let options: BenchmarkOptions
do { options = try BenchmarkOptions(CommandLine.arguments.dropFirst()) } catch {
  FileHandle.standardError.write(Data("error: \(error)\n\(BenchmarkOptions.usage)\n".utf8))
  exit(64)
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let netlist: Netlist
let circuit: FlatCircuit
do {
  let library = try CellLibraryLoader.load(directories: [root.appendingPathComponent("circuits/cells").path])
  netlist = try BenchmarkNetlist.build(options, library: library)
  circuit = try FlatCircuit(netlist)
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(65)
}

var results: [[String: Any]] = []
let label = options.unit ?? "random-\(circuit.instanceCount)"
for mode in options.modes {
  let vectors = options.vectors / mode.vectorDivisor
  let result = SimulatorMeasurement.measure(circuit, mode: mode, vectors: vectors, words: options.words, seed: options.seed)
  var record = result.json
  record["netlist"] = label
  record["cells"] = circuit.instanceCount
  record["nodes"] = circuit.nodeCount
  record["depth"] = circuit.depth
  record["nodes_per_cell"] = Double(circuit.nodeCount - circuit.firstCellNode) / Double(circuit.instanceCount)
  record["peak_rss_bytes"] = PeakMemory.residentBytes()
  results.append(record)
  print(String(format: "%-24@ %-22@ %7d cells %9d vectors %8.3f s  %.3e cell-vector evals/s",
    label as NSString, mode.rawValue as NSString, circuit.instanceCount, vectors, result.seconds,
    Double(circuit.instanceCount) * Double(vectors) / result.seconds))
}
if options.measuresPeak {
  let peak = PeakKernel.measure()
  results.append(["mode": "peak", "gate_lanes_per_second": peak.oneCore, "gate_lanes_per_second_two_cores": peak.twoCores])
  print(String(format: "peak bitwise kernel: %.3e gate-lanes/s one core, %.3e two cores", peak.oneCore, peak.twoCores))
}
do {
  if let path = options.verilogPath {
    try AtomicFile.write(BenchmarkExport.verilog(netlist, benchVectors: options.benchVectors), to: path)
  }
  if let path = options.aigerPath {
    let aiger = BenchmarkExport.aiger(circuit)
    try AtomicFile.write(aiger.text, to: path)
    print("aiger: \(aiger.andCount) AND nodes, \(String(format: "%.2f", Double(aiger.andCount) / Double(circuit.instanceCount))) per cell")
  }
  if let path = options.jsonPath {
    let data = try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys])
    try AtomicFile.write(String(decoding: data, as: UTF8.self), to: path)
  }
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(73)
}
