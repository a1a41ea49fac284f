//===--- TestSupport.swift -------------------------------------------------===//
// Helpers shared by the test bundles: the package root, the shipped cell
// library, random netlists, and operand/bit conversions. Not API.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats
import TosimIO
import TosimNetlist

/// Shared test helpers.
public enum TestSupport {
  /// The package root (the folder holding Package.swift).
  public static let packageRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  /// `path` relative to the package root.
  public static func path(_ relative: String) -> String {
    (packageRoot as NSString).appendingPathComponent(relative)
  }

  /// The shipped cell library, analysed once.
  public static let shippedLibrary: CellLibrary = {
    do { return try CellLibraryLoader.load(directories: [path("circuits/cells")]) } catch {
      fatalError("the shipped cell library does not load: \(error)")
    }
  }()

  /// A random combinational netlist over `library`: `instanceCount` cells,
  /// each reading random earlier nets (inputs, constants or cell outputs);
  /// every cell output and a few internal nets become outputs.
  public static func randomNetlist(
    library: CellLibrary, inputWidth: Int, instanceCount: Int, seed: UInt64
  ) -> Netlist {
    var random = SplitMix64(seed: seed)
    var netlist = Netlist(name: "random-\(seed)", library: library)
    let a = netlist.addInput("a", width: inputWidth)
    let b = netlist.addInput("b", width: 1)
    var available = a.nets + b.nets + [Netlist.constant0, Netlist.constant1]
    var produced: [NetID] = []
    for _ in 0..<instanceCount {
      let id = CellID(Int(random.next() % UInt64(library.cells.count)))
      let inputs = (0..<library[id].inputs.count).map { _ in
        // Prefer recent nets so the circuit gets deep.
        let window = min(available.count, 12)
        let pick = random.next() % 4 == 0
          ? Int(random.next() % UInt64(available.count))
          : available.count - 1 - Int(random.next() % UInt64(window))
        return available[pick]
      }
      let outputs = netlist.add(id, inputs)
      available += outputs
      produced += outputs
    }
    netlist.addOutput("y", produced)
    return netlist
  }

  /// `count` random vectors for a `randomNetlist`'s inputs in stream layout
  /// (one array per bus): `a` of `width` bits and the one-bit `b`.
  public static func randomStream(_ count: Int, width: Int, seed: UInt64) -> [[UInt64]] {
    var random = SplitMix64(seed: seed)
    var a: [UInt64] = [], b: [UInt64] = []
    for _ in 0..<count {
      a.append(random.next() & mask(width))
      b.append(random.next() & 1)
    }
    return [a, b]
  }

  /// The bits of `value`, bit 0 first.
  public static func bits(_ value: UInt64, width: Int) -> [Bool] {
    (0..<width).map { value >> UInt64($0) & 1 == 1 }
  }

  /// The integer of `bits`, bit 0 first.
  public static func value(_ bits: [Bool]) -> UInt64 {
    bits.enumerated().reduce(0) { $0 | ($1.element ? 1 << UInt64($1.offset) : 0) }
  }

  /// The mask of the low `width` bits.
  public static func mask(_ width: Int) -> UInt64 { width >= 64 ? ~0 : (1 << UInt64(width)) - 1 }
}
