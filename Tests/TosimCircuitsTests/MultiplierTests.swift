//===--- MultiplierTests.swift ---------------------------------------------===//
// Every multiplier design, unsigned and two's complement, against Swift
// arithmetic (exhaustive at widths 1–8, seeded random at 16, 17, 32, 33 and
// the 53×53 significand product), and the structure counts against their
// closed forms: Dadda n² − 4n + 3 FA and n − 1 HA with a 2n − 2-bit final
// adder, n² partial-product ANDs, n² − 2n FA in all for exact FA/HA designs.
//===----------------------------------------------------------------------===//
import Testing
import TosimCircuits
import TosimNetlist
import _TosimTestSupport

@Suite("Multipliers")
struct MultiplierTests {
  static let designs = Multipliers.Reduction.allCases.map(\.rawValue)

  @Test("mul and smul are exact for every operand pair at widths 1–8", arguments: designs)
  func exhaustive(design: String) throws {
    for width in 1...8 {
      for operation in ["mul", "smul"] {
        let result = try TestSupport.checkExhaustively("int\(width).\(operation):\(design)")
        #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
      }
    }
  }

  @Test("seeded random vectors at 16, 17, 32, 33 and 53 bits", arguments: designs)
  func random(design: String) throws {
    for width in [16, 17, 32, 33, 53] {
      for operation in ["mul", "smul"] {
        let result = try TestSupport.checkRandomly("int\(width).\(operation):\(design)", count: 1000, seed: UInt64(width))
        #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
      }
    }
  }

  @Test("64-bit products with a logarithmic final adder")
  func wide() throws {
    for unit in ["int64.mul:dadda", "int64.smul:booth-wallace+sklansky"] {
      let result = try TestSupport.checkRandomly(unit, count: 300, seed: 64)
      #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
    }
  }

  @Test("every final adder works under a Dadda tree", arguments: Adders.Design.allCases.map(\.rawValue))
  func finalAdders(adder: String) throws {
    let result = try TestSupport.checkExhaustively("int6.mul:dadda+\(adder)")
    #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
    let signed = try TestSupport.checkRandomly("int24.smul:booth-dadda+\(adder)", count: 500, seed: 24)
    #expect(signed.mismatchCount == 0, "\(signed.firstMismatch ?? "")")
  }

  /// The multiplier structure and its cell counts.
  func build(_ design: String, width n: Int) -> (report: Multipliers.Report, cells: [String: Int]) {
    var netlist = Netlist(name: "m", library: TestSupport.shippedLibrary)
    let a = netlist.addInput("a", width: n), b = netlist.addInput("b", width: n)
    let out = Multipliers.build(Multipliers.Design(name: design)!, into: &netlist, a: a.nets, b: b.nets, isSigned: false)
    netlist.addOutput("y", out.product)
    let swept = try! netlist.sweepingDeadCells()
    return (out.report, Dictionary(uniqueKeysWithValues: swept.cellCounts.map { ($0.name, $0.count) }))
  }

  @Test("Dadda: n² − 4n + 3 FA, n − 1 HA, a 2n − 2-bit final adder", arguments: [3, 4, 5, 8, 11, 16, 24, 32, 53])
  func daddaClosedForms(width n: Int) {
    let (report, cells) = build("dadda+ripple-carry", width: n)
    #expect(report.reductionFullAdderCount == n * n - 4 * n + 3)
    #expect(report.reductionHalfAdderCount == n - 1)
    #expect(report.finalAdderWidth == 2 * n - 2)
    #expect(report.partialProductBitCount == n * n)
    #expect(cells["AND2"] == n * n)
    #expect(cells["FA"] == n * n - 2 * n)
  }

  // Dadda's n² − 4n + 3 FA, n − 1 HA and 2n − 2-bit final adder (Townsend, Swartzlander & Abraham,
  // Proc. SPIE 5205, 2003), evaluated by hand.
  @Test("Dadda counts at 8, 11, 16, 24, 32, 53: the closed forms")
  func daddaPinned() {
    let counts = [8, 11, 16, 24, 32, 53].map { n -> [Int] in
      let report = build("dadda", width: n).report
      return [report.reductionFullAdderCount, report.reductionHalfAdderCount, report.finalAdderWidth]
    }
    #expect(counts == [[35, 7, 14], [80, 10, 20], [195, 15, 30], [483, 23, 46], [899, 31, 62], [2600, 52, 104]])
  }

  @Test("exact FA/HA multipliers use n² ANDs and n² − 2n FA in all", arguments: [2, 3, 4, 7, 8, 16, 24, 33])
  func fullAdderInvariant(width n: Int) {
    // An FA turns three bits into two, an HA two into two: n² bits end as
    // 2n product bits plus the (always-0) carries dropped past bit 2n − 1.
    for design in ["array", "wallace", "dadda"] {
      let (report, cells) = build("\(design)+ripple-carry", width: n)
      #expect(cells["AND2"] == n * n, "\(design) \(n)")
      #expect((cells["FA"] ?? 0) + report.discardedCarryCount == n * n - 2 * n, "\(design) \(n)")
      if design != "wallace" { #expect(report.discardedCarryCount == 0, "\(design) \(n)") }
    }
  }

  @Test("array multiplier: n(n − 2) FA and n HA with its ripple-carry final adder", arguments: [2, 3, 8, 16, 32])
  func arrayCounts(width n: Int) {
    let (report, cells) = build("array", width: n)
    #expect(cells["FA"] ?? 0 == n * (n - 2))
    #expect(cells["HA"] ?? 0 == n)
    #expect(report.reductionHalfAdderCount == n - 1)
    #expect(report.finalAdderWidth == n - 1)
  }

  @Test("Booth: ⌈(n+1)/2⌉ digits unsigned, ⌈n/2⌉ signed")
  func boothDigits() {
    #expect(Multipliers.boothDigitCount(width: 8, isSigned: false) == 5)
    #expect(Multipliers.boothDigitCount(width: 8, isSigned: true) == 4)
    #expect(Multipliers.boothDigitCount(width: 53, isSigned: false) == 27)
    #expect(Multipliers.boothDigitCount(width: 53, isSigned: true) == 27)
  }

  @Test("design names parse with and without a final adder")
  func names() {
    #expect(Multipliers.Design(name: "dadda")?.finalAdder == .koggeStone)
    #expect(Multipliers.Design(name: "array")?.finalAdder == .rippleCarry)
    #expect(Multipliers.Design(name: "booth-wallace+brent-kung")?.description == "booth-wallace+brent-kung")
    #expect(Multipliers.Design(name: "dadda+kogge-stone")?.description == "dadda")
    #expect(Multipliers.Design(name: "dadda+nope") == nil)
    #expect(Multipliers.Design(name: "radix8") == nil)
    #expect(Multipliers.daddaHeights(below: 64) == [63, 42, 28, 19, 13, 9, 6, 4, 3, 2])
  }
}
