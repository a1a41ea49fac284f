//===--- EnergyProfileCodecTests.swift -------------------------------------===//
// Profiles survive a write and read unchanged; negative or non-finite
// coefficients and a tensor-core speedup below 1 are never written; the
// built-in profile's switched-gate energy follows from the fp32 table and
// Horowitz's add and multiply.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCostModel
import TosimEnergy
import TosimFormats
import TosimIO
import _TosimTestSupport

@Suite("Energy profiles")
struct EnergyProfileCodecTests {
  static func profile(_ model: EnergyModel) -> EnergyProfile {
    var metrics = FitMetrics(measured: [1, 2, 4], predicted: [1.1, 1.8, 5])
    metrics.count = 3
    return EnergyProfile(
      hardware: "box", model: model, logRatioLow: -0.25, logRatioHigh: 0.5, metrics: metrics, folds: 5, seed: 1, rowCount: 3,
      dataFingerprint: EnergyProfile.fingerprint(Array("abc".utf8)), toolVersion: "test", source: "unit test")
  }

  @Test("write then read gives the same model, interval and metrics")
  func roundTrip() throws {
    var model = EnergyModel(
      predictor: .toDynamic, form: .physical, terms: [.bytes, .time, .steps], arithmetic: [1e-15, 2e-15, 3e-14, 4e-16], bytes: 1e-10,
      calls: 2e-5, staticPower: 42.5, intercept: 1e-3,
      roofline: RooflineTimeModel(computeRate: 3e11, bandwidth: 2e10, launchTime: 1e-5, stepTime: 2.5e-3, reducedPrecisionSpeedup: 4))
    model.timeExponent = 1.3
    model.perStep = 0.75
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-profile-\(UUID().uuidString).json").path
    try AtomicFile.write(try EnergyProfileCodec.encode([Self.profile(model)]), to: path)
    let read = try EnergyProfileCodec.read(path: path)
    #expect(read.count == 1)
    #expect(read[0].model == model)
    #expect(read[0].logRatioLow == -0.25 && read[0].logRatioHigh == 0.5)
    #expect(abs((read[0].metrics?.mape ?? 0) - 15) < 1e-9)
    // FNV-1a 64 of "abc" (published test vector).
    #expect(read[0].dataFingerprint == "e71fa2190541574b")
  }

  @Test("negative or non-finite coefficients are refused, never written")
  func refuses() {
    let negative = EnergyModel(predictor: .macs, form: .linear, arithmetic: [-1e-12], intercept: 0)
    #expect(throws: InputError.self) { try EnergyProfileCodec.encode([Self.profile(negative)]) }
    let nan = EnergyModel(predictor: .macs, form: .linear, arithmetic: [.nan], intercept: 0)
    #expect(throws: InputError.self) { try EnergyProfileCodec.encode([Self.profile(nan)]) }
    // The reader requires a tensor-core speedup of at least 1; the writer refuses one below it.
    var slow = EnergyModel(predictor: .macs, form: .linear, arithmetic: [1e-12], intercept: 0)
    slow.roofline.reducedPrecisionSpeedup = 0.5
    #expect(throws: InputError("refusing to write profile 'box': reduced_precision_speedup is 0.5, below 1")) {
      try EnergyProfileCodec.encode([Self.profile(slow)])
    }
  }

  @Test("built-in switched-gate energy: 4.6 pJ over the fp32 add and mul switching")
  func builtIn() throws {
    let table = try CostTableReader.read(path: TestSupport.path("circuits/tables/fp32.json"))
    let perGate = try #require(EnergyProfile.joulesPerSwitchedGate(fp32: table))
    let add = try #require(table.row(.add)).dynamicTOs, mul = try #require(table.row(.mul)).dynamicTOs
    #expect(abs(perGate * (add + mul) - 4.6e-12) < 1e-24)
    let profile = try #require(EnergyProfile.firstPrinciples(fp32: table, toolVersion: "test"))
    #expect(profile.model.bytes == 1.3e-9 / 8)
    #expect(profile.model.predictor == .toDynamic)
  }
}
