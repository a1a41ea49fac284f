//===--- PeakKernel.swift (SimulatorBenchmark) -----------------------------===//
// This machine's peak bitwise throughput as this build compiles it: a
// register-only loop of independent two-input gates on SIMD4<UInt64>
// (256 lanes each; six chains fit the 16 vector registers of baseline
// x86-64), the same portable vectors the simulator's kernels use,
// so that "fraction of peak" compares like with like. Reported in
// gate-lanes per second (one two-input gate on one lane), on one core and
// on two.
//===----------------------------------------------------------------------===//
import Dispatch

/// The peak-throughput kernel.
enum PeakKernel {
  /// Gate-lanes per second on one core and on two.
  static func measure() -> (oneCore: Double, twoCores: Double) {
    let iterations = 20_000_000
    // Warm up, then time.
    _ = spin(iterations / 10, seed: 1)
    var start = DispatchTime.now().uptimeNanoseconds
    var sink = spin(iterations, seed: 2)
    let one = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    start = DispatchTime.now().uptimeNanoseconds
    let results = PerCore<UInt64>(0)
    DispatchQueue.concurrentPerform(iterations: 2) { core in results[core] = spin(iterations, seed: UInt64(3 + core)) }
    let two = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    sink ^= results[0] ^ results[1]
    // Keep the result observable so the loop is not removed.
    if sink == 0x1234_5678 { print("") }
    let gateLanes = Double(iterations) * Double(gatesPerIteration * 256)
    return (gateLanes / one, 2 * gateLanes / two)
  }

  /// Two-input gates per loop iteration of `spin`.
  static let gatesPerIteration = 12

  /// Six chains of two gates each per iteration, all in registers.
  @inline(never)
  static func spin(_ iterations: Int, seed: UInt64) -> UInt64 {
    var x0 = SIMD4<UInt64>(repeating: seed), x1 = x0 &+ 1, x2 = x0 &+ 2, x3 = x0 &+ 3
    var x4 = x0 &+ 4, x5 = x0 &+ 5
    let k = SIMD4<UInt64>(0x9E37_79B9_7F4A_7C15, 1, 2, 3)
    let m = ~k
    for _ in 0..<iterations {
      x0 = (x0 ^ k) & x1; x1 = (x1 ^ m) | x2; x2 = (x2 ^ k) & x3
      x3 = (x3 ^ m) | x4; x4 = (x4 ^ k) & x5; x5 = (x5 ^ m) | x0
    }
    let all = x0 ^ x1 ^ x2 ^ x3 ^ x4 ^ x5
    return all.wrappedSum()
  }
}

/// One value per core, written by `concurrentPerform` iterations (each
/// iteration writes only its own slot).
final class PerCore<Value>: @unchecked Sendable {
  private let values: UnsafeMutablePointer<Value>
  /// Two slots holding `initial`.
  init(_ initial: Value) {
    values = .allocate(capacity: 2)
    values.initialize(repeating: initial, count: 2)
  }
  deinit {
    values.deinitialize(count: 2)
    values.deallocate()
  }
  /// The value of core `core`.
  subscript(core: Int) -> Value {
    get { values[core] }
    set { values[core] = newValue }
  }
}
