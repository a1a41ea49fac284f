//===--- EnergyModel+Coefficients.swift ------------------------------------===//
// The coefficients of an energy model by name, value, unit and physical
// meaning, in the order `tosim fit` prints them and profiles store them
// (docs/energy-model.md, "The model").
//===----------------------------------------------------------------------===//

extension EnergyModel {
  /// (name, value, unit, meaning) of every coefficient.
  public var namedCoefficients: [(name: String, value: Double, unit: String, meaning: String)] {
    switch form {
    case .physical:
      let units = predictor.columnUnits
      var result = ArithmeticClass.allCases.map { c in
        ("e_\(c.rawValue)", arithmetic[c.index], "J/\(units[c.index])", "energy per \(units[c.index]) of the \(c.rawValue) class")
      }
      result += [
        ("e_byte", bytes, "J/B", "energy per byte read or written"),
        ("e_call", calls, "J/call", "energy per kernel call (launch, dispatch, framework)"),
        ("e_step", perStep, "J/step", "energy per step (host loop, data loading, synchronisation)"),
        ("p_static", staticPower, "W", "static power over the roofline time"),
        ("alpha", intercept, "J", "energy per measured run"),
        ("gamma", timeExponent, "1", "exponent of the modelled time in the static term (1 = constant power)"),
        ("lane_width", Double(laneWidth), "lanes", "SIMD lanes per vector of the multiply-accumulate kernels (1 = no lane padding)"),
      ]
      return result
    case .linear:
      return [
        ("beta", arithmetic.first ?? 0, "J/\(predictor.unit)", "energy per \(predictor.unit)"),
        ("alpha", intercept, "J", "energy per measured run"),
      ]
    case .loglog:
      return [
        ("prefactor", intercept, "J", "energy at a count of 1"),
        ("exponent", exponent, "1", "scaling exponent of the count"),
      ]
    }
  }
}
