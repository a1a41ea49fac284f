//===--- Multipliers.swift -------------------------------------------------===//
// The multiplier family: designs (a partial-product reduction plus a final
// carry-propagate adder chosen from the adders), the shared partial-product
// generators — an AND array for unsigned operands, Baugh–Wooley for two's
// complement (Baugh & Wooley, IEEE Trans. Computers C-22(12), 1973) — and the
// final adder. Each reduction lives in its own file (ArrayMultiplier.swift,
// WallaceMultiplier.swift, DaddaMultiplier.swift, Radix4BoothMultiplier.swift).
// Design names: `array`, `wallace`, `dadda`, `booth-wallace`, `booth-dadda`,
// optionally `+<adder>` for the final adder (`dadda+brent-kung`).
// CLI: `tosim eval int16.mul:dadda+kogge-stone`, `tosim eval int16.smul:booth-dadda`,
// `tosim explore multipliers --width 32`.
//===----------------------------------------------------------------------===//
import TosimNetlist

/// Multiplier generators: the 2n-bit product of two n-bit operands.
public enum Multipliers {
  /// How the partial products are produced and reduced to two rows.
  /// Cases are in listing order, the default (Dadda) first.
  public enum Reduction: String, CaseIterable, Sendable {
    /// Dadda tree: as few adders as the Dadda height sequence allows.
    case dadda
    /// Wallace tree: every column's bits in threes through full adders.
    case wallace
    /// Carry-save rows added one after another (Braun array).
    case array
    /// Radix-4 (modified) Booth partial products, Dadda tree.
    case boothDadda = "booth-dadda"
    /// Radix-4 (modified) Booth partial products, Wallace tree.
    case boothWallace = "booth-wallace"

    /// Whether the partial products are Booth-recoded.
    public var isBooth: Bool { self == .boothWallace || self == .boothDadda }

    /// The final adder used when the design name gives none: ripple-carry
    /// for the array (its classic form), Kogge–Stone for the trees.
    public var defaultFinalAdder: Adders.Design { self == .array ? .rippleCarry : .koggeStone }
  }

  /// A multiplier design: reduction and final carry-propagate adder.
  public struct Design: Hashable, Sendable, CustomStringConvertible {
    /// The partial-product reduction.
    public var reduction: Reduction
    /// The final carry-propagate adder.
    public var finalAdder: Adders.Design

    /// Creates a design; the final adder defaults to the reduction's default.
    public init(_ reduction: Reduction, finalAdder: Adders.Design? = nil) {
      self.reduction = reduction
      self.finalAdder = finalAdder ?? reduction.defaultFinalAdder
    }

    /// Parses `reduction[+adder]`, e.g. `dadda+brent-kung`; nil when unknown.
    public init?(name: String) {
      let parts = name.split(separator: "+", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
      guard let reduction = Reduction(rawValue: parts[0]) else { return nil }
      if parts.count == 2 {
        guard let adder = Adders.Design(rawValue: parts[1]) else { return nil }
        self.init(reduction, finalAdder: adder)
      } else {
        self.init(reduction)
      }
    }

    /// `reduction` when the final adder is the default, else `reduction+adder`.
    public var description: String {
      finalAdder == reduction.defaultFinalAdder ? reduction.rawValue : "\(reduction.rawValue)+\(finalAdder.rawValue)"
    }
  }

  /// Structure counts of one multiplier, for tests and reports.
  public struct Report: Sendable, Equatable {
    /// Partial-product bits before reduction (constants excluded).
    public var partialProductBitCount = 0
    /// Full adders placed by the reduction (before the final adder).
    public var reductionFullAdderCount = 0
    /// Half adders placed by the reduction.
    public var reductionHalfAdderCount = 0
    /// Reduction stages (tree levels; rows for the array).
    public var reductionStageCount = 0
    /// The width of the final carry-propagate adder.
    public var finalAdderWidth = 0
    /// Carries produced into a column at or above 2n and so discarded (they
    /// are always 0; an FA/HA design with d of them uses n² − 2n − d FA).
    public var discardedCarryCount = 0
  }

  /// The output nets of a multiplier.
  public struct Outputs: Sendable {
    /// The product bits, bit 0 first (2n of them).
    public var product: [NetID]
    /// Structure counts.
    public var report: Report
  }

  /// Bits to be added, grouped by weight: `columns[w]` holds the nets of
  /// weight 2^w. Constant-1 nets stand for constant addends.
  public typealias BitMatrix = [[NetID]]

  /// Inserts a multiplier of the given design.
  ///
  /// - Parameter isSigned: multiply two's complement operands (the product
  ///   is the 2n-bit two's complement product).
  /// - Precondition: `a.count == b.count >= 1`.
  public static func build(
    _ design: Design, into netlist: inout Netlist, a: [NetID], b: [NetID], isSigned: Bool
  ) -> Outputs {
    precondition(a.count == b.count && !a.isEmpty)
    let width = 2 * a.count
    var report = Report()
    var columns: BitMatrix
    switch design.reduction {
    case .array:
      let rows = partialProductRows(into: &netlist, a: a, b: b, isSigned: isSigned)
      report.partialProductBitCount = rows.reduce(0) { $0 + $1.filter { !$0.net.isConstant }.count }
      columns = reduceArray(rows, width: width, into: &netlist, report: &report)
    case .wallace, .dadda:
      let rows = partialProductRows(into: &netlist, a: a, b: b, isSigned: isSigned)
      report.partialProductBitCount = rows.reduce(0) { $0 + $1.filter { !$0.net.isConstant }.count }
      columns = matrix(rows, width: width)
      columns = design.reduction == .dadda
        ? reduceDadda(columns, into: &netlist, report: &report)
        : reduceWallace(columns, into: &netlist, report: &report)
    case .boothWallace, .boothDadda:
      columns = boothPartialProducts(into: &netlist, a: a, b: b, isSigned: isSigned, width: width)
      report.partialProductBitCount = columns.reduce(0) { $0 + $1.filter { !$0.isConstant }.count }
      columns = design.reduction == .boothDadda
        ? reduceDadda(columns, into: &netlist, report: &report)
        : reduceWallace(columns, into: &netlist, report: &report)
    }
    let product = finalAdd(columns, design: design.finalAdder, width: width, into: &netlist, report: &report)
    return Outputs(product: product, report: report)
  }

  // MARK: - Partial products

  /// One partial-product row: bits with their weights.
  public typealias Row = [(column: Int, net: NetID)]

  /// The n rows `a · b_i · 2^i` of AND2 cells (n² of them). With `isSigned`,
  /// Baugh–Wooley: the bits pairing one sign bit with a non-sign bit are
  /// NAND2 instead, and 2^n + 2^(2n−1) is added as constant bits at the top
  /// of the first and last rows.
  public static func partialProductRows(into netlist: inout Netlist, a: [NetID], b: [NetID], isSigned: Bool) -> [Row] {
    let n = a.count
    var rows: [Row] = []
    for i in 0..<n {
      var row: Row = []
      for j in 0..<n {
        let isMixedSign = isSigned && ((i == n - 1) != (j == n - 1))
        row.append((i + j, isMixedSign ? netlist.nand2(a[j], b[i]) : netlist.and2(a[j], b[i])))
      }
      rows.append(row)
    }
    if isSigned && n >= 2 {
      rows[0].append((n, Netlist.constant1))
      rows[n - 1].append((2 * n - 1, Netlist.constant1))
    }
    return rows
  }

  /// The rows as columns of bits, dropping bits of weight ≥ 2^width.
  public static func matrix(_ rows: [Row], width: Int) -> BitMatrix {
    var columns = BitMatrix(repeating: [], count: width)
    for row in rows { for (column, net) in row where column < width && net != Netlist.constant0 { columns[column].append(net) } }
    return columns
  }

  // MARK: - Final adder

  /// Adds the (at most two) bits left in every column with an adder of
  /// `design` spanning the first two-bit column to the last nonempty one;
  /// lower bits pass straight to the product.
  public static func finalAdd(
    _ columns: BitMatrix, design: Adders.Design, width: Int, into netlist: inout Netlist, report: inout Report
  ) -> [NetID] {
    precondition(columns.allSatisfy { $0.count <= 2 }, "final adder takes at most two bits per column")
    var product = columns.map { $0.first ?? Netlist.constant0 }
    guard let low = columns.firstIndex(where: { $0.count == 2 }),
      let high = columns.lastIndex(where: { !$0.isEmpty })
    else { return product }
    let x = (low...high).map { columns[$0].first ?? Netlist.constant0 }
    let y = (low...high).map { columns[$0].count == 2 ? columns[$0][1] : Netlist.constant0 }
    let sum = Adders.build(design, into: &netlist, a: x, b: y, carryIn: Netlist.constant0)
    product.replaceSubrange(low...high, with: sum.sum)
    if high + 1 < width {
      product[high + 1] = sum.carryOut
    } else if !sum.carryOut.isConstant {
      report.discardedCarryCount += 1
    }
    report.finalAdderWidth = high - low + 1
    return product
  }

  /// Counts the FA and HA cells placed since instance `start`.
  static func countAdders(in netlist: Netlist, since start: Int) -> (full: Int, half: Int) {
    var full = 0, half = 0
    for instance in netlist.instances[start...] {
      switch netlist.library[instance.cell].name {
      case "FA": full += 1
      case "HA": half += 1
      default: break
      }
    }
    return (full, half)
  }
}
