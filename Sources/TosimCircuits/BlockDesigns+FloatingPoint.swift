//===--- BlockDesigns+FloatingPoint.swift ----------------------------------===//
// Which divider and square-root designs the floating-point units offer:
// integer tables accept every `Dividers.Design` and `SquareRoots.Design`,
// floating-point tables those that map onto a significand design here
// (FloatingPoint/FloatingPointDivider.swift, FloatingPointSquareRoot.swift).
// CLI: `tosim derive --fp32 --divider newton-raphson`; `--divider
// non-restoring` is refused for floating-point tables.
//===----------------------------------------------------------------------===//

extension Dividers.Design {
  /// The floating-point significand divider of this design; nil when
  /// floating-point units do not offer it (only integer tables accept it).
  public var floatingPointDesign: FloatingPointDividerDesign? {
    switch self {
    case .restoring: return .restoring
    case .nonRestoring: return nil
    case .newtonRaphson: return .newtonRaphson
    }
  }
}

extension SquareRoots.Design {
  /// The floating-point significand square root of this design; nil when
  /// floating-point units do not offer it (only integer tables accept it).
  public var floatingPointDesign: FloatingPointSquareRootDesign? {
    switch self {
    case .digitRecurrence: return .digitRecurrence
    case .newtonRaphson: return .newtonRaphson
    }
  }
}
