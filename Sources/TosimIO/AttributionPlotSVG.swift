//===--- AttributionPlotSVG.swift ------------------------------------------===//
// The SVG of `tosim estimate --svg`: one horizontal bar per layer, stacked by
// energy term (arithmetic, memory, calls, static). Text only; the command
// writes it with AtomicFile.
//===----------------------------------------------------------------------===//
import Foundation
import TosimEnergy

/// Per-layer stacked bars of energy terms.
public enum AttributionPlotSVG {
  static var terms: [(name: String, colour: String, value: (EnergyTerms) -> Double)] {
    [
    ("arithmetic", "#1f77b4", { $0.arithmetic }), ("memory", "#ff7f0e", { $0.memory }),
    ("calls", "#2ca02c", { $0.calls }), ("static", "#9467bd", { $0.staticEnergy }),
    ]
  }

  /// The SVG text of bars `layers` (label, terms in joules) under `title`.
  public static func render(title: String, layers: [(label: String, terms: EnergyTerms)]) -> String {
    let rowH = 20.0, left = 220.0, plotW = 460.0, top = 50.0
    let height = top + Double(layers.count) * rowH + 60
    let width = left + plotW + 40
    let maximum = max(layers.map { $0.terms.total - $0.terms.constant }.max() ?? 0, 1e-300)
    func f(_ v: Double) -> String { String(format: "%.1f", v) }
    var svg = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">",
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
      "<text x=\"\(f(width / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">\(PredictionPlotSVG.escape(title))</text>",
    ]
    for (k, term) in terms.enumerated() {
      let x = left + Double(k) * 110
      svg.append("<rect x=\"\(f(x))\" y=\"30\" width=\"10\" height=\"10\" fill=\"\(term.colour)\"/>")
      svg.append("<text x=\"\(f(x + 14))\" y=\"39\">\(term.name)</text>")
    }
    for (row, layer) in layers.enumerated() {
      let y = top + Double(row) * rowH
      svg.append("<text x=\"\(f(left - 6))\" y=\"\(f(y + 14))\" text-anchor=\"end\">\(PredictionPlotSVG.escape(layer.label))</text>")
      var x = left
      for term in terms {
        let w = term.value(layer.terms) / maximum * plotW
        guard w > 0 else { continue }
        svg.append("<rect x=\"\(f(x))\" y=\"\(f(y + 3))\" width=\"\(f(w))\" height=\"\(f(rowH - 6))\" fill=\"\(term.colour)\"/>")
        x += w
      }
      svg.append("<text x=\"\(f(x + 4))\" y=\"\(f(y + 14))\" font-size=\"10\">\(String(format: "%.3g J", layer.terms.total - layer.terms.constant))</text>")
    }
    svg.append("</svg>")
    return svg.joined(separator: "\n") + "\n"
  }
}
