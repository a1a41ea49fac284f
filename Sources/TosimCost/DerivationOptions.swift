//===--- DerivationOptions.swift -------------------------------------------===//
// The knobs of `tosim derive`: the design of every integer block family
// (typed; names are parsed once, by `setDesigns`, with an InputError listing
// the valid ones), vector count, seed, operand distribution and batch size.
// Floating-point tables accept the divider and square-root designs whose
// `floatingPointDesign` exists (TosimCircuits/BlockDesigns+FloatingPoint.swift).
// CLI: `tosim derive --adder A --multiplier M[+A] --divider D --sqrt S
// --vectors N --seed S --operands uniform|normal`.
//===----------------------------------------------------------------------===//
import TosimCircuits
import TosimEvaluation
import TosimFormats

/// Operand vectors from a file for `derive --stimulus FILE`: two data
/// operands `a` and `b` per vector, of the precision's width. A unit takes
/// `a` and `b` on its data inputs in order (square root only `a`); other
/// inputs (a carry-in) are 0.
public struct DerivationStimulus: Sendable {
  /// The file name, as the table's `operands` field records it.
  public var name: String
  /// Two buses (a, b), one limb array per bus, vector after vector.
  public var operands: [[UInt64]]
  /// The number of vectors.
  public var vectorCount: Int { operands.first.map { $0.count / max(1, limbs) } ?? 0 }
  /// Limbs per operand.
  public var limbs: Int
  /// Wraps vectors of `limbs`-limb operands read from `name`.
  public init(name: String, operands: [[UInt64]], limbs: Int) {
    self.name = name
    self.operands = operands
    self.limbs = limbs
  }

  /// The vectors laid out for input buses of `widths`: buses `dataWidth`
  /// wide get a, then b; any other bus is 0.
  public func vectors(widths: [Int], dataWidth: Int) -> [[UInt64]] {
    var next = 0
    return widths.map { width in
      let count = vectorCount * ((width + 63) / 64)
      guard width == dataWidth, next < operands.count else { return [UInt64](repeating: 0, count: count) }
      defer { next += 1 }
      return operands[next]
    }
  }
}

/// The knobs of a derivation.
public struct DerivationOptions: Sendable {
  /// The adder inside every unit (`kogge-stone` by default).
  public var adder: Adders.Design = .koggeStone
  /// The multiplier: Dadda with a Kogge–Stone final adder by default.
  public var multiplier = Multipliers.Design(.dadda, finalAdder: .koggeStone)
  /// The divider: `restoring` by default.
  public var divider: Dividers.Design = .restoring
  /// The square root: `digit-recurrence` by default.
  public var squareRoot: SquareRoots.Design = .digitRecurrence
  /// Vectors per unit (default 65,536).
  public var vectorCount = 65_536
  /// The seed of every operand stream (default 1).
  public var seed: UInt64 = 1
  /// The operand distribution (default uniform).
  public var operands = OperandDistribution.uniform
  /// 64-bit words per node per simulation batch.
  public var wordsPerNode = 16
  /// Operand vectors read from a file instead of the seeded streams: every
  /// unit of the (single) precision sees them; nil uses the streams.
  public var stimulus: DerivationStimulus?
  /// Vectors (the first of each unit's stream) the inertial column averages
  /// (`derive --inertial-vectors N`, default 1024): its event-driven timing
  /// simulation runs one vector at a time.
  public var inertialVectorCount = 1024
  /// Keep every unit's per-transition counts (`derive --per-vector`).
  public var keepsPerVector = false
  /// Vectors per chunk of a unit's bit-parallel simulation and of its
  /// inertial timing: chunks run concurrently, so a long unit spreads over
  /// the cores. Counts do not depend on them.
  public var simulationChunkLength = 8192
  public var timingChunkLength = 128

  /// The default options.
  public init() {}

  /// Sets the designs named by `adder`, `multiplier` (`reduction[+adder]`),
  /// `divider` and `squareRoot`; nil keeps a design. A multiplier name
  /// without `+adder`, or no multiplier name when `adder` is given, makes
  /// the multiplier's final adder the adder.
  ///
  /// - Throws: `InputError` naming the unknown design and the known ones.
  public mutating func setDesigns(
    adder: String? = nil, multiplier: String? = nil, divider: String? = nil, squareRoot: String? = nil
  ) throws {
    if let adder, case .adder(let design) = try DesignFamily.adder.design(adder) { self.adder = design }
    let multiplierName = multiplier ?? (adder == nil ? nil : self.multiplier.reduction.rawValue)
    if let multiplierName,
      case .multiplier(let design) = try DesignFamily.multiplier.design(multiplierName, finalAdder: self.adder)
    {
      self.multiplier = design
    }
    if let divider, case .divider(let design) = try DesignFamily.divider.design(divider) { self.divider = design }
    if let squareRoot, case .squareRoot(let design) = try DesignFamily.squareRoot.design(squareRoot, what: "square-root design") {
      self.squareRoot = design
    }
  }

  /// The design of `family` these options give.
  public func design(of family: DesignFamily) -> UnitDesign {
    switch family {
    case .adder: return .adder(adder)
    case .multiplier: return .multiplier(multiplier)
    case .divider: return .divider(divider)
    case .squareRoot: return .squareRoot(squareRoot)
    }
  }

  /// The designs of floating-point units; nil when floating-point units do
  /// not offer the divider or the square root.
  public var floatingPointDesigns: FloatingPointDesigns? {
    guard let divider = divider.floatingPointDesign, let squareRoot = squareRoot.floatingPointDesign else { return nil }
    return FloatingPointDesigns(adder: adder, multiplier: multiplier, divider: divider, squareRoot: squareRoot)
  }
}
