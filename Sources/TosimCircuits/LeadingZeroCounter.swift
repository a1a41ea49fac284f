//===--- LeadingZeroCounter.swift ------------------------------------------===//
// The leading-zero counter as a tree (Oklobdzija, "An algorithmic and novel
// design of a leading zero detector circuit", IEEE Trans. VLSI 2(1), 1994):
// the value is padded below with ones to a power of two, each pair of
// sub-blocks combines its all-zero flags (AND2) and counts (MUX2 on the upper
// block's flag, which also becomes the new top count bit). An all-zero input
// counts n. ⌈log2 n⌉ levels.
// CLI: `tosim eval int32.lzc`.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// Leading-zero counters.
public enum LeadingZeroCounters {
  /// The output width for an n-bit value: enough bits for 0…n.
  public static func countWidth(for n: Int) -> Int {
    var bits = 1
    while 1 << bits <= n { bits += 1 }
    return bits
  }

  /// Inserts a leading-zero counter of `value` (bit 0 first).
  ///
  /// - Returns: the number of zero bits above the most significant 1
  ///   (n when `value` is 0), `countWidth(for: n)` bits, bit 0 first.
  public static func count(into netlist: inout Netlist, value: [NetID]) -> [NetID] {
    let n = value.count
    var padded = 1
    while padded < n { padded *= 2 }
    // Most significant first, padded with ones below.
    let bits = value.reversed() + [NetID](repeating: Netlist.constant1, count: padded - n)
    // Each block: all-zero flag and count of its leading zeros (valid when
    // the flag is 0), bit 0 first.
    var blocks: [(zero: NetID, count: [NetID])] = bits.map { (netlist.inverter($0), []) }
    while blocks.count > 1 {
      var next: [(zero: NetID, count: [NetID])] = []
      for pair in stride(from: 0, to: blocks.count, by: 2) {
        let high = blocks[pair], low = blocks[pair + 1]
        let count = netlist.mux2(select: high.zero, whenZero: high.count, whenOne: low.count) + [high.zero]
        next.append((netlist.and2(high.zero, low.zero), count))
      }
      blocks = next
    }
    let root = blocks[0]
    let width = countWidth(for: n)
    if padded > n {
      // The padding ones make the padded value nonzero: the count is exact.
      return Array((root.count + [NetID](repeating: Netlist.constant0, count: width)).prefix(width))
    }
    // n is a power of two: all zero gives n = 2^log2(n), the flag on top.
    let low = root.count.map { netlist.and2($0, netlist.inverter(root.zero)) }
    return low + [root.zero]
  }
}
