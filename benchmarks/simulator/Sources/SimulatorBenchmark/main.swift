//===--- main.swift (SimulatorBenchmark) -----------------------------------===//
// Measures WordSimulator throughput in gate-vector evaluations per second
// (cells × vectors / seconds) on a large generated netlist: blocks of 32
// XOR2 cells feeding a 32-bit ripple-carry adder, inputs rotated per block.
// Modes: zero-delay with toggle counting; the same with per-vector switched
// gates; unit-delay with glitch counting. Optionally exports the netlist as
// Verilog with a testbench that applies the same kind of random vectors, for
// the Icarus/Verilator comparison in run.sh.
//
//   SimulatorBenchmark [--cells N] [--vectors V] [--words W] [--seed S]
//                      [--verilog FILE --bench-vectors V] [--json FILE]
//===----------------------------------------------------------------------===//
import Foundation
import TosimCircuits
import TosimFormats
import TosimIO
import TosimNetlist
import TosimSim

func argument(_ name: String, _ defaultValue: Int) -> Int {
  guard let i = CommandLine.arguments.firstIndex(of: name), i + 1 < CommandLine.arguments.count else { return defaultValue }
  return Int(CommandLine.arguments[i + 1]) ?? defaultValue
}
func stringArgument(_ name: String) -> String? {
  guard let i = CommandLine.arguments.firstIndex(of: name), i + 1 < CommandLine.arguments.count else { return nil }
  return CommandLine.arguments[i + 1]
}

let cellTarget = argument("--cells", 100_000)
let vectorCount = argument("--vectors", 1 << 20)
let words = argument("--words", 16)
let seed = UInt64(argument("--seed", 1))
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let library = try CellLibraryLoader.load(directories: [root.appendingPathComponent("circuits/cells").path])

// The benchmark netlist.
var netlist = Netlist(name: "bench", library: library)
let a = netlist.addInput("a", width: 32)
let b = netlist.addInput("b", width: 32)
var outputs: [NetID] = []
var block = 0
while netlist.instances.count + 64 <= cellTarget {
  let mixed = (0..<32).map { netlist.add("XOR2", a[($0 + block) % 32], b[($0 + 3 * block) % 32])[0] }
  let rotated = (0..<32).map { b[($0 + 7 * block + 1) % 32] }
  let sum = Adders.rippleCarry(into: &netlist, a: mixed, b: rotated, carryIn: Netlist.constant0)
  outputs.append(sum.carryOut)
  outputs.append(sum.sum[block % 32])
  block += 1
}
netlist.addOutput("y", outputs)
let circuit = try FlatCircuit(netlist)

var random = SplitMix64(seed: seed)
@MainActor func measure(_ label: String, vectors: Int, options: SimulationOptions) -> [String: Any] {
  let simulator = WordSimulator(circuit, options: options)
  let batch = simulator.lanesPerBatch
  let inputA = (0..<batch).map { _ in random.next() & 0xFFFF_FFFF }
  let inputB = (0..<batch).map { _ in random.next() & 0xFFFF_FFFF }
  var done = 0
  var elapsed = 0.0
  while done < vectors {
    // New stimulus each batch, loaded outside the timed region.
    let shift = UInt64(done / batch % 32)
    simulator.setInput(0, values: inputA.map { ($0 << shift | $0 >> (32 - shift)) & 0xFFFF_FFFF })
    simulator.setInput(1, values: inputB.map { $0 ^ shift })
    let start = DispatchTime.now().uptimeNanoseconds
    simulator.run(laneCount: batch)
    elapsed += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    done += batch
  }
  let evaluations = Double(circuit.instanceCount) * Double(done)
  let result: [String: Any] = [
    "mode": label, "cells": circuit.instanceCount, "nodes": circuit.nodeCount, "depth": circuit.depth,
    "vectors": done, "seconds": elapsed, "gate_vector_evaluations_per_second": evaluations / elapsed,
    "switched_gates_per_vector": Double(simulator.switchedGateCount) / Double(done - 1),
  ]
  print(String(format: "%-28@ %8d cells %9d vectors %8.3f s  %.3e gate-vector evals/s  (%.1f switched gates/vector)",
    label as NSString, circuit.instanceCount, done, elapsed, evaluations / elapsed,
    Double(simulator.switchedGateCount) / Double(done - 1)))
  return result
}

var results: [[String: Any]] = []
results.append(measure("zero-delay+toggles", vectors: vectorCount, options: .init(wordsPerNode: words)))
results.append(measure("zero-delay+per-vector", vectors: vectorCount / 4, options: .init(wordsPerNode: words, recordsPerVector: true)))
results.append(measure("unit-delay+glitches", vectors: vectorCount / 16, options: .init(wordsPerNode: words, countsGlitches: true)))

if let path = stringArgument("--verilog") {
  let benchVectors = argument("--bench-vectors", 1000)
  var text = VerilogWriter.write(netlist, moduleName: "bench_dut")
  // The testbench draws operands from a 64-bit xorshift generator, so every
  // simulator sees the same vectors and must print the same checksum.
  text += """

    module bench;
      reg [31:0] a, b; wire [\(outputs.count - 1):0] y; integer i, n; reg [31:0] acc; reg [63:0] s;
      bench_dut dut(.a(a), .b(b), .y(y));
      initial begin
        if (!$value$plusargs("vectors=%d", n)) n = \(benchVectors);
        acc = 0; s = 64'h9E3779B97F4A7C15;
        for (i = 0; i < n; i = i + 1) begin
          s = s ^ (s << 13); s = s ^ (s >> 7); s = s ^ (s << 17);
          a = s[31:0]; b = s[63:32]; #1;
          acc = acc ^ y[31:0];
        end
        $display("done %0d vectors acc=%h", n, acc);
        $finish;
      end
    endmodule

    """
  try AtomicFile.write(text, to: path)
}
if let path = stringArgument("--json") {
  let data = try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys])
  try AtomicFile.write(String(decoding: data, as: UTF8.self), to: path)
}
