//===--- DerivationOptionsTests.swift --------------------------------------===//
// The design choices of a derivation (DerivationOptions): text parsed once
// into typed designs, validation against the precisions that use them, and
// the precision list `derive --all` covers.
//===----------------------------------------------------------------------===//
import Testing
import TosimCircuits
import TosimCost
import TosimFormats

@Suite("Derivation options")
struct DerivationOptionsTests {
  @Test func designNamesAreParsedOnceIntoTypedOptions() throws {
    var options = DerivationOptions()
    #expect(options.multiplier == Multipliers.Design(.dadda, finalAdder: .koggeStone))
    // A multiplier without +adder takes the adder, also when only --adder is given.
    try options.setDesigns(adder: "brent-kung")
    #expect(options.adder == .brentKung && options.multiplier == Multipliers.Design(.dadda, finalAdder: .brentKung))
    try options.setDesigns(multiplier: "wallace+sklansky", divider: "newton-raphson", squareRoot: "newton-raphson")
    #expect(options.multiplier == Multipliers.Design(.wallace, finalAdder: .sklansky))
    #expect(options.divider == .newtonRaphson && options.squareRoot == .newtonRaphson)
    #expect(options.design(of: .multiplier).description == "wallace+sklansky")
    #expect(options.floatingPointDesigns?.divider == .newtonRaphson)
    #expect {
      try options.setDesigns(divider: "srt")
    } throws: { error in
      (error as? InputError)?.message == "unknown divider design 'srt'; known: restoring, non-restoring, newton-raphson"
    }
    options.divider = .nonRestoring
    #expect(options.floatingPointDesigns == nil)
    try CostTableDerivation.validate(options, precisions: [.int8])
    #expect {
      try CostTableDerivation.validate(options, precisions: [.int8, .fp16])
    } throws: { error in
      (error as? InputError)?.message
        == "divider design 'non-restoring' is not available for floating-point tables; known: restoring, newton-raphson"
    }
  }

  @Test func derivePrecisionsAreTheCommittedOnes() {
    #expect(CostTableDerivation.precisions == [.int8, .int16, .int32, .fp8e4m3, .fp8e5m2, .fp16, .bf16, .fp32, .fp64])
  }
}
