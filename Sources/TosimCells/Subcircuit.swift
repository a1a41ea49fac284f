//===--- Subcircuit.swift --------------------------------------------------===//
// The transistor-level description of one cell, as read from a SPICE
// `.SUBCKT`: its ports with directions and its MOSFETs. Names are upper case
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

  /// Creates a transistor.
  public init(name: String, drain: String, gate: String, source: String, kind: MosfetKind, line: Int? = nil) {
    self.name = name
    self.drain = drain
    self.gate = gate
    self.source = source
    self.kind = kind
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
  /// The file the subcircuit came from, for messages.
  public let file: String?
  /// The line of its `.SUBCKT` card.
  public let line: Int?

  /// Creates a subcircuit.
  public init(
    name: String, ports: [String], declaredDirections: [String: PortDirection] = [:],
    transistors: [Mosfet], file: String? = nil, line: Int? = nil
  ) {
    self.name = name
    self.ports = ports
    self.declaredDirections = declaredDirections
    self.transistors = transistors
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
