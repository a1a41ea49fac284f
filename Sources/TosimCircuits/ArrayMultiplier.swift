//===--- ArrayMultiplier.swift ---------------------------------------------===//
// The array (Braun) multiplier: the partial-product rows are added one after
// another by rows of carry-save adders — each new row's bit meets the
// running sum and carry of its column in a full adder (a half adder when only
// one of them is there) — and a final carry-propagate adder merges the last
// sum and carry rows. Unsigned n×n: n² AND2, n(n−2) FA and n HA with the
// ripple-carry final adder (n−1 HA in the array, one in the final adder);
// depth grows linearly. Signed operands use the Baugh–Wooley rows.
// CLI: `tosim eval int8.mul:array`, `tosim eval int8.smul:array`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension Multipliers {
  /// Adds `rows` row by row with carry-save adders; returns columns of at
  /// most two bits for the final adder.
  public static func reduceArray(_ rows: [Row], width: Int, into netlist: inout Netlist, report: inout Report) -> BitMatrix {
    let start = netlist.instances.count
    var columns = matrix(Array(rows.prefix(1)), width: width)
    for row in rows.dropFirst() {
      var next = columns
      var incoming = BitMatrix(repeating: [], count: width)
      for (column, bit) in row where column < width && bit != Netlist.constant0 {
        let bits = columns[column] + [bit]
        switch bits.count {
        case 1: next[column] = bits
        case 2:
          let out = netlist.halfAdder(bits[0], bits[1])
          next[column] = [out.sum]
          if column + 1 < width {
            incoming[column + 1].append(out.carry)
          } else if !out.carry.isConstant {
            report.discardedCarryCount += 1  // always 0: the product has 2n bits
          }
        default:
          let out = netlist.fullAdder(bits[0], bits[1], bits[2])
          next[column] = [out.sum] + bits.dropFirst(3)
          if column + 1 < width {
            incoming[column + 1].append(out.carry)
          } else if !out.carry.isConstant {
            report.discardedCarryCount += 1  // always 0: the product has 2n bits
          }
        }
      }
      for column in 0..<width { next[column] += incoming[column].filter { $0 != Netlist.constant0 } }
      columns = next
      report.reductionStageCount += 1
    }
    // Rows of unusual shape may leave a column with three bits; finish those
    // with a tree so the final adder sees at most two.
    if columns.contains(where: { $0.count > 2 }) { columns = reduceDadda(columns, into: &netlist, report: &report) }
    let counts = countAdders(in: netlist, since: start)
    report.reductionFullAdderCount = counts.full
    report.reductionHalfAdderCount = counts.half
    return columns
  }
}
