//===--- DesignExplorationTests.swift --------------------------------------===//
// Design exploration at the library level: a user design joins the
// comparison and measures like the shipped design it copies, wrong ports
// and wrong circuits are input errors, rows agree with the batch driver,
// and Pareto marking on hand-made rows.
//===----------------------------------------------------------------------===//
import Testing
import TosimCircuits
import TosimEvaluation
import TosimFormats
import TosimNetlist
import TosimSim
import _TosimTestSupport

@Suite("Design exploration")
struct DesignExplorationTests {
  let library = TestSupport.shippedLibrary

  @Test("a user design joins the comparison; wrong ports are an input error")
  func userDesign() throws {
    var candidates = try DesignExploration.candidates(.adders, width: 8, library: library)
    let mine = try TestSupport.unit("int8.add:brent-kung")
    candidates.append(try DesignExploration.userCandidate(mine, design: "my-adder.blif", family: .adders, width: 8, library: library))
    let rows = try DesignExploration.run(candidates, vectorCount: 200, seed: 1)
    #expect(rows.last?.design == "my-adder.blif")
    let brentKung = try #require(rows.first { $0.design == "brent-kung" })
    let last = try #require(rows.last)
    #expect(last.transistorCount == brentKung.transistorCount && last.dynamicMean == brentKung.dynamicMean)
    #expect(throws: InputError.self) {
      try DesignExploration.userCandidate(try TestSupport.unit("int8.mul"), design: "m", family: .adders, width: 8, library: library)
    }
  }

  @Test("a wrong circuit under the right ports is caught by its own reference", arguments: [0, 3])
  func wrongCircuit(position: Int) throws {
    var wrong = try DesignExploration.candidates(.adders, width: 8, library: library)
    #expect(Set(wrong.map(\.reference.name)) == ["int8.add"])  // one shared set of expected outputs
    wrong[position].reference = UnitReference(inputWidths: [8, 8, 1], outputWidths: [8, 1]) { x in
      [(x[0] + x[1]) & 0xFF, (x[0] + x[1]) >> 8]  // carry-in ignored
    }
    #expect(throws: InputError.self) { try DesignExploration.run(wrong, vectorCount: 64, seed: 1) }
    wrong.remove(at: position)
    #expect(try DesignExploration.run(wrong, vectorCount: 64, seed: 1).count == wrong.count)
  }

  @Test("rows are the batch driver's measurements on the uniform stream")
  func rowsAreMeasurements() throws {
    let candidates = try DesignExploration.candidates(.multipliers, width: 6, library: library)
    let rows = try DesignExploration.run(candidates, vectorCount: 20_000, seed: 3)
    for (candidate, row) in zip(candidates, rows) {
      let inputs = OperandStream(seed: 3).vectors(widths: candidate.reference.inputWidths, count: 20_000)
      let measured = try UnitMeasurement.measure(candidate.netlist, inputs: inputs, reference: candidate.reference)
      #expect(row.dynamicMean == measured.meanSwitchedGates, "\(row.design)")
      #expect(row.dynamicStandardDeviation == measured.switchedGatesStandardDeviation)
      #expect(row.glitchMean == measured.meanUnitDelaySwitchedGates)
      #expect(row.transistorCount == measured.transistorCount && row.depth == measured.depth)
      #expect(row.gateVectorEvaluationCount == measured.cellCount * 20_000)
    }
  }

  @Test("Pareto marking keeps the rows no other row dominates")
  func pareto() {
    func row(_ name: String, _ transistors: Int, _ depth: Int, _ dynamic: Double) -> DesignExploration.Row {
      var measurement = UnitMeasurement()
      (measurement.transistorCount, measurement.depth, measurement.meanSwitchedGates) = (transistors, depth, dynamic)
      return DesignExploration.Row(design: name, unit: name, measurement: measurement)
    }
    var rows = [
      row("small", 10, 9, 5), row("fast", 30, 2, 5), row("dominated", 30, 9, 6), row("tie", 10, 9, 5),
      row("frugal", 40, 9, 1), row("equal-but-worse", 30, 2, 5.5),
    ]
    DesignExploration.markParetoOptimal(&rows)
    #expect(rows.filter(\.isParetoOptimal).map(\.design) == ["small", "fast", "tie", "frugal"])
  }
}
