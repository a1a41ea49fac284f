//===--- ReaderFuzzTests.swift ---------------------------------------------===//
// Fuzzing the BLIF and SPICE readers with seeded random mutations of the
// shipped cells (circuits/cells) and designs (circuits/designs/*.blif): every
// mutant must either load or be an InputError, never trap or throw anything
// else. A design that loads is exported to Verilog and simulated; a standard
// cell that loads replaces the shipped one, is placed by the generators' gate
// builders and must compute what they expect on every input, and the first
// few also build small units that match Swift arithmetic on every input. The seed is
// fixed; TOSIM_FUZZ_ITERATIONS and TOSIM_FUZZ_SEED set a longer run
// (benchmarks/fuzz/run.sh).
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCells
import TosimCircuits
import TosimFormats
import TosimIO
import TosimNetlist
import TosimSim
import _TosimTestSupport

@Suite("Reader fuzzing")
struct ReaderFuzzTests {
  static let environment = ProcessInfo.processInfo.environment
  /// BLIF mutants; SPICE cells are smaller, so they get three times as many.
  static let iterations = environment["TOSIM_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 400
  /// The seed of the mutation stream.
  static let seed = environment["TOSIM_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x7051_0F22

  /// The files of `folder` ending in `.ext`, as (path, text), sorted by name.
  static func corpus(_ folder: String, ext: String) throws -> [(path: String, text: String)] {
    let directory = TestSupport.path(folder)
    return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix("." + ext) }.sorted()
      .map { name in
        let path = (directory as NSString).appendingPathComponent(name)
        return (path, try String(contentsOfFile: path, encoding: .utf8))
      }
  }

  @Test("mutated BLIF designs load or are InputErrors; loaded ones export and simulate")
  func blif() throws {
    let designs = try Self.corpus("circuits/designs", ext: "blif")
    try #require(!designs.isEmpty)
    let library = TestSupport.shippedLibrary
    var mutator = TextMutator(seed: Self.seed)
    var loaded = 0, rejected = 0
    for iteration in 0..<Self.iterations {
      let (path, original) = designs[mutator.draw(0..<designs.count)]
      let text = mutator.mutate(original)
      do {
        let netlist = try BlifReader.read(text, file: path, library: library)
        let verilog = VerilogWriter.write(netlist, moduleName: "fuzz")
        #expect(verilog.hasSuffix("endmodule\n"))
        let simulator = WordSimulator(try FlatCircuit(netlist), options: SimulationOptions(wordsPerNode: 1))
        for bus in netlist.inputs.indices { simulator.setInput(bus, values: (0..<64).map { UInt64($0) &* 0x9E37_79B9 }) }
        simulator.run(laneCount: 64)
        loaded += 1
      } catch is InputError {
        rejected += 1
      } catch {
        Issue.record("seed \(Self.seed) mutant \(iteration) of \(path) threw \(error):\n\(text)")
      }
    }
    // Both outcomes occur, so the mutations neither leave every file valid nor break every one.
    #expect(loaded > 0 && rejected > 0, "\(loaded) loaded, \(rejected) rejected")
  }

  /// Small units, simulated on every input for the first accepted standard cells.
  static let units = ["int4.add:ripple-carry", "int4.add:carry-select", "int4.mul:array", "int4.scmp:brent-kung"]

  /// How a generator places each standard cell (the Gates.swift builders),
  /// and the function it expects, written independently of the checker.
  static let placements: [String: (inputs: Int, place: @Sendable (inout Netlist, [NetID]) -> [NetID], reference: @Sendable ([Bool]) -> [Bool])] = [
    "INV": (1, { [$0.inverter($1[0])] }, { [!$0[0]] }),
    "NAND2": (2, { [$0.nand2($1[0], $1[1])] }, { [!($0[0] && $0[1])] }),
    "NOR2": (2, { [$0.nor2($1[0], $1[1])] }, { [!($0[0] || $0[1])] }),
    "AND2": (2, { [$0.and2($1[0], $1[1])] }, { [$0[0] && $0[1]] }),
    "OR2": (2, { [$0.or2($1[0], $1[1])] }, { [$0[0] || $0[1]] }),
    "XOR2": (2, { [$0.xor2($1[0], $1[1])] }, { [$0[0] != $0[1]] }),
    "XNOR2": (2, { [$0.xnor2($1[0], $1[1])] }, { [$0[0] == $0[1]] }),
    "AOI21": (3, { [$0.aoi21($1[0], $1[1], $1[2])] }, { [!($0[0] && $0[1] || $0[2])] }),
    "OAI21": (3, { [$0.oai21($1[0], $1[1], $1[2])] }, { [!(($0[0] || $0[1]) && $0[2])] }),
    "AOI22": (4, { [$0.aoi22($1[0], $1[1], $1[2], $1[3])] }, { [!($0[0] && $0[1] || $0[2] && $0[3])] }),
    "MUX2": (3, { [$0.mux2(select: $1[2], whenZero: $1[0], whenOne: $1[1])] }, { [$0[2] ? $0[1] : $0[0]] }),
    "HA": (2, { let r = $0.halfAdder($1[0], $1[1]); return [r.sum, r.carry] }, { [$0[0] != $0[1], $0[0] && $0[1]] }),
    "FA": (3, { let r = $0.fullAdder($1[0], $1[1], $1[2]); return [r.sum, r.carry] }, { v in
      let count = v.filter { $0 }.count
      return [count % 2 == 1, count >= 2]
    }),
  ]

  /// Places `cell` the way the generators do and compares it with their expectation on every input.
  func checkPlacement(of cell: Cell, library: CellLibrary) throws -> Bool {
    let placement = try #require(Self.placements[cell.name])
    var netlist = Netlist(name: cell.name, library: library)
    let inputs = (0..<placement.inputs).map { netlist.addInput("i\($0)", width: 1)[0] }
    for (index, net) in placement.place(&netlist, inputs).enumerated() { netlist.addOutput("o\(index)", [net]) }
    let simulator = WordSimulator(try FlatCircuit(netlist), options: SimulationOptions(wordsPerNode: 1))
    let lanes = 1 << placement.inputs
    for bus in 0..<placement.inputs { simulator.setInput(bus, values: (0..<lanes).map { UInt64($0 >> bus & 1) }) }
    simulator.run(laneCount: lanes)
    let outputs = netlist.outputs.indices.map { simulator.output($0, laneCount: lanes) }
    return (0..<lanes).allSatisfy { lane in
      let expected = placement.reference((0..<placement.inputs).map { lane >> $0 & 1 == 1 })
      return expected.indices.allSatisfy { (outputs[$0][lane] == 1) == expected[$0] }
    }
  }

  @Test("mutated SPICE cells parse and analyse or are InputErrors; accepted standard cells still build correct units")
  func spice() throws {
    let cells = try Self.corpus("circuits/cells", ext: "sp")
    try #require(!cells.isEmpty)
    let shipped = TestSupport.shippedLibrary
    var mutator = TextMutator(seed: Self.seed ^ 0x5_11CE)
    var accepted = 0, rejected = 0, standardCells = 0
    for iteration in 0..<(3 * Self.iterations) {
      let (path, original) = cells[mutator.draw(0..<cells.count)]
      // Half the mutants start from the cell without its comments, so more mutations hit cards.
      let cards = original.split(separator: "\n").filter { !$0.hasPrefix("* ") }.joined(separator: "\n")
      let text = mutator.mutate(mutator.draw(0..<2) == 0 ? original : cards)
      do {
        for subcircuit in try SpiceReader.parse(text, file: path) {
          let cell = try CellLibraryLoader.analyse(subcircuit).get()
          accepted += 1
          guard StandardCellFunction.all[cell.name] != nil else { continue }
          // The check accepted it, so the generators can place it and get
          // their function; the first few also build correct units.
          let library = CellLibrary(shipped.cells + [cell])
          #expect(try checkPlacement(of: cell, library: library), "mutant \(iteration) of \(path):\n\(text)")
          standardCells += 1
          guard standardCells <= 3 else { continue }
          for unit in Self.units {
            let result = try TestSupport.checkExhaustively(unit, library: library)
            #expect(result.mismatchCount == 0, "mutant \(iteration) of \(path), \(unit): \(result.firstMismatch ?? "")\n\(text)")
          }
        }
      } catch is InputError {
        rejected += 1
      } catch {
        Issue.record("seed \(Self.seed) mutant \(iteration) of \(path) threw \(error):\n\(text)")
      }
    }
    #expect(standardCells > 0 && rejected > 0, "\(accepted) accepted (\(standardCells) standard), \(rejected) rejected")
  }
}
