//===--- Subcircuit.swift --------------------------------------------------===//
// The transistor-level description of one cell, as read from a SPICE
// `.SUBCKT`: its ports with directions and its MOSFETs (with bulk, model and
// W/L, which `tosim export spice` writes back). Names are upper case
// (SPICE is case-insensitive). Text parsing lives in TosimIO/SpiceReader.
//===----------------------------------------------------------------------===//

/// The polarity of a MOSFET.
public enum MosfetKind: String, Sendable, Hashable {
  /// Conducts when its gate is 1; passes 0 strongly and 1 weakly.
  case nmos
  /// Conducts when its gate is 0; passes 1 strongly and 0 weakly.
  case pmos
}

/// One transistor: a switch between drain and source controlled by its gate.
public struct Mosfet: Sendable, Hashable {
  /// The device name (`M1`).
  public let name: String
  /// The drain node.
  public let drain: String
  /// The gate node.
  public let gate: String
  /// The source node.
  public let source: String
  /// The polarity.
  public let kind: MosfetKind
  /// The 1-based line of the device in its file, for messages.
  public let line: Int?
  /// The bulk (body) node, when the card gave one.
  public let bulk: String?
  /// The model name as written on the card (`NMOS`, `SKY130_FD_PR__NFET_01V8`), upper case.
  public let model: String?
  /// The channel width in metres (`W=`), when the card gave a number.
  public let width: Double?
  /// The channel length in metres (`L=`), when the card gave a number.
  public let length: Double?

  /// Creates a transistor; the SPICE writer needs `bulk`, `model`, `width`
  /// and `length`, switch-level analysis does not.
  public init(
    name: String, drain: String, gate: String, source: String, kind: MosfetKind, line: Int? = nil,
    bulk: String? = nil, model: String? = nil, width: Double? = nil, length: Double? = nil
  ) {
    self.name = name
    self.drain = drain
    self.gate = gate
    self.source = source
    self.kind = kind
    self.line = line
    self.bulk = bulk
    self.model = model
    self.width = width
    self.length = length
  }
}

/// An `X` card that instantiates another subcircuit (a hierarchical
/// netlist such as `tosim export spice` writes); cells themselves are flat.
public struct SubcircuitCall: Sendable, Hashable {
  /// The instance name (`X3`).
  public let name: String
  /// The nodes connected to the called subcircuit's ports, in its port order.
  public let nodes: [String]
  /// The called subcircuit's name, upper case.
  public let subcircuit: String
  /// The 1-based line of the card, for messages.
  public let line: Int?

  /// Creates a call.
  public init(name: String, nodes: [String], subcircuit: String, line: Int? = nil) {
    self.name = name
    self.nodes = nodes
    self.subcircuit = subcircuit
    self.line = line
  }
}

/// What a subcircuit port is.
public enum PortDirection: String, Sendable, Hashable {
  case input, output, power, ground
}

/// A cell's transistor netlist.
public struct Subcircuit: Sendable, Hashable {
  /// The cell name, upper case.
  public let name: String
  /// Port names in declaration order.
  public let ports: [String]
  /// Declared port directions (`*.PININFO`); ports not listed are inferred.
  public let declaredDirections: [String: PortDirection]
  /// The transistors.
  public let transistors: [Mosfet]
  /// Instances of other subcircuits (empty for a cell).
  public let calls: [SubcircuitCall]
  /// The file the subcircuit came from, for messages.
  public let file: String?
  /// The line of its `.SUBCKT` card.
  public let line: Int?

  /// Creates a subcircuit.
  public init(
    name: String, ports: [String], declaredDirections: [String: PortDirection] = [:],
    transistors: [Mosfet], calls: [SubcircuitCall] = [], file: String? = nil, line: Int? = nil
  ) {
    self.name = name
    self.ports = ports
    self.declaredDirections = declaredDirections
    self.transistors = transistors
    self.calls = calls
    self.file = file
    self.line = line
  }

  /// Node names that mean the positive supply.
  public static let powerNames: Set<String> = ["VDD", "VCC", "VPWR", "VDDA"]
  /// Node names that mean ground.
  public static let groundNames: Set<String> = ["VSS", "GND", "VGND", "0", "VSSA"]

  /// The direction of every port: declared, else a supply by name, else an
  /// input when it reaches a transistor gate, else an output.
  public var portDirections: [PortDirection] {
    ports.map { port in
      if let declared = declaredDirections[port] { return declared }
      if Self.powerNames.contains(port) { return .power }
      if Self.groundNames.contains(port) { return .ground }
      return transistors.contains { $0.gate == port } ? .input : .output
    }
  }
}
