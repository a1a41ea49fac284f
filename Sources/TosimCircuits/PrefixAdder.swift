//===--- PrefixAdder.swift -------------------------------------------------===//
// Turns a PrefixNetwork into cells (the realisation shared by Kogge–Stone,
// Brent–Kung and Sklansky). Bit cells make inverted generate and propagate,
// g' = NAND2(a, b) and p' = XNOR2(a, b); prefix operators alternate polarity
// as in Weste & Harris, "CMOS VLSI Design" §11.2.2: on true inputs a black
// cell is AOI21 (G') + NAND2 (P'), on inverted inputs OAI21 (G) + NOR2 (P).
// A grey cell (G only) is used where no later node reads the propagate
// output. An operand of the other polarity passes through an INV (one per
// signal, shared). Sums are p XOR carry, an XOR2 or XNOR2 by polarity.
// A variable carry-in is absorbed into position 0 before the network
// (g0 + p0·cin, one AOI21); a constant carry-in folds away.
// CLI: `tosim eval int32.add:sklansky`, `tosim explore adders`.
//===----------------------------------------------------------------------===//
import TosimNetlist

extension Adders {
  /// A generate/propagate pair in one polarity.
  private struct PrefixPair {
    var generate: NetID
    var propagate: NetID?
    var isInverted: Bool
  }

  /// Inserts an adder whose carries come from `network`.
  ///
  /// - Precondition: `network.width == a.count == b.count` and
  ///   `network.isValid`.
  public static func prefixAdder(
    _ network: PrefixNetwork, into netlist: inout Netlist, a: [NetID], b: [NetID], carryIn: NetID
  ) -> Outputs {
    let n = a.count
    precondition(network.width == n && b.count == n)
    // Which values need a propagate output: value ids 0..<n are the bit
    // pairs, node k of the flattened levels produces value n + k.
    var current = Array(0..<n)
    var operands: [(high: Int, low: Int, position: Int)] = []
    for level in network.levels {
      var next = current
      for node in level {
        operands.append((current[node.position], current[node.lowPosition], node.position))
        next[node.position] = n + operands.count - 1
      }
      current = next
    }
    var needsPropagate = [Bool](repeating: false, count: n + operands.count)
    for k in operands.indices.reversed() {
      needsPropagate[operands[k].high] = true
      if needsPropagate[n + k] { needsPropagate[operands[k].low] = true }
    }

    // Bit cells, inverted polarity.
    let bitPropagate = (0..<n).map { netlist.xnor2(a[$0], b[$0]) }  // p'
    var values: [PrefixPair] = (0..<n).map {
      PrefixPair(generate: netlist.nand2(a[$0], b[$0]), propagate: bitPropagate[$0], isInverted: true)
    }
    // Absorb the carry-in: G0 = g0 + p0·cin. Position 0 is only ever a low
    // operand of spans starting at bit 0, whose propagate no node reads.
    if carryIn == Netlist.constant1 {
      values[0] = PrefixPair(generate: netlist.nor2(a[0], b[0]), propagate: nil, isInverted: true)
    } else if carryIn != Netlist.constant0 {
      // G0 = !((p0' + cin') · g0')
      let generate = netlist.oai21(bitPropagate[0], netlist.inverter(carryIn), values[0].generate)
      values[0] = PrefixPair(generate: generate, propagate: nil, isInverted: false)
    }

    var invertedCopy: [Int: NetID] = [:]
    func signal(_ net: NetID, of id: Int, isProp: Bool, from pair: PrefixPair, inverted: Bool) -> NetID {
      if pair.isInverted == inverted { return net }
      let key = 2 * id + (isProp ? 1 : 0)
      if let copy = invertedCopy[key] { return copy }
      let copy = netlist.inverter(net)
      invertedCopy[key] = copy
      return copy
    }
    for (k, node) in operands.enumerated() {
      let high = values[node.high], low = values[node.low]
      let inverted = high.isInverted  // operand polarity = the high pair's
      let lowGenerate = signal(low.generate, of: node.low, isProp: false, from: low, inverted: inverted)
      let highPropagate = high.propagate!
      var result = PrefixPair(generate: Netlist.constant0, propagate: nil, isInverted: !inverted)
      if inverted {
        result.generate = netlist.oai21(highPropagate, lowGenerate, high.generate)
        if needsPropagate[n + k] {
          let lowPropagate = signal(low.propagate!, of: node.low, isProp: true, from: low, inverted: inverted)
          result.propagate = netlist.nor2(highPropagate, lowPropagate)
        }
      } else {
        result.generate = netlist.aoi21(highPropagate, lowGenerate, high.generate)
        if needsPropagate[n + k] {
          let lowPropagate = signal(low.propagate!, of: node.low, isProp: true, from: low, inverted: inverted)
          result.propagate = netlist.nand2(highPropagate, lowPropagate)
        }
      }
      values.append(result)
    }

    // Carry into bit i is the group generate of bits 0...i-1.
    var sum: [NetID] = []
    for i in 0..<n {
      if i == 0 {
        // s0 = p0 ^ cin; with cin = 0 a plain XOR2 of the operands.
        sum.append(carryIn == Netlist.constant0 ? netlist.xor2(a[0], b[0]) : netlist.xnor2(bitPropagate[0], carryIn))
        continue
      }
      let carry = values[current[i - 1]]
      sum.append(carry.isInverted
        ? netlist.xor2(bitPropagate[i], carry.generate)
        : netlist.xnor2(bitPropagate[i], carry.generate))
    }
    let top = values[current[n - 1]]
    let carryOut = top.isInverted ? netlist.inverter(top.generate) : top.generate
    return Outputs(sum: sum, carryOut: carryOut)
  }
}
