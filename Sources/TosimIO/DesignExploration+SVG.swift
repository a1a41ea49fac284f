//===--- DesignExploration+SVG.swift ---------------------------------------===//
// The SVG scatter plot of a design exploration: transistors against depth,
// marker area proportional to dynamic TOs, Pareto-optimal designs filled.
// Rendering only (a string); `tosim explore --svg FILE` writes it.
//===----------------------------------------------------------------------===//
import Foundation
import TosimEvaluation

extension DesignExploration {
  /// An SVG scatter plot: transistors (vertical) against depth (horizontal),
  /// marker area proportional to dynamic TOs, Pareto-optimal rows filled,
  /// every marker labelled with its design.
  public static func svg(_ rows: [Row], title: String) -> String {
    let width = 760.0, height = 500.0, left = 90.0, right = 200.0, top = 50.0, bottom = 60.0
    let depths = rows.map { Double($0.depth) }, sizes = rows.map { Double($0.transistorCount) }
    func span(_ values: [Double]) -> (Double, Double) {
      let low = values.min() ?? 0, high = values.max() ?? 1
      let pad = max((high - low) * 0.1, max(1, high * 0.05))
      return (max(0, low - pad), high + pad)
    }
    let (xLow, xHigh) = span(depths), (yLow, yHigh) = span(sizes)
    func x(_ value: Double) -> Double { left + (value - xLow) / (xHigh - xLow) * (width - left - right) }
    func y(_ value: Double) -> Double { height - bottom - (value - yLow) / (yHigh - yLow) * (height - top - bottom) }
    func escape(_ text: String) -> String {
      text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;")
    }
    func number(_ value: Double) -> String { String(format: "%.1f", value) }
    let largest = rows.map(\.dynamicMean).max() ?? 1
    var svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
      <rect width="100%" height="100%" fill="white"/>
      <text x="\(number(width / 2))" y="24" text-anchor="middle" font-size="15">\(escape(title))</text>
      <line x1="\(left)" y1="\(height - bottom)" x2="\(width - right)" y2="\(height - bottom)" stroke="black"/>
      <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(height - bottom)" stroke="black"/>
      <text x="\(number((left + width - right) / 2))" y="\(height - 15)" text-anchor="middle">depth (cells on the critical path)</text>
      <text x="20" y="\(number((top + height - bottom) / 2))" text-anchor="middle" transform="rotate(-90 20 \(number((top + height - bottom) / 2)))">transistors</text>

      """
    for tick in 0...4 {
      let xv = xLow + (xHigh - xLow) * Double(tick) / 4, yv = yLow + (yHigh - yLow) * Double(tick) / 4
      svg += """
        <text x="\(number(x(xv)))" y="\(number(height - bottom + 18))" text-anchor="middle">\(Int(xv.rounded()))</text>
        <text x="\(number(left - 6))" y="\(number(y(yv) + 4))" text-anchor="end">\(Int(yv.rounded()))</text>

        """
    }
    for row in rows {
      let radius = 4 + 18 * (largest > 0 ? (row.dynamicMean / largest).squareRoot() : 0)
      let cx = x(Double(row.depth)), cy = y(Double(row.transistorCount))
      svg += """
        <circle cx="\(number(cx))" cy="\(number(cy))" r="\(number(radius))" fill="\(row.isParetoOptimal ? "steelblue" : "none")" fill-opacity="0.5" stroke="steelblue"><title>\(escape(row.design)): \(row.transistorCount) transistors, depth \(row.depth), \(number(row.dynamicMean)) dynamic TOs/op</title></circle>
        <text x="\(number(cx + radius + 3))" y="\(number(cy + 4))">\(escape(row.design))</text>

        """
    }
    svg += """
      <text x="\(number(width - right + 10))" y="\(top + 10)">marker area ~ dynamic TOs/op</text>
      <text x="\(number(width - right + 10))" y="\(top + 28)">filled = Pareto-optimal</text>
      </svg>

      """
    return svg
  }
}

