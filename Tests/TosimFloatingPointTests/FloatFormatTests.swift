//===--- FloatFormatTests.swift --------------------------------------------===//
// The floating-point reference (TosimFormats/FloatFormat*.swift): format
// constants, exact decode/encode round trips of every 8- and 16-bit
// pattern, rounding against the machine's Float16/Float conversions, and
// the OCP E4M3 overflow rule.
//===----------------------------------------------------------------------===//
import Testing
import TosimFormats

@Suite("Floating-point reference formats")
struct FloatFormatTests {
  @Test func constants() {
    #expect(FloatFormat.fp8e4m3.decode(FloatFormat.fp8e4m3.largestFinite) == 448)
    #expect(FloatFormat.fp8e5m2.decode(FloatFormat.fp8e5m2.largestFinite) == 57344)
    #expect(FloatFormat.fp16.decode(0x7BFF) == 65504)
    #expect(FloatFormat.bf16.bias == 127 && FloatFormat.fp64.bias == 1023)
    #expect(FloatFormat.fp8e4m3.isNaN(0x7F) && FloatFormat.fp8e4m3.isNaN(0xFF) && !FloatFormat.fp8e4m3.isNaN(0x78))
    #expect(!FloatFormat.fp8e4m3.isInfinite(0x78) && FloatFormat.fp8e5m2.isInfinite(0x7C))
    #expect(Precision.allCases.filter { $0.floatFormat != nil }.count == 6)
  }

  @Test(arguments: [FloatFormat.fp8e4m3, .fp8e5m2, .fp16, .bf16])
  func everyPatternRoundTrips(format: FloatFormat) {
    for bits in 0...format.mask where !format.isNaN(bits) {
      #expect(format.encode(format.decode(bits)) == bits)
    }
  }

  @Test func e4m3OverflowIsNaN() {
    let format = FloatFormat.fp8e4m3
    #expect(format.encode(464) == format.largestFinite)  // tie to even stays at 448
    #expect(format.isNaN(format.encode(464.5)))
    #expect(format.isNaN(format.encode(1e9)) && format.isNaN(format.encode(-.infinity)))
    #expect(FloatFormat.fp8e5m2.encode(1e9) == 0x7C)
  }

  @Test func roundingMatchesMachineConversions() {
    var random = SplitMix64(seed: 3)
    for _ in 0..<100_000 {
      let value = Double(bitPattern: random.next())
      guard !value.isNaN else { continue }
      #expect(FloatFormat.fp32.encode(value) == UInt64(Float(value).bitPattern))
      #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
        let narrow = Double(Float(bitPattern: UInt32(truncatingIfNeeded: random.next())))
        if !narrow.isNaN { #expect(FloatFormat.fp16.encode(narrow) == UInt64(Float16(narrow).bitPattern)) }
      #endif
    }
  }

  @Test func referenceSemantics() {
    let format = FloatFormat.fp16
    #expect(format.reference(.add, 0x3C00, 0x3C00) == 0x4000)
    #expect(format.reference(.compare, 0x8000, 0x0000) == 2)  // −0 == +0
    #expect(format.reference(.compare, 0x7E00, 0x0000) == 8)
    #expect(format.reference(.max, 0x8000, 0x0000) == 0x0000)  // −0 < +0
    #expect(format.reference(.min, 0x7E00, 0x3C00) == 0x3C00)  // a NaN is dropped
    #expect(format.matches(.add, expected: 0x7E00, actual: 0xFE01))
    #expect(FloatFormat.bf16.reference(.mul, 0x3F80, 0x4000) == 0x4000)
  }
}
