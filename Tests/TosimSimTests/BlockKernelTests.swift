//===--- BlockKernelTests.swift --------------------------------------------===//
// The block kernels (1, 2, 4 and 8 words per node visit, block plane by
// block plane) against the one-vector reference simulator on seeded random
// netlists that use every shipped cell and one cell per word operation
// (generic functions and internal nodes included): outputs lane by lane,
// zero-delay, per-vector and unit-delay switched gates, with batch lane
// counts that are not multiples of a word or a block, and the same
// per-node toggle and glitch counts for every block width.
//===----------------------------------------------------------------------===//
import Testing
import TosimFormats
import TosimNetlist
import TosimSim
import _TosimTestSupport

@Suite("Block kernels")
struct BlockKernelTests {
  /// The shipped cells plus one single-output cell per logic `GateOp`, a
  /// cell whose function matches no operation, and one with an internal node.
  static let library: CellLibrary = {
    var cells = TestSupport.shippedLibrary.cells
    let names = ["A", "B", "C", "D"]
    for op in GateOp.allCases {
      guard let table = op.truthTable else { continue }
      let n = table.inputCount
      cells.append(Cell(
        name: "OP_\(op)", inputs: Array(names.prefix(n)), inputGateLoads: (0..<n).map { 1 + $0 },
        nodes: [CellNode(name: "Y", function: table, gateLoad: 0, isOutput: true)], transistorCount: 2 * n))
    }
    // a ^ (b & c) ^ (c | d): no GateOp computes it, so it runs the Shannon fallback.
    let generic = TruthTable(inputCount: 4) { ($0[0] != ($0[1] && $0[2])) != ($0[2] || $0[3]) }
    cells.append(Cell(
      name: "GENERIC4", inputs: names, inputGateLoads: [2, 2, 2, 2],
      nodes: [CellNode(name: "Y", function: generic, gateLoad: 0, isOutput: true)], transistorCount: 16))
    // An output and an internal NAND node (gate load 3) that feeds nothing
    // but is counted (cells list their outputs first).
    let nand = TruthTable(inputCount: 3) { !($0[0] && $0[1]) }
    let output = TruthTable(inputCount: 3) { ($0[0] && $0[1]) != $0[2] }
    cells.append(Cell(
      name: "INTERNAL3", inputs: ["A", "B", "C"], inputGateLoads: [1, 1, 2],
      nodes: [
        CellNode(name: "Y", function: output, gateLoad: 0, isOutput: true),
        CellNode(name: "n1", function: nand, gateLoad: 3, isOutput: false),
      ], transistorCount: 12))
    return CellLibrary(cells)
  }()

  /// A random netlist that places every cell of `library` at least once.
  func netlist(seed: UInt64, width: Int, extra: Int) -> Netlist {
    let random = TestSupport.randomNetlist(
      library: Self.library, inputWidth: width, instanceCount: Self.library.cells.count + extra, seed: seed)
    var netlist = Netlist(name: "every-cell-\(seed)", library: Self.library)
    let a = netlist.addInput("a", width: width)
    let b = netlist.addInput("b", width: 1)
    var available = a.nets + b.nets
    var outputs: [NetID] = []
    var state = SplitMix64(seed: seed ^ 0x5EED)
    // Every cell once, then the random netlist's cells in its order.
    let cells = Self.library.cells.indices.map { CellID($0) } + random.instances.map(\.cell)
    for cell in cells {
      let inputs = (0..<Self.library[cell].inputs.count).map { _ in
        available[available.count - 1 - Int(state.next() % UInt64(min(available.count, 10)))]
      }
      let produced = netlist.add(cell, inputs)
      available += produced
      outputs += produced
    }
    netlist.addOutput("y", outputs)
    return netlist
  }

  /// Runs `lanes` (one batch per entry) through a simulator with
  /// `words` words per node and through the reference, checking outputs lane
  /// by lane and every total; returns the simulator.
  @discardableResult
  func compare(_ netlist: Netlist, words: Int, batches: [Int], width: Int, seed: UInt64) throws -> WordSimulator {
    let circuit = try FlatCircuit(netlist)
    let simulator = WordSimulator(
      circuit, options: SimulationOptions(wordsPerNode: words, countsGlitches: true, recordsPerVector: true))
    var reference = try ReferenceSimulator(netlist)
    var random = SplitMix64(seed: seed)
    var referencePerVector: [Int] = []
    var done = 0
    let limbs = (circuit.outputNodes[0].count + 63) / 64
    for lanes in batches {
      // Runs of repeated vectors as well as random ones.
      let a = (0..<lanes).map { _ in random.next() % 5 == 0 ? 0 : random.next() & TestSupport.mask(width) }
      let b = (0..<lanes).map { _ in random.next() & 1 }
      simulator.setInput(0, values: a)
      simulator.setInput(1, values: b)
      simulator.run(laneCount: lanes)
      let outputs = simulator.output(0, laneCount: lanes, limbsPerValue: limbs)
      for lane in 0..<lanes {
        let before = reference.switchedGateCount
        reference.apply([TestSupport.bits(a[lane], width: width), [b[lane] == 1]])
        if done + lane > 0 { referencePerVector.append(reference.switchedGateCount - before) }
        for (bit, value) in reference.output(0).enumerated() {
          let word = outputs[lane * limbs + bit / 64]
          #expect((word >> UInt64(bit % 64) & 1 == 1) == value, "\(words) words: vector \(done + lane) bit \(bit)")
        }
      }
      done += lanes
    }
    #expect(simulator.vectorCount == done)
    #expect(simulator.switchedGateCount == reference.switchedGateCount, "\(words) words: zero-delay")
    #expect(simulator.unitDelaySwitchedGateCount == reference.unitDelaySwitchedGateCount, "\(words) words: unit-delay")
    #expect(simulator.perVectorSwitchedGates == referencePerVector, "\(words) words: per vector")
    #expect(simulator.switchedGateCount > 0)
    #expect(simulator.unitDelaySwitchedGateCount > simulator.switchedGateCount, "the netlist glitches")
    return simulator
  }

  @Test("the random netlists exercise every word operation")
  func everyOperation() throws {
    let circuit = try FlatCircuit(netlist(seed: 1, width: 6, extra: 40))
    let used = Set(circuit.ops)
    for op in GateOp.allCases where op.truthTable != nil || op == .generic {
      #expect(used.contains(op), "\(op) is not exercised")
    }
  }

  @Test("every block width matches the reference simulator", arguments: [1, 2, 3, 4, 6, 8, 16, 24, 32])
  func blockWidths(words: Int) throws {
    let width = 5 + words % 3
    let netlist = netlist(seed: UInt64(words), width: width, extra: 50)
    let batch = 64 * words
    // A partial batch (not a multiple of 64 or of a block), a small one that
    // leaves whole blocks empty, a single vector, and one just over a word.
    try compare(netlist, words: words, batches: [batch - 29, 45, 1, min(71, batch)], width: width, seed: UInt64(100 + words))
  }

  @Test("per-node toggles and glitches are the same for every block width")
  func perNodeCounts() throws {
    let netlist = netlist(seed: 42, width: 7, extra: 80)
    let circuit = try FlatCircuit(netlist)
    var random = SplitMix64(seed: 7)
    let count = 3000
    let a = (0..<count).map { _ in random.next() & 0x7F }
    let b = (0..<count).map { _ in random.next() & 1 }
    var results: [[[Int]]] = []
    for words in [1, 2, 3, 4, 8, 12, 24] {
      let simulator = WordSimulator(circuit, options: SimulationOptions(wordsPerNode: words, countsGlitches: true))
      var start = 0
      var size = 1
      while start < count {
        // Batches of growing, odd sizes.
        let lanes = min(simulator.lanesPerBatch, count - start, size)
        simulator.setInput(0, values: Array(a[start..<(start + lanes)]))
        simulator.setInput(1, values: Array(b[start..<(start + lanes)]))
        simulator.run(laneCount: lanes)
        start += lanes
        size = min(size * 3 + 1, count)
      }
      results.append([simulator.toggleCounts, simulator.transitionCounts])
    }
    for result in results.dropFirst() { #expect(result == results[0]) }
    #expect(results[0][0].reduce(0, +) > 0)
  }
}
