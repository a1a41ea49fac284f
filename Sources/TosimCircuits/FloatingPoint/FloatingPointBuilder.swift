//===--- FloatingPointBuilder.swift ----------------------------------------===//
// The netlist builder the floating-point generators work through: a netlist
// under construction, whose gates, multiplexers, AND/OR/XOR trees and
// full/half adders are the constant-folding helpers of Gates.swift shared
// with every integer generator, plus the designs that choose the integer
// blocks inside each unit, constant buses and zero/sign extension.
// Not reachable from the CLI by itself; every `tosim eval fp32.*` unit uses it.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// The integer architectures used inside floating-point units.
public struct FloatingPointDesigns: Hashable, Sendable {
  /// The adder of every significand and exponent addition and comparison.
  public var adder: Adders.Design
  /// The significand multiplier (reduction and final adder).
  public var multiplier: Multipliers.Design
  /// The significand divider.
  public var divider: FloatingPointDividerDesign
  /// The significand square root.
  public var squareRoot: FloatingPointSquareRootDesign

  /// Creates a design choice; by default Kogge–Stone adders and a Dadda
  /// multiplier with a Kogge–Stone final adder.
  public init(
    adder: Adders.Design = .koggeStone,
    multiplier: Multipliers.Design = Multipliers.Design(.dadda, finalAdder: .koggeStone),
    divider: FloatingPointDividerDesign = .restoring,
    squareRoot: FloatingPointSquareRootDesign = .digitRecurrence
  ) {
    self.adder = adder
    self.multiplier = multiplier
    self.divider = divider
    self.squareRoot = squareRoot
  }
}

/// A netlist under construction plus the designs that fill it.
struct FloatingPointBuilder {
  /// The netlist being built.
  var netlist: Netlist
  /// The integer architectures to place.
  let designs: FloatingPointDesigns

  static let zero = Netlist.constant0
  static let one = Netlist.constant1

  // MARK: - Buses

  /// Every bit of `bus` ANDed with `enable` (the shared AND2 folding).
  mutating func gate(_ bus: [NetID], _ enable: NetID) -> [NetID] { bus.map { netlist.and2($0, enable) } }

  /// The constant bus of `value`, `width` bits, bit 0 first (two's complement).
  static func constant(_ value: Int, width: Int) -> [NetID] {
    (0..<width).map { (value >> min($0, 62)) & 1 == 1 ? one : zero }
  }

  /// `bus` zero-extended (or truncated) to `width` bits.
  static func zeroExtend(_ bus: [NetID], to width: Int) -> [NetID] {
    Array((bus + [NetID](repeating: zero, count: max(0, width - bus.count))).prefix(width))
  }

  /// `bus` sign-extended (or truncated) to `width` bits.
  static func signExtend(_ bus: [NetID], to width: Int) -> [NetID] {
    Array((bus + [NetID](repeating: bus[bus.count - 1], count: max(0, width - bus.count))).prefix(width))
  }
}
