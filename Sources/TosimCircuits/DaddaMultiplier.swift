//===--- DaddaMultiplier.swift ---------------------------------------------===//
// The Dadda reduction (Dadda, "Some schemes for parallel multipliers", Alta
// Frequenza 34, 1965): target heights d1 = 2, d(j+1) = ⌊1.5·d(j)⌋; stage by
// stage, from the largest target below the tallest column down to 2, every
// column is cut to the target with as few adders as possible — a half adder
// when it is one bit too tall, full adders otherwise — counting the carries
// arriving from the column below in the same stage. For unsigned n×n (n ≥ 3)
// this places n² − 4n + 3 FA and n − 1 HA and leaves a 2n − 2-bit final
// adder (the closed forms pinned in the tests; Townsend, Swartzlander &
// Abraham, "A comparison of Dadda and Wallace multiplier delays", Proc. SPIE
// 5205, 2003).
// CLI: `tosim eval int16.mul:dadda`, `tosim eval int16.mul:dadda+ripple-carry`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension Multipliers {
  /// The Dadda target heights below `height`, largest first (…, 6, 4, 3, 2).
  public static func daddaHeights(below height: Int) -> [Int] {
    var heights = [2]
    while heights.last! * 3 / 2 < height { heights.append(heights.last! * 3 / 2) }
    return heights.reversed().filter { $0 < height }
  }

  /// Reduces `columns` to at most two bits each by Dadda's rule.
  public static func reduceDadda(_ columns: BitMatrix, into netlist: inout Netlist, report: inout Report) -> BitMatrix {
    let start = netlist.instances.count
    var columns = columns
    let width = columns.count
    for target in daddaHeights(below: columns.map(\.count).max() ?? 0) {
      var next = BitMatrix(repeating: [], count: width)
      for column in 0..<width {
        // Bits of this column still unused, plus carries already produced
        // into it in this stage (they count towards the height).
        var pending = columns[column]
        var height = pending.count + next[column].count
        while height > target {
          let arity = height == target + 1 ? 2 : 3
          // Inputs come from the column's own bits; when too few are left
          // (irregular matrices only), from the carries already in it.
          while pending.count < arity { pending.append(next[column].removeFirst()) }
          let inputs = Array(pending.prefix(arity))
          pending.removeFirst(arity)
          let out = arity == 2
            ? netlist.halfAdder(inputs[0], inputs[1])
            : netlist.fullAdder(inputs[0], inputs[1], inputs[2])
          next[column].append(out.sum)
          if column + 1 < width {
            next[column + 1].append(out.carry)
          } else if !out.carry.isConstant {
            report.discardedCarryCount += 1  // always 0: the product has 2n bits
          }
          height -= arity - 1
        }
        next[column] += pending
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
