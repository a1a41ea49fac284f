//===--- UnitVerification.swift --------------------------------------------===//
// Checks a unit's netlist against its Swift-arithmetic reference on a stream
// of vectors with the word-parallel simulator: exhaustive operand sets for
// small widths and seeded random ones for large widths. Not API.
//===----------------------------------------------------------------------===//
import TosimCircuits
import TosimFormats
import TosimNetlist
import TosimSim

/// The outcome of checking a unit on a vector set.
public struct UnitCheckResult: Sendable {
  /// Vectors simulated.
  public var vectorCount = 0
  /// Vectors whose outputs differ from the reference.
  public var mismatchCount = 0
  /// The first mismatching vector, described, if any.
  public var firstMismatch: String?
}

extension TestSupport {
  /// Builds unit `name` from `library`, by default the shipped cells
  /// (throws for bad names).
  public static func unit(_ name: String, library: CellLibrary = shippedLibrary) throws -> Netlist {
    try UnitCatalog.build(UnitName(parsing: name), library: library)
  }

  /// Simulates `netlist` on `count` vectors (`vector(i)` gives each input
  /// bus as little-endian limbs) and compares every output with `reference`.
  public static func check(
    _ netlist: Netlist, reference: UnitReference, count: Int, vector: (Int) -> [[UInt64]]
  ) throws -> UnitCheckResult {
    let circuit = try FlatCircuit(netlist)
    let simulator = WordSimulator(circuit, options: SimulationOptions(wordsPerNode: 16))
    let inputLimbs = netlist.inputs.map { ($0.width + 63) / 64 }
    let outputLimbs = netlist.outputs.map { ($0.width + 63) / 64 }
    var result = UnitCheckResult()
    var start = 0
    while start < count {
      let lanes = min(simulator.lanesPerBatch, count - start)
      let vectors = (start..<(start + lanes)).map(vector)
      for bus in inputLimbs.indices {
        simulator.setInput(bus, values: vectors.flatMap { $0[bus] }, limbsPerValue: inputLimbs[bus])
      }
      simulator.run(laneCount: lanes)
      let outputs = outputLimbs.indices.map { simulator.output($0, laneCount: lanes, limbsPerValue: outputLimbs[$0]) }
      for lane in 0..<lanes {
        let expected = reference.outputs(vectors[lane])
        for bus in outputLimbs.indices {
          let got = Array(outputs[bus][(lane * outputLimbs[bus])..<((lane + 1) * outputLimbs[bus])])
          if got != expected[bus] {
            result.mismatchCount += 1
            if result.firstMismatch == nil {
              result.firstMismatch = "\(netlist.name): inputs \(vectors[lane].map(hex)) output \(netlist.outputs[bus].name) = \(hex(got)), expected \(hex(expected[bus]))"
            }
            break
          }
        }
      }
      start += lanes
    }
    result.vectorCount = count
    return result
  }

  /// Checks unit `name`, built from `library`, on every combination of its
  /// input values (the inputs' widths must total at most 24 bits).
  public static func checkExhaustively(_ name: String, library: CellLibrary = shippedLibrary) throws -> UnitCheckResult {
    let netlist = try unit(name, library: library)
    let widths = netlist.inputs.map(\.width)
    let total = widths.reduce(0, +)
    precondition(total <= 24, "too many combinations for an exhaustive check")
    return try check(netlist, reference: UnitCatalog.reference(UnitName(parsing: name)), count: 1 << total) { index in
      var rest = UInt64(index)
      return widths.map { width in
        let value = rest & mask(width)
        rest >>= UInt64(width)
        return [value]
      }
    }
  }

  /// Checks unit `name` on `count` seeded random vectors. Operands are
  /// uniform, except that every eighth vector gives the second input (the
  /// only one for one-operand units) a random number of leading zeros (small
  /// divisors and radicands, short shifts) and every 64th sets it to 0.
  public static func checkRandomly(_ name: String, count: Int, seed: UInt64) throws -> UnitCheckResult {
    let netlist = try unit(name)
    let widths = netlist.inputs.map(\.width)
    var random = SplitMix64(seed: seed)
    let varied = min(1, widths.count - 1)
    let vectors: [[[UInt64]]] = (0..<count).map { index in
      widths.enumerated().map { bus, width in
        var limbs = (0..<((width + 63) / 64)).map { _ in random.next() }
        if width % 64 != 0 { limbs[limbs.count - 1] &= mask(width % 64) }
        if bus == varied && index % 8 == 7 {
          let keep = Int(random.next() % UInt64(width + 1))
          for bit in keep..<(limbs.count * 64) { limbs[bit / 64] &= ~(1 << UInt64(bit % 64)) }
        }
        if bus == varied && index % 64 == 63 { limbs = limbs.map { _ in 0 } }
        return limbs
      }
    }
    return try check(netlist, reference: UnitCatalog.reference(UnitName(parsing: name)), count: count) { vectors[$0] }
  }

  private static func hex(_ limbs: [UInt64]) -> String {
    "0x" + limbs.reversed().enumerated().map { index, limb in
      let text = String(limb, radix: 16)
      return index == 0 ? text : String(repeating: "0", count: 16 - text.count) + text
    }.joined()
  }
}
