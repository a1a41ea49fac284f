//===--- UnitMeasurementTests.swift ----------------------------------------===//
// The batch driver: a two-cell circuit against hand-counted switching;
// random circuits against the one-vector reference simulator, with every
// chunking and batch size giving the sequential counts; mismatches counted
// and reported in stream order; custom comparisons; port and operand
// errors; and `WordSimulator.simulate`, the entry point of `tosim eval`.
//===----------------------------------------------------------------------===//
import Testing
import TosimCircuits
import TosimEvaluation
import TosimFormats
import TosimNetlist
import TosimSim
import _TosimTestSupport

@Suite("Batch driver")
struct UnitMeasurementTests {
  let library = TestSupport.shippedLibrary

  @Test("y = INV(NAND2(a, b)) switches the hand-counted gates")
  func handCounted() throws {
    var netlist = Netlist(name: "and", library: library)
    let a = netlist.addInput("a", width: 1), b = netlist.addInput("b", width: 1)
    let n = netlist.add("NAND2", a.nets[0], b.nets[0])
    netlist.addOutput("y", netlist.add("INV", n[0]))
    let reference = UnitReference(inputWidths: [1, 1], outputWidths: [1]) { [$0[0] & $0[1]] }
    // (a, b) = 00, 11, 10, 11. Each input drives two gates (NAND2), the NAND
    // output two (INV), y none: 00→11 switches a, b and the NAND (6 gates),
    // 11→10 b and the NAND (4), 10→11 the same (4). No hazards on one path.
    let result = try UnitMeasurement.measure(netlist, inputs: [[0, 1, 1, 1], [0, 1, 0, 1]], reference: reference)
    #expect(result.transistorCount == 6 && result.cellCount == 2 && result.depth == 2 && result.vectorCount == 4)
    #expect(result.meanSwitchedGates == 14.0 / 3)
    #expect(result.meanUnitDelaySwitchedGates == 14.0 / 3)
    let mean = 14.0 / 3
    let variance = ((6 - mean) * (6 - mean) + 2 * (4 - mean) * (4 - mean)) / 3
    #expect(abs(result.switchedGatesStandardDeviation - variance.squareRoot()) < 1e-12)
    #expect(result.mismatchCount == 0 && result.firstMismatch == nil)
  }

  /// A random circuit with its exhaustive reference, from the reference simulator.
  func randomUnit(seed: Int) throws -> (Netlist, UnitReference) {
    let width = 4 + seed % 3
    let netlist = TestSupport.randomNetlist(library: library, inputWidth: width, instanceCount: 30 + 15 * seed, seed: UInt64(seed))
    let outputWidth = netlist.outputs[0].width
    let table: [[UInt64]] = try (0..<(1 << (width + 1))).map { index in
      var simulator = try ReferenceSimulator(netlist)
      simulator.apply([TestSupport.bits(UInt64(index) & TestSupport.mask(width), width: width), [index >> width == 1]])
      let bits = simulator.output(0)
      return (0..<((outputWidth + 63) / 64)).map { limb in
        TestSupport.value(Array(bits[(limb * 64)..<min(bits.count, limb * 64 + 64)]))
      }
    }
    let reference = UnitReference(inputWidths: [width, 1], outputWidths: [outputWidth]) { table[Int($0[0] | $0[1] << width)] }
    return (netlist, reference)
  }

  @Test("random circuits: reference-simulator counts, whatever the chunks and batches", arguments: 0..<6)
  func chunkedEqualsSequential(seed: Int) throws {
    let (netlist, reference) = try randomUnit(seed: seed)
    let count = 700
    let inputs = OperandStream(seed: UInt64(100 + seed)).vectors(widths: reference.inputWidths, count: count)
    var sequential = try ReferenceSimulator(netlist)
    var perVector: [Double] = []
    var perVectorGlitch: [Int] = []
    for vector in 0..<count {
      let (before, glitchBefore) = (sequential.switchedGateCount, sequential.unitDelaySwitchedGateCount)
      sequential.apply([TestSupport.bits(inputs[0][vector], width: reference.inputWidths[0]), [inputs[1][vector] == 1]])
      if vector > 0 {
        perVector.append(Double(sequential.switchedGateCount - before))
        perVectorGlitch.append(sequential.unitDelaySwitchedGateCount - glitchBefore)
      }
    }
    let mean = Double(sequential.switchedGateCount) / Double(count - 1)
    let variance = perVector.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(perVector.count)
    var results: [UnitMeasurement] = []
    for (words, chunk) in [(16, nil), (1, nil), (1, 37), (2, 64), (1, 129), (4, 699), (2, 1000)] as [(Int, Int?)] {
      let options = MeasurementOptions(wordsPerNode: words, chunkLength: chunk, keepsPerVector: true)
      let result = try UnitMeasurement.measure(netlist, inputs: inputs, reference: reference, options: options)
      #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
      #expect(result.perVectorSwitchedGates.map(Double.init) == perVector, "words \(words), chunk \(chunk ?? 0)")
      #expect(result.perVectorUnitDelaySwitchedGates == perVectorGlitch, "words \(words), chunk \(chunk ?? 0)")
      #expect(result.meanSwitchedGates == mean, "words \(words), chunk \(chunk ?? 0)")
      #expect(result.meanUnitDelaySwitchedGates == Double(sequential.unitDelaySwitchedGateCount) / Double(count - 1))
      #expect(abs(result.switchedGatesStandardDeviation - variance.squareRoot()) < 1e-9)
      results.append(result)
    }
    #expect(Set(results.map(\.switchedGatesStandardDeviation)).count == 1)
  }

  @Test("several jobs in one call measure as each alone")
  func severalJobs() throws {
    let units = try (0..<3).map { try randomUnit(seed: $0) }
    let jobs = try units.map { netlist, reference in
      try UnitMeasurement.Job(
        FlatCircuit(netlist),
        vectors: CheckedVectors(OperandStream(seed: 5).vectors(widths: reference.inputWidths, count: 500), reference: reference))
    }
    let together = UnitMeasurement.measure(jobs, options: MeasurementOptions(chunkLength: 100))
    for (index, (netlist, reference)) in units.enumerated() {
      let alone = try UnitMeasurement.measure(netlist, inputs: jobs[index].vectors.inputs, reference: reference)
      #expect(together[index].meanSwitchedGates == alone.meanSwitchedGates)
      #expect(together[index].meanUnitDelaySwitchedGates == alone.meanUnitDelaySwitchedGates)
      #expect(together[index].switchedGatesStandardDeviation == alone.switchedGatesStandardDeviation)
      #expect(alone.perVectorSwitchedGates.isEmpty && alone.perVectorUnitDelaySwitchedGates.isEmpty, "kept only when asked")
    }
  }

  /// int8.add checked against a + b, carry-in ignored: wrong exactly where cin = 1.
  static let carryBlindAdder = UnitReference(inputWidths: [8, 8, 1], outputWidths: [8, 1]) { x in
    let sum = x[0] + x[1]
    return [sum & 0xFF, sum >> 8]
  }

  @Test("mismatches are counted per vector and the first ones kept in stream order", arguments: [nil, 100] as [Int?])
  func mismatches(chunkLength: Int?) throws {
    let inputs = OperandStream(seed: 21).vectors(widths: [8, 8, 1], count: 1000)
    let wrong = (0..<1000).filter { inputs[2][$0] == 1 }
    let result = try UnitMeasurement.measure(
      TestSupport.unit("int8.add:ripple-carry"), inputs: inputs, reference: Self.carryBlindAdder,
      options: MeasurementOptions(chunkLength: chunkLength))
    #expect(result.mismatchCount == wrong.count)
    #expect(result.mismatches.map(\.vector) == Array(wrong.prefix(8)))
    let first = try #require(result.mismatches.first)
    let (a, b) = (inputs[0][wrong[0]], inputs[1][wrong[0]])
    #expect(first.inputs == [[a], [b], [1]])
    #expect(first.expected == [[(a + b) & 0xFF], [(a + b) >> 8]])
    #expect(first.actual == [[(a + b + 1) & 0xFF], [(a + b + 1) >> 8]])
    #expect(result.firstMismatch?.hasPrefix("vector \(wrong[0]): inputs 0x") == true)
  }

  @Test("a custom comparison accepts what it declares equal")
  func customComparison() throws {
    let offByCarry = UnitReference(
      inputWidths: [8, 8, 1], outputWidths: [8, 1], outputs: Self.carryBlindAdder.outputs,
      matches: { bus, expected, actual in
        bus == 0 ? (expected[expected.startIndex] + 1) & 0xFF == actual[actual.startIndex] : true
      })
    let inputs = OperandStream(seed: 4).vectors(widths: [8, 8, 1], count: 600)
    let result = try UnitMeasurement.measure(TestSupport.unit("int8.add"), inputs: inputs, reference: offByCarry)
    #expect(result.mismatchCount == 0)
  }

  @Test("ports or operands that do not fit the reference are input errors")
  func badShapes() throws {
    let adder = try TestSupport.unit("int8.add")
    let subtract = try UnitCatalog.reference(UnitName(parsing: "int8.sub"))
    #expect(throws: InputError.self) {
      try UnitMeasurement.measure(adder, inputs: [[1], [2]], reference: subtract)
    }
    let add = try UnitCatalog.reference(UnitName(parsing: "int8.add"))
    #expect(throws: InputError.self) { try CheckedVectors([[1, 2], [3], [0]], reference: add) }
    #expect(throws: InputError.self) { try CheckedVectors([[1], [3]], reference: add) }
  }

  @Test("simulate returns every vector's outputs, whatever the batch size")
  func simulateMatchesTheReference() throws {
    let reference = try UnitCatalog.reference(UnitName(parsing: "int72.mul"))
    let circuit = try FlatCircuit(TestSupport.unit("int72.mul:booth-dadda"))
    let inputs = OperandStream(seed: 2).vectors(widths: reference.inputWidths, count: 150)
    let expected = try CheckedVectors(inputs, reference: reference).expected
    for words in [1, 2, 16] {
      let outputs = WordSimulator(circuit, options: SimulationOptions(wordsPerNode: words)).simulate(inputs, vectorCount: 150)
      #expect(outputs == expected, "words \(words)")
    }
    #expect(WordSimulator(circuit).simulate(inputs, vectorCount: 0) == [[]])
  }
}
