//===--- CellDrive.swift ---------------------------------------------------===//
// The drive of each switching node of a cell, from its transistor sizes:
// the worst-case (highest) series resistance of the pull-up and pull-down
// paths from the node to a supply or to an input pin (pass devices), in
// squares (Σ L/W along the path), p-channel squares weighted by the
// mobility ratio μn/μp (2, the ratio the shipped cells are sized for), and
// the cell nodes that gate the devices on those paths (the stages the node
// waits for inside the cell). Elmore-style RC delay estimates multiply the
// mean of the two resistances by the node's load (TosimCost/NodeDelays).
//===----------------------------------------------------------------------===//
import TosimNetlist

/// The drive resistance of each node of one cell.
public struct CellDrive: Sendable {
  /// Mobility ratio μn/μp that weights p-channel squares.
  public static let mobilityRatio = 2.0

  /// The mean of the worst pull-up and pull-down path resistance of each
  /// node, in n-channel squares, in `Cell.nodes` order (0 for a node no
  /// device drives).
  public let resistance: [Double]
  /// The indices (in `Cell.nodes`) of the cell nodes gating each node's
  /// drive paths.
  public let stageInputs: [[Int]]

  /// Computes the drive of `cell`'s nodes from its subcircuit `sub`.
  /// Devices without W or L count one square.
  public init(cell: Cell, subcircuit sub: Subcircuit) {
    let power = Subcircuit.powerNames, ground = Subcircuit.groundNames
    let directions = Dictionary(zip(sub.ports.map { $0.uppercased() }, sub.portDirections), uniquingKeysWith: { a, _ in a })
    let inputPins = Set(directions.filter { $0.value == .input }.map(\.key))
    let nodeIndex = Dictionary(cell.nodes.enumerated().map { ($1.name.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
    func squares(_ t: Mosfet) -> Double {
      guard let w = t.width, let l = t.length, w > 0 else { return 1 }
      return l / w * (t.kind == .pmos ? Self.mobilityRatio : 1)
    }
    /// The worst path resistance from `node` through `kind` devices to a
    /// rail or an input pin, and the gates on the paths; nil without a path.
    func worst(_ kind: MosfetKind, from start: String) -> (Double, Set<String>)? {
      let rail = kind == .pmos ? power : ground
      var best: Double?
      var gates = Set<String>()
      func walk(_ node: String, _ sum: Double, _ visited: Set<String>, _ onPath: [String]) {
        if rail.contains(node) || (inputPins.contains(node) && node != start) {
          best = max(best ?? 0, sum)
          gates.formUnion(onPath)
          return
        }
        for t in sub.transistors where t.kind == kind {
          let (d, s) = (t.drain.uppercased(), t.source.uppercased())
          guard d == node || s == node else { continue }
          let next = d == node ? s : d
          guard !visited.contains(next) else { continue }
          walk(next, sum + squares(t), visited.union([next]), onPath + [t.gate.uppercased()])
        }
      }
      walk(start, 0, [start], [])
      return best.map { ($0, gates) }
    }
    var resistance: [Double] = []
    var stageInputs: [[Int]] = []
    for node in cell.nodes {
      let name = node.name.uppercased()
      let up = worst(.pmos, from: name), down = worst(.nmos, from: name)
      let values = [up?.0, down?.0].compactMap { $0 }
      resistance.append(values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count))
      let gates = (up?.1 ?? []).union(down?.1 ?? [])
      stageInputs.append(gates.compactMap { nodeIndex[$0] }.filter { cell.nodes[$0].name.uppercased() != name }.sorted())
    }
    self.resistance = resistance
    self.stageInputs = stageInputs
  }
}
