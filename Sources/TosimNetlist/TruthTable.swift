//===--- TruthTable.swift --------------------------------------------------===//
// A Boolean function of up to six inputs stored as one 64-bit word: bit `c`
// is the function's value when input i carries bit i of `c`.
//===----------------------------------------------------------------------===//

/// A Boolean function of at most six inputs, one bit per input combination.
public struct TruthTable: Hashable, Sendable, CustomStringConvertible {
  /// The most inputs a truth table can have.
  public static let maximumInputCount = 6

  /// The value for each input combination; bits at and above `2^inputCount` are zero.
  public let bits: UInt64
  /// The number of inputs.
  public let inputCount: Int

  /// Creates a truth table, clearing the bits past the last combination.
  public init(bits: UInt64, inputCount: Int) {
    precondition((0...Self.maximumInputCount).contains(inputCount), "truth tables take 0…6 inputs")
    self.inputCount = inputCount
    self.bits = bits & Self.mask(inputCount)
  }

  /// Creates the truth table of `function` by evaluating it on every combination.
  public init(inputCount: Int, _ function: ([Bool]) -> Bool) {
    var bits: UInt64 = 0
    for combination in 0..<(1 << inputCount) {
      let values = (0..<inputCount).map { combination >> $0 & 1 == 1 }
      if function(values) { bits |= 1 << UInt64(combination) }
    }
    self.init(bits: bits, inputCount: inputCount)
  }

  /// The mask of valid combination bits for `inputCount` inputs.
  public static func mask(_ inputCount: Int) -> UInt64 {
    inputCount == 6 ? ~0 : (1 << (UInt64(1) << UInt64(inputCount))) - 1
  }

  /// The function's value for the combination whose bit i is input i.
  @inlinable public func value(at combination: Int) -> Bool {
    bits >> UInt64(combination) & 1 == 1
  }

  /// The function's value for explicit input values (input 0 first).
  public func value(_ inputs: [Bool]) -> Bool {
    var combination = 0
    for (i, v) in inputs.enumerated() where v { combination |= 1 << i }
    return value(at: combination)
  }

  /// The same function with its inputs reordered: input i of the result is
  /// input `permutation[i]` of `self`.
  public func permuted(_ permutation: [Int]) -> TruthTable {
    precondition(permutation.count == inputCount)
    return TruthTable(inputCount: inputCount) { values in
      var original = [Bool](repeating: false, count: inputCount)
      for (i, source) in permutation.enumerated() { original[source] = values[i] }
      return value(original)
    }
  }

  /// Whether the function's value ever depends on input `index`.
  public func dependsOn(_ index: Int) -> Bool {
    for combination in 0..<(1 << inputCount) where combination >> index & 1 == 0 {
      if value(at: combination) != value(at: combination | 1 << index) { return true }
    }
    return false
  }

  /// The table in hexadecimal, most significant combination first.
  public var description: String {
    let digits = max(1, (1 << inputCount) / 4)
    let hex = String(bits, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, digits - hex.count)) + hex
  }
}
