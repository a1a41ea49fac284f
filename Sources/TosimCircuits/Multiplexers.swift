//===--- Multiplexers.swift ------------------------------------------------===//
// Multiplexer trees: a binary tree of MUX2 cells selects one of 2^k buses by
// a k-bit select (bit 0 at the leaves). With constant leaves the same tree is
// a ROM (a lookup table), and constant folding in Gates.swift shrinks it to
// the logic the table really needs — the seed tables of the Newton–Raphson
// divider and square root are built this way.
// CLI: used inside `tosim eval int32.div:newton-raphson`.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// Multiplexer-tree generators.
public enum Multiplexers {
  /// Inserts a tree selecting `inputs[select]` (inputs past the end read as
  /// the last one; all buses of equal width).
  public static func select(into netlist: inout Netlist, select: [NetID], inputs: [[NetID]]) -> [NetID] {
    precondition(!inputs.isEmpty && inputs.allSatisfy { $0.count == inputs[0].count })
    var level = inputs
    for bit in select {
      if level.count == 1 { break }
      var next: [[NetID]] = []
      for pair in stride(from: 0, to: level.count, by: 2) {
        next.append(pair + 1 < level.count
          ? netlist.mux2(select: bit, whenZero: level[pair], whenOne: level[pair + 1]) : level[pair])
      }
      level = next
    }
    return level[0]
  }

  /// Inserts a read-only table: `entries[select]` as `width`-bit constants
  /// (entries past the end read as 0).
  ///
  /// Each output bit is a Shannon expansion over the select bits, most
  /// significant at the root; equal sub-functions are built once and shared
  /// between bits, halves that agree skip their multiplexer, and constant
  /// leaves fold into AND2/OR2/INV or wires.
  public static func lookupTable(into netlist: inout Netlist, select: [NetID], entries: [UInt64], width: Int) -> [NetID] {
    let size = 1 << select.count
    var built: [[Bool]: NetID] = [:]
    var inverted: [Int: NetID] = [:]
    func invertedSelect(_ level: Int) -> NetID {
      if let known = inverted[level] { return known }
      let net = netlist.inverter(select[level])
      inverted[level] = net
      return net
    }
    // The net computing `table` (2^level entries) over select[0..<level].
    func expand(_ table: [Bool], level: Int) -> NetID {
      if table.allSatisfy({ $0 == table[0] }) { return Netlist.constant(table[0]) }
      if let known = built[table] { return known }
      let half = table.count / 2
      let low = expand(Array(table[..<half]), level: level - 1)
      let high = expand(Array(table[half...]), level: level - 1)
      let s = select[level - 1]
      let net: NetID
      switch (low, high) {
      case _ where low == high: net = low
      case (Netlist.constant0, Netlist.constant1): net = s
      case (Netlist.constant1, Netlist.constant0): net = invertedSelect(level - 1)
      case (Netlist.constant0, _): net = netlist.and2(s, high)
      case (_, Netlist.constant0): net = netlist.and2(invertedSelect(level - 1), low)
      case (Netlist.constant1, _): net = netlist.or2(invertedSelect(level - 1), high)
      case (_, Netlist.constant1): net = netlist.or2(s, low)
      default: net = netlist.mux2(select: s, whenZero: low, whenOne: high)
      }
      built[table] = net
      return net
    }
    return (0..<width).map { bit in
      let table = (0..<size).map { $0 < entries.count && entries[$0] >> UInt64(bit) & 1 == 1 }
      return expand(table, level: select.count)
    }
  }
}
