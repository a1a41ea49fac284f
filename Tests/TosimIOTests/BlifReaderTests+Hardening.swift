//===--- BlifReaderTests+Hardening.swift -----------------------------------===//
// BLIF input that used to trap, run for minutes or be accepted silently:
// huge bus indices (2^63-1 overflowed, 2·10^9 allocated ~32 GB), gaps in a
// bus, duplicate ports and pin bindings, a bit named twice, and Yosys
// constant names used as ports. Each is an InputError with file and line.
//===----------------------------------------------------------------------===//
import Testing
import TosimFormats
import TosimIO
import TosimNetlist
import TosimSim

extension BlifReaderTests {
  /// A one-input design whose input is `signal` and whose output copies it.
  func buffer(_ signal: String) -> String {
    ".model m\n.inputs \(signal)\n.outputs y\n.names \(signal) y\n1 1\n.end\n"
  }

  @Test("huge bus indices are an error at once, not an overflow trap or a huge allocation",
    arguments: ["9223372036854775807", "2000000000", "100000000", "99999999999999999999999", "65536"])
  func hugeBusIndex(index: String) {
    let start = ContinuousClock.now
    #expect(error(buffer("a[\(index)]")) == "t.blif:2: bus index \(index) in a[\(index)] is too large; buses may have at most 65536 bits")
    #expect(ContinuousClock.now - start < .seconds(1))
  }

  @Test("a bus holds only the bits the file names: gaps are errors, the lowest index is bit 0")
  func busBits() throws {
    #expect(error(".model m\n.inputs a[0] a[65535]\n.outputs y\n.names a[0] y\n1 1\n.end\n")
      == "t.blif:2: bus a has bits 0 to 65535 but no a[1]; bus bits must be contiguous")
    #expect(try read(buffer("a[65535]")).inputs.map(\.width) == [1])
    // A Verilog `input [7:4] a` port, bits listed out of order: a 4-bit bus whose bit 1 is a[5].
    let netlist = try read(".model m\n.inputs a[7] a[4] a[6] a[5]\n.outputs y[5]\n.names a[5] y[5]\n1 1\n.end\n")
    #expect(netlist.inputs.map(\.width) == [4])
    let simulator = WordSimulator(try FlatCircuit(netlist), options: SimulationOptions(wordsPerNode: 1))
    simulator.setInput(0, values: (0..<16).map { UInt64($0) })
    simulator.run(laneCount: 16)
    #expect(simulator.output(0, laneCount: 16) == (0..<16).map { UInt64($0) >> 1 & 1 })
  }

  @Test("a bit named twice, or a name used as both plain signal and bus, is an error")
  func busNameClashes() {
    #expect(error(".model m\n.inputs a[3] a[03]\n.outputs y\n.names a[3] y\n1 1\n.end\n")
      == "t.blif:2: a[03] and a[3] (line 2) are the same bit of bus a")
    #expect(error(".model m\n.inputs a a[0]\n.outputs y\n.names a y\n1 1\n.end\n")
      == "t.blif:2: a is used both as a plain signal and as a bus (a[0])")
    #expect(error(".model m\n.inputs a[1]\n.inputs a\n.outputs y\n.names a y\n1 1\n.end\n")
      == "t.blif:3: a is used both as a plain signal and as a bus")
  }

  @Test("brackets holding anything but digits are part of a plain name")
  func plainBracketNames() throws {
    let netlist = try read(".model m\n.inputs x[-1] x[i]\n.outputs y\n.names x[-1] x[i] y\n11 1\n.end\n")
    #expect(netlist.inputs.map(\.name) == ["x[-1]", "x[i]"])
    #expect(netlist.inputs.map(\.width) == [1, 1])
  }

  @Test("ports listed twice are errors")
  func duplicatePorts() {
    #expect(error(".model m\n.inputs a b a\n.outputs y\n.names a y\n1 1\n.end\n")
      == "t.blif:2: input a is listed twice (also line 2)")
    #expect(error(".model m\n.inputs a\n.outputs y\n.outputs y\n.names a y\n1 1\n.end\n")
      == "t.blif:4: output y is listed twice (also line 3)")
  }

  @Test("a pin bound twice is an error, whatever its case", arguments: [
    ".subckt NAND2 A=a A=b B=b Y=y", ".subckt NAND2 a=a A=b B=b Y=y", ".subckt $_AND_ A=a B=b A=b Y=y",
  ])
  func duplicatePinBindings(line: String) {
    let message = error(".model m\n.inputs a b\n.outputs y\n\(line)\n.end\n")
    #expect(message.hasPrefix("t.blif:4: pin A is bound twice (") || message.hasPrefix("t.blif:4: pin a is bound twice ("),
      "\(message)")
  }

  @Test("Yosys constant names are constants: not inputs, not cell outputs, not other functions")
  func constantNames() {
    #expect(error(buffer("$true")) == "t.blif:2: input $true is the name of a Yosys constant, not a port")
    #expect(error(".model m\n.inputs a\n.outputs y\n.names $true\n.names a $true y\n11 1\n.end\n")
      == "t.blif:4: $true is driven by something other than the constant it names")
    #expect(error(".model m\n.inputs a\n.outputs y\n.names a $false\n1 1\n.names $false y\n1 1\n.end\n")
      == "t.blif:4: $false is driven by something other than the constant it names")
    #expect(error(".model m\n.inputs a\n.outputs y\n.subckt INV A=a Y=$undef\n.names $undef y\n1 1\n.end\n")
      == "t.blif:4: a cell output drives the Yosys constant $undef")
  }
}

extension BlifReaderTests {
  @Test("elements listed in reverse dependency order read in linear time")
  func reverseChain() throws {
    // y = s20000, s_i = !s_(i-1), s_0 = a, listed last stage first: the pass-per-element reader took minutes.
    let count = 20_000
    var text = ".model chain\n.inputs a\n.outputs y\n"
    for stage in stride(from: count, through: 1, by: -1) {
      text += ".names \(stage == 1 ? "a" : "s\(stage - 1)") \(stage == count ? "y" : "s\(stage)")\n0 1\n"
    }
    let start = ContinuousClock.now
    let netlist = try read(text + ".end\n")
    #expect(ContinuousClock.now - start < .seconds(20))
    #expect(netlist.instances.count == count)
    let simulator = WordSimulator(try FlatCircuit(netlist), options: SimulationOptions(wordsPerNode: 1))
    simulator.setInput(0, values: [0, 1])
    simulator.run(laneCount: 2)
    #expect(simulator.output(0, laneCount: 2) == [0, 1])  // an even number of inverters
  }

  @Test("instances keep the reader's order: passes over the file, ready elements in file order")
  func placementOrder() throws {
    let netlist = try read("""
      .model m
      .inputs a
      .outputs y u
      .subckt INV A=t Y=y
      .subckt INV A=a Y=t
      .subckt INV A=a Y=u
      .subckt INV A=w Y=v
      .subckt INV A=a Y=w
      .end
      """)
    // Pass 1: lines 5, 6 and 8 are ready in file order; pass 2: lines 4 (after t) and 7 (after w).
    #expect(netlist.instances.map { $0.name ?? "" } == ["INV@5", "INV@6", "INV@8", "INV@4", "INV@7"])
  }
}
