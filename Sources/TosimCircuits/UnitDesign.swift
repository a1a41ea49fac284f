//===--- UnitDesign.swift --------------------------------------------------===//
// The design vocabulary of integer units: the block families a unit name's
// `:<design>` chooses from (adders, multipliers, dividers, square roots) and
// one typed design value. Text becomes a design here, once, with an
// InputError listing the valid names; every list of names is built from the
// families' `allCases`, so a new design appears everywhere by adding its case.
// CLI: `tosim eval int32.add:kogge-stone`, `tosim derive --adder brent-kung
// --multiplier dadda+sklansky --divider newton-raphson --sqrt digit-recurrence`.
//===----------------------------------------------------------------------===//
import TosimFormats

/// A family of interchangeable integer blocks.
public enum DesignFamily: String, CaseIterable, Sendable {
  /// Carry-propagate adders (`Adders.Design`).
  case adder
  /// Multipliers, `reduction[+adder]` (`Multipliers.Design`).
  case multiplier
  /// Dividers (`Dividers.Design`).
  case divider
  /// Square roots (`SquareRoots.Design`).
  case squareRoot = "sqrt"

  /// The design names, default first.
  public var names: [String] {
    switch self {
    case .adder: return Adders.Design.allCases.map(\.rawValue)
    case .multiplier: return Multipliers.Reduction.allCases.map(\.rawValue)
    case .divider: return Dividers.Design.allCases.map(\.rawValue)
    case .squareRoot: return SquareRoots.Design.allCases.map(\.rawValue)
    }
  }

  /// A note on the names (the multiplier's `+adder` suffix), or empty.
  public var note: String {
    self == .multiplier
      ? "final adder selectable as <design>+<adder>, e.g. dadda+brent-kung; default "
        + "ripple-carry for array, kogge-stone otherwise"
      : ""
  }

  /// The design a unit uses when its name gives none: the first of `names`.
  public var defaultDesign: UnitDesign {
    switch self {
    case .adder: return .adder(Adders.Design.allCases[0])
    case .multiplier: return .multiplier(Multipliers.Design(Multipliers.Reduction.allCases[0]))
    case .divider: return .divider(Dividers.Design.allCases[0])
    case .squareRoot: return .squareRoot(SquareRoots.Design.allCases[0])
    }
  }

  /// The design called `text`; a multiplier without `+adder` gets
  /// `finalAdder`, or its reduction's default when that is nil.
  ///
  /// - Throws: `InputError` naming `text` (as `what`, e.g. "int8.mul
  ///   design") and every valid name.
  public func design(_ text: String, what: String? = nil, finalAdder: Adders.Design? = nil) throws -> UnitDesign {
    let found: UnitDesign?
    switch self {
    case .adder: found = Adders.Design(rawValue: text).map(UnitDesign.adder)
    case .multiplier:
      found = Multipliers.Design(name: text).map { design in
        .multiplier(text.contains("+") ? design : Multipliers.Design(design.reduction, finalAdder: finalAdder))
      }
    case .divider: found = Dividers.Design(rawValue: text).map(UnitDesign.divider)
    case .squareRoot: found = SquareRoots.Design(rawValue: text).map(UnitDesign.squareRoot)
    }
    guard let found else {
      throw InputError("unknown \(what ?? rawValue + " design") '\(text)'; known: " + names.joined(separator: ", ")
        + (note.isEmpty ? "" : " (\(note))"))
    }
    return found
  }
}

/// One integer block design, typed by its family.
public enum UnitDesign: Hashable, Sendable, CustomStringConvertible {
  /// An adder (also inside subtractors and comparators).
  case adder(Adders.Design)
  /// A multiplier: reduction and final adder.
  case multiplier(Multipliers.Design)
  /// A divider.
  case divider(Dividers.Design)
  /// A square root.
  case squareRoot(SquareRoots.Design)

  /// The family the design belongs to.
  public var family: DesignFamily {
    switch self {
    case .adder: return .adder
    case .multiplier: return .multiplier
    case .divider: return .divider
    case .squareRoot: return .squareRoot
    }
  }

  /// The design's name as written in unit names and cost tables (`dadda+brent-kung`).
  public var description: String {
    switch self {
    case .adder(let design): return design.rawValue
    case .multiplier(let design): return design.description
    case .divider(let design): return design.rawValue
    case .squareRoot(let design): return design.rawValue
    }
  }
}
