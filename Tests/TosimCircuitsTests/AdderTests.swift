//===--- AdderTests.swift --------------------------------------------------===//
// Every adder design, and the subtract and compare units built on it, against
// Swift arithmetic: exhaustively at widths 1–8 and on seeded random vectors
// at 16, 17, 32, 33, 64, 106 and 128 bits; prefix-network node counts
// against their closed forms.
//===----------------------------------------------------------------------===//
import Testing
import TosimCircuits
import TosimNetlist
import TosimSim
import _TosimTestSupport

@Suite("Adders")
struct AdderTests {
  static let designs = Adders.Design.allCases.map(\.rawValue)

  @Test("add, sub, cmp and scmp are exact for every operand pair at widths 1–8", arguments: designs)
  func exhaustive(design: String) throws {
    for width in 1...8 {
      for operation in ["add", "sub", "cmp", "scmp"] {
        let result = try TestSupport.checkExhaustively("int\(width).\(operation):\(design)")
        #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
      }
    }
  }

  @Test("seeded random vectors at 16–128 bits", arguments: designs)
  func random(design: String) throws {
    for width in [16, 17, 32, 33, 64, 106, 128] {
      for operation in ["add", "sub", "scmp"] {
        let result = try TestSupport.checkRandomly("int\(width).\(operation):\(design)", count: 1500, seed: UInt64(width))
        #expect(result.mismatchCount == 0, "\(result.firstMismatch ?? "")")
      }
    }
  }

  @Test("prefix networks are complete at every width 1–128")
  func prefixNetworksAreValid() {
    for width in 1...128 {
      #expect(PrefixNetwork.koggeStone(width: width).isValid, "Kogge–Stone \(width)")
      #expect(PrefixNetwork.brentKung(width: width).isValid, "Brent–Kung \(width)")
      #expect(PrefixNetwork.sklansky(width: width).isValid, "Sklansky \(width)")
      #expect(PrefixNetwork.serial(width: width).isValid, "serial \(width)")
    }
  }

  @Test("prefix node counts and depths equal the closed forms", arguments: [2, 4, 8, 16, 32, 64, 128])
  func prefixClosedForms(width n: Int) {
    let log = n.trailingZeroBitCount
    let koggeStone = PrefixNetwork.koggeStone(width: n)
    let sklansky = PrefixNetwork.sklansky(width: n)
    let brentKung = PrefixNetwork.brentKung(width: n)
    #expect(koggeStone.nodeCount == n * log - n + 1)
    #expect(sklansky.nodeCount == n / 2 * log)
    #expect(brentKung.nodeCount == 2 * n - 2 - log)
    #expect(koggeStone.depth == log)
    #expect(sklansky.depth == log)
    #expect(brentKung.depth == max(1, 2 * log - 1))
    #expect(PrefixNetwork.serial(width: n).nodeCount == n - 1)
  }

  // Prefix node counts n·log2 n − n + 1 (Kogge & Stone, IEEE Trans. Computers C-22(8), 1973),
  // (n/2)·log2 n (Sklansky, IRE Trans. Electronic Computers EC-9(2), 1960) and 2n − 2 − log2 n
  // (Brent & Kung, IEEE Trans. Computers C-31(3), 1982), evaluated by hand.
  @Test("pinned sizes: the Kogge–Stone, Sklansky and Brent–Kung closed forms at n = 8, 16, 32, 64")
  func pinnedNodeCounts() {
    #expect([8, 16, 32, 64].map { PrefixNetwork.koggeStone(width: $0).nodeCount } == [17, 49, 129, 321])
    #expect([8, 16, 32, 64].map { PrefixNetwork.sklansky(width: $0).nodeCount } == [12, 32, 80, 192])
    #expect([8, 16, 32, 64].map { PrefixNetwork.brentKung(width: $0).nodeCount } == [11, 26, 57, 120])
  }

  @Test("prefix adders place one operator cell per prefix node")
  func prefixAdderCells() throws {
    // With carry-in 0 (sub's +1 is absorbed the same way), each node is one
    // AOI21/OAI21 (+ NAND2/NOR2 for black cells): count generate cells.
    for (design, network) in [("kogge-stone", PrefixNetwork.koggeStone(width: 32)),
      ("sklansky", PrefixNetwork.sklansky(width: 32)), ("brent-kung", PrefixNetwork.brentKung(width: 32))] {
      let netlist = try TestSupport.unit("int32.add:\(design)")
      let counts = Dictionary(uniqueKeysWithValues: netlist.cellCounts.map { ($0.name, $0.count) })
      // One AOI21/OAI21 per node plus the OAI21 absorbing the variable carry-in.
      #expect((counts["AOI21"] ?? 0) + (counts["OAI21"] ?? 0) == network.nodeCount + 1, "\(design)")
      // One propagate (XNOR2) and one sum (XOR2 or XNOR2 by carry polarity) per bit.
      #expect((counts["XNOR2"] ?? 0) + (counts["XOR2"] ?? 0) == 64, "\(design)")
    }
  }

  @Test("pinned transistor counts and depths at 32 bits")
  func pinnedSizes() throws {
    var sizes: [String: [Int]] = [:]
    for design in Self.designs {
      let circuit = try FlatCircuit(TestSupport.unit("int32.add:\(design)"))
      sizes[design] = [circuit.transistorCount, circuit.depth]
    }
    #expect(sizes["ripple-carry"] == [896, 32])
    // The parallel-prefix adders are logarithmic.
    for design in ["kogge-stone", "sklansky"] { #expect(sizes[design]![1] <= 10, "\(design)") }
    #expect(sizes["brent-kung"]![1] <= 15)
    #expect(sizes["kogge-stone"]![0] > sizes["sklansky"]![0])
    #expect(sizes["sklansky"]![0] > sizes["brent-kung"]![0])
  }
}
