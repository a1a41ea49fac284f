//===--- Net.swift ---------------------------------------------------------===//
// Nets and buses. A bus lists its nets least significant bit first: `nets[0]`
// is bit 0 of the value the bus carries, everywhere in tosim.
//===----------------------------------------------------------------------===//

/// A wire of a netlist, identified by its index.
public struct NetID: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The position of the net in its netlist.
  public let index: Int
  /// Wraps a net index.
  public init(_ index: Int) { self.index = index }
  public static func < (a: NetID, b: NetID) -> Bool { a.index < b.index }
  public var description: String { "n\(index)" }
}

/// A named, ordered group of nets, least significant bit first.
public struct Bus: Hashable, Sendable {
  /// The port name (`a`, `b`, `y`, `cout`).
  public let name: String
  /// The nets, bit 0 first.
  public var nets: [NetID]
  /// Creates a bus.
  public init(name: String, nets: [NetID]) {
    self.name = name
    self.nets = nets
  }
  /// The number of bits.
  public var width: Int { nets.count }
  /// Bit `i` of the bus.
  public subscript(i: Int) -> NetID { nets[i] }
}

/// One placed cell: its library cell and the nets on its ports.
public struct Instance: Hashable, Sendable {
  /// The library cell.
  public let cell: CellID
  /// Nets on the input ports, in the cell's input-port order.
  public let inputs: [NetID]
  /// Nets on the output ports, in the cell's output-port order.
  public let outputs: [NetID]
  /// The instance name, when the source gave one.
  public let name: String?
}
