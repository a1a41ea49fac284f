//===--- BenchmarkNetlist.swift (SimulatorBenchmark) -----------------------===//
// The benchmark netlists: the non-repeating random one (every block draws
// its own cell types and wiring from a seeded generator, so no two blocks
// share structure and neither structural hashing nor Verilator's
// deduplication can merge them) or a unit from the generators.
//===----------------------------------------------------------------------===//
import TosimCircuits
import TosimFormats
import TosimNetlist

/// Builds the netlist that `options` asks for.
enum BenchmarkNetlist {
  /// The cells the random blocks draw from (3 and 4 inputs, so that two
  /// blocks practically never compute the same function of the same nets).
  static let blockCells = ["AOI21", "OAI21", "MUX2", "NAND3", "NOR3", "AOI22"]

  /// The random netlist of about `options.cells` cells, or `options.unit`.
  static func build(_ options: BenchmarkOptions, library: CellLibrary) throws -> Netlist {
    if let unit = options.unit {
      let name = try UnitName(parsing: unit)
      if name.format.hasPrefix("int") { return try UnitCatalog.build(name, library: library) }
      return try FloatingPointUnits.build(name, library: library)
    }
    var random = SplitMix64(seed: options.seed)
    var netlist = Netlist(name: "bench", library: library)
    let a = netlist.addInput("a", width: 32)
    let b = netlist.addInput("b", width: 32)
    let pool = a.nets + b.nets
    func pick() -> NetID { pool[Int(random.next() % UInt64(pool.count))] }
    var outputs: [NetID] = []
    var block = 0
    while netlist.instances.count + 64 <= options.cells {
      let mixed = (0..<32).map { _ -> NetID in
        let cell = blockCells[Int(random.next() % UInt64(blockCells.count))]
        guard let id = library.id(named: cell) else { return pick() }
        return netlist.add(id, (0..<library[id].inputs.count).map { _ in pick() })[0]
      }
      let second = (0..<32).map { _ in pick() }
      let sum = Adders.rippleCarry(into: &netlist, a: mixed, b: second, carryIn: Netlist.constant0)
      outputs.append(sum.carryOut)
      outputs.append(sum.sum[Int(random.next() % 32)])
      block += 1
    }
    netlist.addOutput("y", outputs)
    return netlist
  }
}
