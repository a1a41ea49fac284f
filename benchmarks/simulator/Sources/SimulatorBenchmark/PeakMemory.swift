//===--- PeakMemory.swift (SimulatorBenchmark) -----------------------------===//
// The process's peak resident memory, from getrusage.
//===----------------------------------------------------------------------===//
import Foundation

/// Peak memory of this process.
enum PeakMemory {
  /// The largest resident set so far, in bytes (Linux reports kilobytes).
  static func residentBytes() -> Int {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    return Int(usage.ru_maxrss) * 1024
  }
}
