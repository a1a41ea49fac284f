//===--- RippleCarryAdderSimulationTests.swift -----------------------------===//
// The first generator end to end: `int<N>.add:ripple-carry` built from the
// shipped cells, simulated bit-parallel and compared with Swift arithmetic,
// exhaustively for widths 1–8 and on seeded random vectors at 16–64 bits.
//===----------------------------------------------------------------------===//
import Testing
import TosimCircuits
import TosimFormats
import TosimNetlist
import TosimSim
import _TosimTestSupport

@Suite("Ripple-carry adder")
struct RippleCarryAdderSimulationTests {
  /// Simulates `int<width>.add:ripple-carry` on the operand triples and
  /// checks `y` and `cout` against `a + b + cin`.
  func check(width: Int, a: [UInt64], b: [UInt64], cin: [UInt64]) throws {
    let netlist = try UnitCatalog.build(UnitName(parsing: "int\(width).add:ripple-carry"), library: TestSupport.shippedLibrary)
    let circuit = try FlatCircuit(netlist)
    #expect(circuit.instanceCount == width)
    #expect(circuit.transistorCount == 28 * width)
    #expect(circuit.depth == width)
    let simulator = WordSimulator(circuit, options: SimulationOptions(wordsPerNode: 64))
    var start = 0
    var mismatches = 0
    while start < a.count {
      let lanes = min(simulator.lanesPerBatch, a.count - start)
      let range = start..<(start + lanes)
      simulator.setInput(0, values: Array(a[range]))
      simulator.setInput(1, values: Array(b[range]))
      simulator.setInput(2, values: Array(cin[range]))
      simulator.run(laneCount: lanes)
      let sum = simulator.output(0, laneCount: lanes)
      let carry = simulator.output(1, laneCount: lanes)
      for lane in 0..<lanes {
        let i = start + lane
        let (low, overflow1) = a[i].addingReportingOverflow(b[i])
        let (total, overflow2) = low.addingReportingOverflow(cin[i])
        let expectedSum = total & TestSupport.mask(width)
        let expectedCarry: UInt64 = width == 64
          ? (overflow1 || overflow2 ? 1 : 0) : total >> UInt64(width) & 1
        if sum[lane] != expectedSum || carry[lane] != expectedCarry { mismatches += 1 }
      }
      start += lanes
    }
    #expect(mismatches == 0, "int\(width).add:ripple-carry")
  }

  @Test("exhaustive for widths 1–8", arguments: 1...8)
  func exhaustive(width: Int) throws {
    var a: [UInt64] = [], b: [UInt64] = [], cin: [UInt64] = []
    for x in 0..<(UInt64(1) << UInt64(width)) {
      for y in 0..<(UInt64(1) << UInt64(width)) {
        for c in 0...UInt64(1) {
          a.append(x)
          b.append(y)
          cin.append(c)
        }
      }
    }
    try check(width: width, a: a, b: b, cin: cin)
  }

  @Test("seeded random vectors", arguments: [16, 17, 32, 33, 64])
  func random(width: Int) throws {
    var random = SplitMix64(seed: UInt64(width))
    let count = 20_000
    let a = (0..<count).map { _ in random.next() & TestSupport.mask(width) }
    let b = (0..<count).map { _ in random.next() & TestSupport.mask(width) }
    let cin = (0..<count).map { _ in random.next() & 1 }
    try check(width: width, a: a, b: b, cin: cin)
  }
}
