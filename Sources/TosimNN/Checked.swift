//===--- Checked.swift -----------------------------------------------------===//
// Overflow-checked integer arithmetic for counts and tensor sizes. Models can
// declare absurd dimensions; every product and sum of data-derived numbers goes
// through these helpers, which report an InputError instead of trapping.
//===----------------------------------------------------------------------===//
import TosimFormats

/// Overflow-checked arithmetic on counts that come from user data.
public enum Checked {
  /// `a × b`, or an InputError naming `what` when it does not fit in 64 bits.
  public static func multiply(_ a: Int, _ b: Int, _ what: @autoclosure () -> String = "count") throws -> Int {
    let (result, overflow) = a.multipliedReportingOverflow(by: b)
    if overflow { throw InputError("\(what()) overflows a 64-bit integer (\(a) × \(b))") }
    return result
  }

  /// `a + b`, or an InputError naming `what` when it does not fit in 64 bits.
  public static func add(_ a: Int, _ b: Int, _ what: @autoclosure () -> String = "count") throws -> Int {
    let (result, overflow) = a.addingReportingOverflow(b)
    if overflow { throw InputError("\(what()) overflows a 64-bit integer (\(a) + \(b))") }
    return result
  }

  /// The product of `values` (1 for none), checked.
  public static func product(_ values: [Int], _ what: @autoclosure () -> String = "tensor size") throws -> Int {
    var result = 1
    for value in values { result = try multiply(result, value, what()) }
    return result
  }

  /// The product of several factors, checked.
  public static func product(_ values: Int..., what: String = "count") throws -> Int {
    try product(values, what)
  }
}
