//===--- UnitCatalog.swift -------------------------------------------------===//
// Builds the netlist of a named unit. Every unit has primary inputs `a`, `b`
// (and `cin` for adders) and outputs `y` (and `cout`), so units can be
// evaluated (`tosim eval`) and exported (`tosim export verilog`) uniformly.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNetlist

/// The units tosim can build, by name.
public enum UnitCatalog {
  /// The widest integer unit.
  public static let maximumIntegerWidth = 128

  /// The operations each integer unit offers, with their designs (default first).
  public static var integerOperations: [(operation: String, designs: [String])] {
    [("add", Adders.Design.allCases.map(\.rawValue))]
  }

  /// Builds the unit called `name` from `library`.
  ///
  /// - Throws: `InputError` for an unknown format, operation or design, a
  ///   width outside 1…128, or a library lacking a needed cell.
  public static func build(_ name: UnitName, library: CellLibrary) throws -> Netlist {
    guard let width = name.integerWidth else {
      throw InputError("unknown precision '\(name.format)' in unit \(name); integer units are int1…int\(maximumIntegerWidth)")
    }
    guard (1...maximumIntegerWidth).contains(width) else {
      throw InputError("width \(width) of unit \(name) is outside 1…\(maximumIntegerWidth)")
    }
    var netlist = Netlist(name: name.description, library: library)
    switch name.operation {
    case "add":
      let designName = name.design ?? Adders.Design.allCases[0].rawValue
      guard let design = Adders.Design(rawValue: designName) else {
        throw InputError("unknown adder design '\(designName)'; known: " + Adders.Design.allCases.map(\.rawValue).joined(separator: ", "))
      }
      try library.require(design.requiredCells, for: name.description)
      let a = netlist.addInput("a", width: width)
      let b = netlist.addInput("b", width: width)
      let cin = netlist.addInput("cin", width: 1)
      let out = Adders.build(design, into: &netlist, a: a.nets, b: b.nets, carryIn: cin[0])
      netlist.addOutput("y", out.sum)
      netlist.addOutput("cout", [out.carryOut])
    default:
      throw InputError("unknown operation '\(name.operation)' in unit \(name); known: "
        + integerOperations.map(\.operation).joined(separator: ", "))
    }
    return netlist
  }
}
