//===--- BlifReaderTests.swift ---------------------------------------------===//
// BLIF import: the Yosys-made 8-bit adder designs add correctly for all
// 65,536 operand pairs, and malformed BLIF is reported with file and line.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimFormats
import TosimIO
import TosimNetlist
import TosimSim
import _TosimTestSupport

@Suite("BLIF reader")
struct BlifReaderTests {
  let library = TestSupport.shippedLibrary

  func read(_ text: String) throws -> Netlist { try BlifReader.read(text, file: "t.blif", library: library) }

  func error(_ text: String) -> String {
    do {
      _ = try read(text)
      return ""
    } catch {
      return (error as? InputError)?.description ?? "\(error)"
    }
  }

  @Test("Yosys 8-bit adders add correctly for every operand pair and carry in",
    arguments: ["circuits/designs/adder8_cmos.blif", "circuits/designs/adder8_lut4.blif"])
  func adder8(path: String) throws {
    let text = try String(contentsOfFile: TestSupport.path(path), encoding: .utf8)
    let netlist = try BlifReader.read(text, file: path, library: library)
    #expect(netlist.inputs.map(\.name) == ["a", "b", "cin"])
    #expect(netlist.inputs.map(\.width) == [8, 8, 1])
    #expect(netlist.outputs.map(\.name) == ["y", "cout"])
    let simulator = WordSimulator(try FlatCircuit(netlist), options: SimulationOptions(wordsPerNode: 64))
    var a: [UInt64] = [], b: [UInt64] = [], cin: [UInt64] = []
    for c in 0..<UInt64(2) {
      for x in 0..<UInt64(256) {
        for y in 0..<UInt64(256) {
          a.append(x)
          b.append(y)
          cin.append(c)
        }
      }
    }
    var wrong = 0
    for start in stride(from: 0, to: a.count, by: simulator.lanesPerBatch) {
      let range = start..<(start + simulator.lanesPerBatch)
      simulator.setInput(0, values: Array(a[range]))
      simulator.setInput(1, values: Array(b[range]))
      simulator.setInput(2, values: Array(cin[range]))
      simulator.run(laneCount: range.count)
      let sum = simulator.output(0, laneCount: range.count)
      let carry = simulator.output(1, laneCount: range.count)
      for lane in 0..<range.count {
        let total = a[start + lane] + b[start + lane] + cin[start + lane]
        if sum[lane] != total & 0xFF || carry[lane] != total >> 8 { wrong += 1 }
      }
    }
    #expect(wrong == 0)
    #expect(simulator.vectorCount == 131_072)
  }

  @Test("covers, constants, library cells and buffers")
  func smallModel() throws {
    let netlist = try read("""
      # a comment
      .model small
      .inputs a b \\
        c
      .outputs y z k
      .names a b t
      11 1
      .names t c y
      1- 1
      -1 1
      .subckt FA A=a B=b CI=c S=s CO=z
      .names s k
      1 1
      .end
      """)
    let simulator = WordSimulator(try FlatCircuit(netlist), options: SimulationOptions(wordsPerNode: 1))
    for bus in 0..<3 { simulator.setInput(bus, values: (0..<8).map { UInt64($0) >> UInt64(bus) & 1 }) }
    simulator.run(laneCount: 8)
    let y = simulator.output(0, laneCount: 8), z = simulator.output(1, laneCount: 8), k = simulator.output(2, laneCount: 8)
    for v in 0..<8 {
      let (a, b, c) = (v & 1 == 1, v & 2 != 0, v & 4 != 0)
      #expect((y[v] == 1) == ((a && b) || c))
      #expect((z[v] == 1) == ((a && b) || (c && (a || b))))
      #expect((k[v] == 1) == ((a != b) != c))
    }
  }

  @Test("malformed BLIF is reported with file and line")
  func errors() {
    #expect(error(".model m\n.inputs a\n.outputs y\n.latch a y\n.end\n").contains("t.blif:4: sequential element .latch"))
    #expect(error(".model m\n.inputs a\n.outputs y\n.names a y\n2 1\n.end\n").contains("t.blif:5: malformed cover row"))
    #expect(error(".model m\n.inputs a\n.outputs y\n.subckt NOPE A=a Y=y\n.end\n").contains("t.blif:4: unknown cell 'NOPE'"))
    #expect(error(".model m\n.inputs a\n.outputs y\n.subckt INV A=a Q=y\n.end\n").contains("t.blif:4: cell INV has no pin 'Q'"))
    #expect(error(".model m\n.inputs a\n.outputs y\n.names a w y\n11 1\n.end\n").contains("t.blif:4: signal w is used but never driven"))
    #expect(error(".model m\n.inputs a\n.outputs y\n.names a y\n1 1\n.names a y\n0 1\n.end\n").contains("signal y has several drivers"))
    #expect(error(".model m\n.inputs a\n.outputs y\n.names a q p\n11 1\n.names p q\n1 1\n.names p y\n1 1\n.end\n").contains("combinational loop"))
    #expect(error(".model m\n.inputs a\n.outputs y\n.end\n").contains("output y[0] is never driven"))
    #expect(error(".model m\n.inputs a\n.outputs y\n.names a y\n1 1\n0 0\n.end\n").contains("mixes on-set and off-set"))
    #expect(error(".inputs a\n").contains("no .model found"))
    #expect(error(".model m\n.bogus\n").contains("t.blif:2: unexpected '.bogus'"))
  }
}
