//===--- BenchmarkExport.swift (SimulatorBenchmark) ------------------------===//
// Exports for the peer simulators in run.sh: Verilog with a testbench that
// draws xorshift vectors and prints a checksum (Verilator), and an ASCII
// AIGER file with one AND-inverter graph per cell instance, built by
// Shannon expansion of its nodes' truth tables with constant folding and
// hashing inside the instance only (no structural hashing across cells, so
// no two cells are ever merged). ABC's `&sim` refuses purely
// combinational networks and stops at the first asserted output, so the
// file has one latch whose next state is the XOR of every primary output
// (keeping all logic in a live cone) and a single constant-0 output.
//===----------------------------------------------------------------------===//
import TosimIO
import TosimNetlist
import TosimSim

/// The peer-simulator exports.
enum BenchmarkExport {
  /// The netlist as Verilog with a self-checking testbench module `bench`.
  static func verilog(_ netlist: Netlist, benchVectors: Int) -> String {
    var text = VerilogWriter.write(netlist, moduleName: "bench_dut")
    let widths = netlist.inputs.map(\.nets.count)
    let outputWidth = netlist.outputs.map(\.nets.count).reduce(0, +)
    let declarations = zip(netlist.inputs, widths).map { "reg [\($1 - 1):0] \($0.name);" }.joined(separator: " ")
    let ports = (netlist.inputs.map(\.name) + netlist.outputs.map(\.name)).map { ".\($0)(\($0))" }
    let outputs = netlist.outputs.map { "wire [\($0.nets.count - 1):0] \($0.name);" }.joined(separator: " ")
    // Each input takes the low bits of fresh xorshift draws.
    var loadLines: [String] = []
    for (bus, width) in zip(netlist.inputs, widths) {
      for limb in 0..<((width + 63) / 64) {
        let low = 64 * limb
        let high = min(width, low + 64) - 1
        let step = "s = s ^ (s << 13); s = s ^ (s >> 7); s = s ^ (s << 17);"
        loadLines.append("\(step) \(bus.name)[\(high):\(low)] = s[\(high - low):0];")
      }
    }
    let loads = loadLines.joined(separator: "\n          ")
    let fold = netlist.outputs.map { "acc = acc ^ \($0.name)[\(min(31, $0.nets.count - 1)):0];" }.joined(separator: " ")
    text += """

      module bench;
        \(declarations) \(outputs) integer i, n; reg [31:0] acc; reg [63:0] s;
        bench_dut dut(\(ports.joined(separator: ", ")));
        initial begin
          if (!$value$plusargs("vectors=%d", n)) n = \(benchVectors);
          acc = 0; s = 64'h9E3779B97F4A7C15;
          for (i = 0; i < n; i = i + 1) begin
            \(loads) #1;
            \(fold)
          end
          $display("done %0d vectors acc=%h (%0d output bits)", n, acc, \(outputWidth));
          $finish;
        end
      endmodule

      """
    return text
  }

  /// An ASCII AIGER file of `circuit` and its AND-node count (the XOR of
  /// the outputs included).
  static func aiger(_ circuit: FlatCircuit) -> (text: String, andCount: Int) {
    let inputCount = circuit.firstCellNode - 2
    let latchVariable = inputCount + 1
    var nextVariable = latchVariable + 1
    var ands: [String] = []
    var hashed: [Int: Int] = [:]
    var instance = -1
    var literal = [Int](repeating: 0, count: circuit.nodeCount)
    literal[1] = 1
    for i in 0..<inputCount { literal[2 + i] = 2 * (i + 1) }
    func and(_ x: Int, _ y: Int) -> Int {
      if x == 0 || y == 0 || x == y ^ 1 { return 0 }
      if x == 1 { return y }
      if y == 1 || x == y { return x }
      let key = max(x, y) << 32 | min(x, y)
      if let known = hashed[key] { return known }
      let out = 2 * nextVariable
      hashed[key] = out
      nextVariable += 1
      ands.append("\(out) \(max(x, y)) \(min(x, y))")
      return out
    }
    func or(_ x: Int, _ y: Int) -> Int { and(x ^ 1, y ^ 1) ^ 1 }
    // x ? high : low, with the low input uncomplemented so that a
    // multiplexer and its complement share their AND nodes.
    func mux(_ x: Int, _ low: Int, _ high: Int) -> Int {
      if low == high { return low }
      if low & 1 == 1 { return mux(x, low ^ 1, high ^ 1) ^ 1 }
      return or(and(low, x ^ 1), and(high, x))
    }
    for node in circuit.firstCellNode..<circuit.nodeCount {
      if circuit.instanceOfNode[node] != instance {
        instance = circuit.instanceOfNode[node]
        hashed.removeAll(keepingCapacity: true)
      }
      let table = circuit.functions[node]
      var level = (0..<(1 << table.inputCount)).map { table.value(at: $0) ? 1 : 0 }
      for fanin in circuit.faninList(node) {
        let x = literal[fanin]
        var next: [Int] = []
        for j in 0..<(level.count >> 1) {
          let low: Int = level[2 * j], high: Int = level[2 * j + 1]
          next.append(mux(x, low, high))
        }
        level = next
      }
      literal[node] = level[0]
    }
    hashed.removeAll()
    let cone = circuit.outputNodes.flatMap { $0 }.map { literal[$0] }.reduce(0) { mux($1, $0, $0 ^ 1) }
    var lines = ["aag \(nextVariable - 1) \(inputCount) 1 1 \(ands.count)"]
    for i in 0..<inputCount { lines.append("\(2 * (i + 1))") }
    lines.append("\(2 * latchVariable) \(cone)")
    lines.append("0")
    lines += ands
    return (lines.joined(separator: "\n") + "\n", ands.count)
  }
}
