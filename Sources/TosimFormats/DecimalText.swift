//===--- DecimalText.swift -------------------------------------------------===//
// Fractional numbers written with a fixed two decimals (`2345.60`), the
// convention of cost tables (JSON and CSV), `tosim derive` summaries and
// progress lines, so the same value always gives the same bytes.
// CLI: the to_dynamic, to_dynamic_std and to_glitch columns of `tosim derive`.
//===----------------------------------------------------------------------===//

/// Fixed-point text for fractional numbers.
public enum DecimalText {
  /// `value` with exactly two decimals, rounded half away from zero (`2345.60`, `-0.05`).
  public static func twoPlaces(_ value: Double) -> String {
    let hundredths = (value * 100).rounded()
    let sign = hundredths < 0 ? "-" : ""
    let magnitude = Int(abs(hundredths))
    let fraction = magnitude % 100
    return sign + String(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
  }
}
