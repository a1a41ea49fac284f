//===--- CellCapacitance.swift ---------------------------------------------===//
// Estimated capacitances of a cell from its transistor sizes: each input
// pin's load (gate area of the devices it gates, plus the diffusion of pass
// devices it feeds) and each switching node's own load (diffusion of the
// devices whose drain or source is the node, plus gates inside the cell it
// drives), split into gate and diffusion parts. Used by the capacitance-
// weighted TO prototype (`tosim export spice --testbench` annotations).
//===----------------------------------------------------------------------===//
import TosimNetlist

/// Gate and diffusion capacitance in femtofarads.
public struct Capacitance: Sendable, Equatable {
  /// Gate capacitance (channel and overlap), fF.
  public var gate = 0.0
  /// Junction (drain/source diffusion) capacitance, fF.
  public var diffusion = 0.0
  /// Creates a capacitance.
  public init(gate: Double = 0, diffusion: Double = 0) {
    self.gate = gate
    self.diffusion = diffusion
  }
  /// The sum of two capacitances, part by part.
  public static func + (a: Capacitance, b: Capacitance) -> Capacitance {
    Capacitance(gate: a.gate + b.gate, diffusion: a.diffusion + b.diffusion)
  }
}

/// The estimated capacitances of one cell.
public struct CellCapacitance: Sendable {
  /// Process constants of the estimate. The defaults are round numbers for
  /// a 130 nm 1.8 V process (sky130-like oxide of 4.1 nm): estimates, not
  /// extracted values.
  public struct Parameters: Sendable, Equatable {
    /// Gate oxide capacitance per channel area, fF/µm².
    public var oxidePerArea = 8.3
    /// Gate overlap capacitance per channel width and side, fF/µm.
    public var overlapPerWidth = 0.3
    /// Junction capacitance per diffusion area, fF/µm² (effective over the swing).
    public var junctionPerArea = 0.7
    /// Junction sidewall capacitance per diffusion perimeter, fF/µm.
    public var junctionPerPerimeter = 0.08
    /// Diffusion length as a multiple of the smallest channel length (AD = W × this × Lmin).
    public var diffusionLengthFactor = 2.5
    /// Creates the default parameters.
    public init() {}
  }

  /// The load each input pin presents, in `Cell.inputs` order.
  public let inputs: [Capacitance]
  /// The own load of each node, in `Cell.nodes` order.
  public let nodes: [Capacitance]

  /// Estimates the capacitances of `cell` from its subcircuit `sub`.
  ///
  /// Devices without W or L contribute nothing.
  public init(cell: Cell, subcircuit sub: Subcircuit, minimumLength: Double, parameters p: Parameters = Parameters()) {
    let lmin = minimumLength * 1e6
    func load(_ node: String) -> Capacitance {
      var c = Capacitance()
      let name = node.uppercased()
      for t in sub.transistors {
        guard let w = t.width.map({ $0 * 1e6 }), let l = t.length.map({ $0 * 1e6 }) else { continue }
        if t.gate.uppercased() == name { c.gate += p.oxidePerArea * w * l + 2 * p.overlapPerWidth * w }
        let terminals = [t.drain, t.source].filter { $0.uppercased() == name }.count
        let diffusion = p.diffusionLengthFactor * lmin
        c.diffusion += Double(terminals) * (p.junctionPerArea * w * diffusion + p.junctionPerPerimeter * 2 * (w + diffusion))
      }
      return c
    }
    inputs = cell.inputs.map(load)
    nodes = cell.nodes.map { load($0.name) }
  }
}
