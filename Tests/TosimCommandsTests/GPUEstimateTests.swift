//===--- GPUEstimateTests.swift --------------------------------------------===//
// `tosim estimate --hardware GPU`: the built-in GPU profiles are listed with
// their source, an unknown name lists the known ones (exit 64), steps follow
// from --samples and --epochs, and --power-limit stretches the modelled time,
// warns outside the fitted range and needs a GPU profile.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCommands
import _TosimTestSupport

@Suite("GPU estimate")
struct GPUEstimateTests {
  static let model = "dense(1024,1024) relu dense(1024,10)"

  @Test("--hardware list names the four GPUs with their data source")
  func list() {
    let result = TestSupport.runTosim(["estimate", Self.model, "--hardware", "list"])
    #expect(result.status == 0)
    for name in ["v100", "a40", "p100", "rtx6000"] { #expect(result.output.contains(name)) }
    #expect(result.output.contains("zeus-nsdi23"))
    // The list needs no model; every other use of estimate does.
    let bare = TestSupport.runTosim(["estimate", "--hardware", "list"])
    #expect(bare.status == 0 && bare.output == result.output)
    #expect(TestSupport.runTosim(["estimate", "--hardware", "v100"]).status == 64)
  }

  @Test("an unknown GPU exits 64 and lists the known ones")
  func unknown() {
    let result = TestSupport.runTosim(["estimate", Self.model, "--hardware", "h100"])
    #expect(result.status == 64)
    #expect(result.error.contains("v100, a40, p100, rtx6000"))
    #expect(TestSupport.runTosim(["estimate", Self.model, "--power-limit", "150"]).status == 64)
    #expect(TestSupport.runTosim(["estimate", Self.model, "--hardware", "v100", "--power-limit", "-5"]).status == 64)
    #expect(TestSupport.runTosim(["estimate", Self.model, "--samples", "10", "--steps", "2"]).status == 64)
  }

  @Test("steps are ceil(samples / batch) × epochs")
  func steps() throws {
    let args = ["estimate", Self.model, "--hardware", "v100", "--training", "--batch", "32", "--samples", "1000", "--epochs", "2", "--json"]
    let result = TestSupport.runTosim(args)
    #expect(result.status == 0, "\(result.error)")
    #expect(EnergyCommandTests.number("steps", in: result.output) == 64)
    #expect(result.output.contains("\"hardware\": \"v100\""))
    #expect(result.output.contains("\"interval_j\": ["))
  }

  @Test("a power limit never shortens the run; outside the fitted range it warns")
  func powerLimit() throws {
    let base = ["estimate", Self.model, "--hardware", "v100", "--training", "--batch", "256", "--samples", "1281167", "--json"]
    let free = TestSupport.runTosim(base)
    let capped = TestSupport.runTosim(base + ["--power-limit", "100"])
    #expect(free.status == 0 && capped.status == 0)
    let t0 = try #require(EnergyCommandTests.number("modelled_time_s", in: free.output))
    let t1 = try #require(EnergyCommandTests.number("modelled_time_s", in: capped.output))
    #expect(t1 >= t0)
    #expect(!capped.error.contains("outside"))
    let low = TestSupport.runTosim(base + ["--power-limit", "40"])
    #expect(low.status == 0)
    #expect(low.error.contains("outside the v100 profile's fitted range"))
  }
}
