//===--- Incrementer.swift -------------------------------------------------===//
// The incrementer a + carryIn: bit i flips when the carry-in and every lower
// bit are 1. The prefix ANDs come from a Sklansky network of AND2 cells
// (⌈log2 n⌉ levels), the sums from XOR2 cells.
// CLI: `tosim eval int32.inc` (y = a + 1, cout).
//===----------------------------------------------------------------------===//
import TosimNetlist

/// Incrementers.
public enum Incrementers {
  /// Inserts an incrementer computing `value + carryIn`.
  ///
  /// - Returns: the sum (same width) and the carry out.
  public static func increment(into netlist: inout Netlist, value: [NetID], carryIn: NetID = Netlist.constant1)
    -> (sum: [NetID], carryOut: NetID)
  {
    let n = value.count
    // all[i] = carryIn · value[0] ⋯ value[i] after the network.
    var all = value
    all[0] = netlist.and2(value[0], carryIn)
    for level in PrefixNetwork.sklansky(width: n).levels {
      var next = all
      for node in level { next[node.position] = netlist.and2(all[node.position], all[node.lowPosition]) }
      all = next
    }
    let sum = (0..<n).map { netlist.xor2(value[$0], $0 == 0 ? carryIn : all[$0 - 1]) }
    return (sum, all[n - 1])
  }
}
