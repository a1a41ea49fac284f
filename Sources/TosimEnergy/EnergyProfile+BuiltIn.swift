//===--- EnergyProfile+BuiltIn.swift ---------------------------------------===//
// The first-principles profile `tosim estimate` uses without --profile: one
// energy per switched gate (to_dynamic) of a 45 nm, 0.9 V process, calibrated
// so that the fp32 add and multiply rows of the cost table in use together
// cost Horowitz's 0.9 pJ + 3.7 pJ, and one energy per byte of compulsory
// traffic from Horowitz's 64-bit DRAM access. Every number and its source:
// docs/energy-model.md, "Built-in profile".
//===----------------------------------------------------------------------===//
import TosimCostModel

extension EnergyProfile {
  /// Horowitz (ISSCC 2014, 45 nm, 0.9 V): energy of a 32-bit floating-point add, in joules.
  public static let horowitzFP32Add = 0.9e-12
  /// Horowitz (ISSCC 2014, 45 nm, 0.9 V): energy of a 32-bit floating-point multiply, in joules.
  public static let horowitzFP32Multiply = 3.7e-12
  /// Horowitz (ISSCC 2014): one 64-bit DRAM access costs 1.3–2.6 nJ; the low end per byte (1.3 nJ / 8 B).
  public static let horowitzDRAMPerByte = 1.3e-9 / 8
  /// Horowitz (ISSCC 2014): a 64-bit access to an 8 KB SRAM costs about 10 pJ; per byte (documented, not applied).
  public static let horowitzSRAMPerByte = 10e-12 / 8

  /// Joules per switched gate: (0.9 pJ + 3.7 pJ) / (to_dynamic(add) + to_dynamic(mul)) of an fp32 table.
  ///
  /// - Returns: `nil` when the table lacks an add or mul row or its switching is zero.
  public static func joulesPerSwitchedGate(fp32 table: CostTable) -> Double? {
    guard let add = table.row(.add), let mul = table.row(.mul), add.dynamicTOs + mul.dynamicTOs > 0 else { return nil }
    return (horowitzFP32Add + horowitzFP32Multiply) / (add.dynamicTOs + mul.dynamicTOs)
  }

  /// The built-in first-principles profile for an fp32 cost table.
  ///
  /// E = e_gate × to_dynamic (every class) + e_DRAM × bytes; no call, static or constant term
  /// (no first-principles figure exists for them), and no measured interval.
  public static func firstPrinciples(fp32 table: CostTable, toolVersion: String) -> EnergyProfile? {
    guard let perGate = joulesPerSwitchedGate(fp32: table) else { return nil }
    let model = EnergyModel(
      predictor: .toDynamic, form: .physical, terms: [.bytes], arithmetic: [perGate, perGate, perGate, perGate],
      bytes: horowitzDRAMPerByte)
    return EnergyProfile(
      hardware: "first-principles-45nm", model: model, logRatioLow: 0, logRatioHigh: 0, metrics: nil, folds: 0, seed: 0,
      rowCount: 0, dataFingerprint: "built-in", toolVersion: toolVersion,
      source: "built-in first-principles profile: 45 nm, 0.9 V; e_gate calibrated to Horowitz ISSCC 2014 fp32 add 0.9 pJ + "
        + "mul 3.7 pJ; DRAM 1.3 nJ per 64-bit access; no measured interval (docs/energy-model.md)")
  }
}
