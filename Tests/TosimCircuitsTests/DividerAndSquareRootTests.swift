//===--- DividerAndSquareRootTests.swift -----------------------------------===//
// Dividers (quotient and remainder, division by zero included) and integer
// square roots against Swift arithmetic: exhaustive at widths 1–8 (1–16 for
// the one-operand square root), seeded random vectors at 16–128 bits.
//===----------------------------------------------------------------------===//
import Testing
import TosimCircuits
import TosimNetlist
import TosimSim
import _TosimTestSupport

@Suite("Dividers and square roots")
struct DividerAndSquareRootTests {
  @Test("div is exact for every operand pair at widths 1–8", arguments: Dividers.Design.allCases.map(\.rawValue))
  func divideExhaustively(design: String) throws {
    for width in 1...8 {
      let result = try TestSupport.checkExhaustively("int\(width).div:\(design)")
      #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
    }
  }

  @Test("div on seeded random vectors (small and zero divisors included)", arguments: Dividers.Design.allCases.map(\.rawValue))
  func divideRandomly(design: String) throws {
    for (width, count) in [(16, 2000), (17, 2000), (32, 1000), (33, 1000), (64, 300)] {
      let result = try TestSupport.checkRandomly("int\(width).div:\(design)", count: count, seed: UInt64(width))
      #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
    }
  }

  @Test("division by zero gives all ones and the dividend", arguments: Dividers.Design.allCases.map(\.rawValue))
  func divisionByZero(design: String) throws {
    let netlist = try TestSupport.unit("int16.div:\(design)")
    let simulator = WordSimulator(try FlatCircuit(netlist), options: SimulationOptions(wordsPerNode: 1))
    simulator.setInput(0, values: [0, 1, 0x1234, 0xFFFF])
    simulator.setInput(1, values: [0, 0, 0, 0])
    simulator.run(laneCount: 4)
    #expect(simulator.output(0, laneCount: 4) == [0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF])
    #expect(simulator.output(1, laneCount: 4) == [0, 1, 0x1234, 0xFFFF])
  }

  @Test("sqrt is exact for every radicand at widths 1–16", arguments: SquareRoots.Design.allCases.map(\.rawValue))
  func squareRootExhaustively(design: String) throws {
    for width in 1...16 {
      let result = try TestSupport.checkExhaustively("int\(width).sqrt:\(design)")
      #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
    }
  }

  @Test("sqrt on seeded random vectors", arguments: SquareRoots.Design.allCases.map(\.rawValue))
  func squareRootRandomly(design: String) throws {
    for (width, count) in [(17, 2000), (32, 2000), (33, 2000), (64, 500), (128, 200)] {
      let result = try TestSupport.checkRandomly("int\(width).sqrt:\(design)", count: count, seed: UInt64(width))
      #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
    }
  }
}
