//===--- CostTableDerivationTests.swift ------------------------------------===//
// `CostTableDerivation.derive` at tiny vector counts, without the CLI: the
// same seed gives the same table, another seed other switching but the same
// structure, batch size and chunking do not matter, and a derived row is the batch
// driver's measurement of the unit on its documented operand stream (the
// run's seed mixed with the unit name by FNV-1a), and a precision's table is
// handed over while another precision's units are still being measured.
//===----------------------------------------------------------------------===//
import Dispatch
import Foundation
import Testing
import TosimCircuits
import TosimCost
import TosimCostModel
import TosimEvaluation
import TosimFormats
import TosimIO
import _TosimTestSupport

@Suite("Cost-table derivation")
struct CostTableDerivationTests {
  static func derive(_ precisions: [Precision], seed: UInt64, wordsPerNode: Int = 16, operands: OperandDistribution = .uniform)
    throws -> [CostTable]
  {
    var options = DerivationOptions()
    options.vectorCount = 300
    options.seed = seed
    options.wordsPerNode = wordsPerNode
    options.operands = operands
    return try CostTableDerivation.derive(precisions, options: options, library: TestSupport.shippedLibrary, toolVersion: "test")
  }

  @Test("the same seed gives the same table; another seed changes switching only")
  func determinism() throws {
    let first = try Self.derive([.int8], seed: 5)
    #expect(try Self.derive([.int8], seed: 5) == first)
    let other = try Self.derive([.int8], seed: 6)
    let rows = try #require(first.first?.rows), otherRows = try #require(other.first?.rows)
    #expect(rows.map(\.transistorCount) == otherRows.map(\.transistorCount))
    #expect(rows.map(\.depth) == otherRows.map(\.depth))
    #expect(rows.map(\.dynamicTOs) != otherRows.map(\.dynamicTOs))
    #expect(rows.allSatisfy { $0.glitchTOs >= $0.dynamicTOs && $0.dynamicTOs > 0 })
  }

  @Test("batch size does not change a table", arguments: [OperandDistribution.uniform, .normal])
  func batchSize(operands: OperandDistribution) throws {
    let wide = try Self.derive([.int8, .fp8e4m3], seed: 2, operands: operands)
    let narrow = try Self.derive([.int8, .fp8e4m3], seed: 2, wordsPerNode: 1, operands: operands)
    #expect(wide == narrow)
  }

  @Test("cutting the streams into uneven chunks changes no count, the inertial column included")
  func chunking() throws {
    let subcircuits = try CellLibraryLoader.subcircuits(directories: [TestSupport.path("circuits/cells")])
    func derive(simulation: Int, timing: Int) throws -> [CostTable] {
      var options = DerivationOptions()
      options.vectorCount = 300
      options.seed = 3
      options.wordsPerNode = 2
      options.inertialVectorCount = 150
      options.simulationChunkLength = simulation
      options.timingChunkLength = timing
      return try CostTableDerivation.derive(
        [.int8, .fp8e5m2], options: options, library: TestSupport.shippedLibrary, toolVersion: "test",
        transistors: CostTableDerivation.Transistors(subcircuits))
    }
    let whole = try derive(simulation: 1_000, timing: 1_000)
    #expect(whole.allSatisfy { $0.rows.allSatisfy { $0.isRecipe || ($0.inertialTOs ?? 0) > 0 } })
    #expect(try derive(simulation: 77, timing: 41) == whole)
    #expect(try derive(simulation: 1, timing: 1) == whole)
  }

  @Test("a derived row is the driver's measurement on the unit's own stream")
  func rowIsMeasurement() throws {
    let table = try #require(try Self.derive([.int8], seed: 9).first)
    // The unit's seed: the run's seed XOR the FNV-1a hash of the unit name.
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in "int8.smul".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let name = try UnitName(parsing: "int8.smul:dadda+kogge-stone")
    let reference = try UnitCatalog.reference(name)
    let measured = try UnitMeasurement.measure(
      UnitCatalog.build(name, library: TestSupport.shippedLibrary),
      inputs: OperandStream(.uniform, precision: .int8, seed: 9 ^ hash).vectors(widths: reference.inputWidths, count: 300),
      reference: reference)
    let row = try #require(table.rows.first { $0.operation == .mul })
    #expect(row.unit == "int8.smul")
    #expect(row.transistorCount == measured.transistorCount && row.depth == measured.depth)
    #expect(row.dynamicTOs == measured.meanSwitchedGates)
    #expect(row.dynamicTOsStandardDeviation == measured.switchedGatesStandardDeviation)
    #expect(row.glitchTOs == measured.meanUnitDelaySwitchedGates)
  }

  @Test("a table is handed over while the other precision's last unit is still held back")
  func handOverBeforeTheRest() throws {
    // Thread-safe log of what the callbacks saw, in order.
    final class Log: @unchecked Sendable {
      private var entries: [String] = []
      private let lock = NSLock()
      /// Appends `entry`; returns how many entries, it included, start with its prefix up to the first dot.
      @discardableResult func add(_ entry: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        entries.append(entry)
        let prefix = entry.prefix { $0 != "." }
        return entries.filter { $0.prefix { $0 != "." } == prefix }.count
      }
      var all: [String] { lock.lock(); defer { lock.unlock() }; return entries }
    }
    var options = DerivationOptions()
    options.vectorCount = 32
    let library = TestSupport.shippedLibrary
    let counted = Log()
    _ = try CostTableDerivation.derive(
      [.int8, .fp8e4m3], options: options, library: library, toolVersion: "test",
      measured: { unit, _ in counted.add(unit) })
    let int8Units = counted.all.filter { $0.hasPrefix("int8.") }.count
    #expect(int8Units > 0 && int8Units < counted.all.count)
    // The last int8 unit to finish waits until the fp8 table was handed over.
    // Were tables handed over only at the end, it would wait in vain.
    let fp8HandedOver = DispatchSemaphore(value: 0)
    let log = Log()
    let waited = Log()
    let canBlock = ProcessInfo.processInfo.activeProcessorCount >= 2
    _ = try CostTableDerivation.derive(
      [.int8, .fp8e4m3], options: options, library: library, toolVersion: "test",
      completed: { table in
        log.add("table " + table.precision.rawValue)
        if table.precision == .fp8e4m3 { fp8HandedOver.signal() }
      },
      measured: { unit, _ in
        let sameKind = log.add(unit)
        guard canBlock, unit.hasPrefix("int8."), sameKind == int8Units else { return }
        let outcome = fp8HandedOver.wait(timeout: .now() + 300)
        waited.add(outcome == .success ? "handed over" : "timed out")
        if outcome == .success { fp8HandedOver.signal() }
      })
    let entries = log.all
    let lastInt8 = try #require(entries.lastIndex { $0.hasPrefix("int8.") })
    let fp8Table = try #require(entries.firstIndex(of: "table fp8-e4m3"))
    let int8Table = try #require(entries.firstIndex(of: "table int8"))
    #expect(entries.filter { $0.hasPrefix("table ") }.count == 2)
    #expect(int8Table > lastInt8, "\(entries)")
    if canBlock {
      #expect(waited.all == ["handed over"], "\(entries)")
      #expect(fp8Table < int8Table, "\(entries)")
    }
  }
}
