//===--- WallaceMultiplier.swift -------------------------------------------===//
// The Wallace reduction (Wallace, "A suggestion for a fast multiplier", IEEE
// Trans. Electronic Computers EC-13, 1964), greedy column-wise form: in every
// stage each column of three or more bits sends each group of three through a
// full adder and a leftover pair through a half adder; columns of at most
// two bits wait. Stages repeat until no column is taller than two. It uses
// more half adders than Dadda but reduces as early as possible.
// CLI: `tosim eval int16.mul:wallace`, `tosim eval int16.mul:booth-wallace`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension Multipliers {
  /// Reduces `columns` to at most two bits each by Wallace's greedy rule.
  public static func reduceWallace(_ columns: BitMatrix, into netlist: inout Netlist, report: inout Report) -> BitMatrix {
    let start = netlist.instances.count
    var columns = columns
    let width = columns.count
    while columns.contains(where: { $0.count > 2 }) {
      var next = BitMatrix(repeating: [], count: width)
      for column in 0..<width {
        let bits = columns[column]
        guard bits.count > 2 else {
          next[column] += bits
          continue
        }
        var index = 0
        while index + 3 <= bits.count {
          let out = netlist.fullAdder(bits[index], bits[index + 1], bits[index + 2])
          next[column].append(out.sum)
          if column + 1 < width {
            next[column + 1].append(out.carry)
          } else if !out.carry.isConstant {
            report.discardedCarryCount += 1  // always 0: the product has 2n bits
          }
          index += 3
        }
        if bits.count - index == 2 {
          let out = netlist.halfAdder(bits[index], bits[index + 1])
          next[column].append(out.sum)
          if column + 1 < width {
            next[column + 1].append(out.carry)
          } else if !out.carry.isConstant {
            report.discardedCarryCount += 1  // always 0: the product has 2n bits
          }
        } else if bits.count - index == 1 {
          next[column].append(bits[index])
        }
      }
      columns = next.map { $0.filter { $0 != Netlist.constant0 } }
      report.reductionStageCount += 1
    }
    let counts = countAdders(in: netlist, since: start)
    report.reductionFullAdderCount = counts.full
    report.reductionHalfAdderCount = counts.half
    return columns
  }
}
