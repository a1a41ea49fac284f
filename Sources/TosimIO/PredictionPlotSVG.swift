//===--- PredictionPlotSVG.swift -------------------------------------------===//
// The SVG of `tosim fit --svg`: predicted against measured energy on log–log
// axes, one colour per predictor, with the y = x line. Text only; the
// command writes it with AtomicFile.
//===----------------------------------------------------------------------===//
import Foundation

/// Predicted-versus-measured scatter plots.
public enum PredictionPlotSVG {
  /// One predictor's points (measured, predicted), both positive.
  public struct Series: Sendable {
    /// The legend label.
    public var name: String
    /// (measured, predicted) pairs in joules.
    public var points: [(measured: Double, predicted: Double)]

    /// Creates a series.
    public init(name: String, points: [(measured: Double, predicted: Double)]) {
      self.name = name
      self.points = points
    }
  }

  static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]

  /// The SVG text of `series` under `title`.
  public static func render(title: String, series: [Series]) -> String {
    let width = 640.0, height = 560.0, left = 80.0, right = 180.0, top = 40.0, bottom = 60.0
    let values = series.flatMap { $0.points.flatMap { [$0.measured, $0.predicted] } }.filter { $0 > 0 && $0.isFinite }
    var low = floor(log10(values.min() ?? 1e-3)), high = ceil(log10(values.max() ?? 1))
    if high <= low { high = low + 1 }
    low = max(low, high - 12)
    let plotW = width - left - right, plotH = height - top - bottom
    func x(_ v: Double) -> Double { left + (log10(max(v, pow(10, low))) - low) / (high - low) * plotW }
    func y(_ v: Double) -> Double { top + plotH - (log10(max(v, pow(10, low))) - low) / (high - low) * plotH }
    func f(_ v: Double) -> String { String(format: "%.1f", v) }
    var svg = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">",
      "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
      "<text x=\"\(f(width / 2))\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">\(escape(title))</text>",
      "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"#444\"/>",
    ]
    for decade in Int(low)...Int(high) {
      let v = pow(10, Double(decade))
      svg.append("<line x1=\"\(f(x(v)))\" y1=\"\(f(top))\" x2=\"\(f(x(v)))\" y2=\"\(f(top + plotH))\" stroke=\"#ddd\"/>")
      svg.append("<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(v)))\" stroke=\"#ddd\"/>")
      svg.append("<text x=\"\(f(x(v)))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\">1e\(decade)</text>")
      svg.append("<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">1e\(decade)</text>")
    }
    let a = pow(10, low), b = pow(10, high)
    svg.append("<line x1=\"\(f(x(a)))\" y1=\"\(f(y(a)))\" x2=\"\(f(x(b)))\" y2=\"\(f(y(b)))\" stroke=\"black\" stroke-dasharray=\"5,4\"/>")
    svg.append("<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 18))\" text-anchor=\"middle\">measured energy (J)</text>")
    svg.append("<text transform=\"translate(20,\(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">predicted energy (J, out-of-fold)</text>")
    for (k, s) in series.enumerated() {
      let colour = palette[k % palette.count]
      for p in s.points where p.measured > 0 && p.predicted > 0 && p.measured.isFinite && p.predicted.isFinite {
        svg.append("<circle cx=\"\(f(x(p.measured)))\" cy=\"\(f(y(p.predicted)))\" r=\"2\" fill=\"\(colour)\" fill-opacity=\"0.5\"/>")
      }
      let ly = top + 14 + Double(k) * 18
      svg.append("<circle cx=\"\(f(left + plotW + 16))\" cy=\"\(f(ly - 4))\" r=\"5\" fill=\"\(colour)\"/>")
      svg.append("<text x=\"\(f(left + plotW + 26))\" y=\"\(f(ly))\">\(escape(s.name))</text>")
    }
    let ly = top + 14 + Double(series.count) * 18
    svg.append("<line x1=\"\(f(left + plotW + 10))\" y1=\"\(f(ly - 4))\" x2=\"\(f(left + plotW + 22))\" y2=\"\(f(ly - 4))\" stroke=\"black\" stroke-dasharray=\"3,2\"/>")
    svg.append("<text x=\"\(f(left + plotW + 26))\" y=\"\(f(ly))\">y = x</text>")
    svg.append("</svg>")
    return svg.joined(separator: "\n") + "\n"
  }

  /// `text` with XML special characters escaped.
  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
  }
}
