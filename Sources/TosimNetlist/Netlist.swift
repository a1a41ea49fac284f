//===--- Netlist.swift -----------------------------------------------------===//
// A netlist of cell instances over nets with named input and output buses.
// Generators build it through `add`; the simulator flattens it; `validate()`
// (Netlist+Validation.swift) checks drivers, loops and widths.
//===----------------------------------------------------------------------===//
import TosimFormats

/// A combinational circuit of library cells.
///
/// Nets 0 and 1 are the constants 0 and 1. Every other net is driven by a
/// primary input or by exactly one instance output.
public struct Netlist: Sendable {
  /// The circuit's name (`int8.add:ripple-carry`).
  public var name: String
  /// The cells the instances refer to.
  public let library: CellLibrary
  /// The number of nets, constants included.
  public private(set) var netCount = 2
  /// Primary input buses in declaration order.
  public private(set) var inputs: [Bus] = []
  /// Primary output buses in declaration order.
  public private(set) var outputs: [Bus] = []
  /// The placed cells in the order they were added.
  public private(set) var instances: [Instance] = []
  /// Names given to nets by readers, for messages.
  public private(set) var netNames: [NetID: String] = [:]

  /// The net that is always 0.
  public static let constant0 = NetID(0)
  /// The net that is always 1.
  public static let constant1 = NetID(1)

  /// Creates an empty netlist over `library`.
  public init(name: String, library: CellLibrary) {
    self.name = name
    self.library = library
  }

  /// Creates a fresh, undriven net.
  public mutating func newNet(name: String? = nil) -> NetID {
    let net = NetID(netCount)
    netCount += 1
    if let name { netNames[net] = name }
    return net
  }

  /// Declares a primary input bus of `width` fresh nets.
  @discardableResult
  public mutating func addInput(_ name: String, width: Int) -> Bus {
    var nets: [NetID] = []
    for bit in 0..<width { nets.append(newNet(name: width == 1 ? name : "\(name)[\(bit)]")) }
    let bus = Bus(name: name, nets: nets)
    inputs.append(bus)
    return bus
  }

  /// Declares a primary output bus carried by existing nets.
  public mutating func addOutput(_ name: String, _ nets: [NetID]) {
    outputs.append(Bus(name: name, nets: nets))
  }

  /// Places `cell` on `inputs` and returns its fresh output nets.
  ///
  /// - Precondition: the cell exists and `inputs` matches its input count
  ///   (generators check their cells with `CellLibrary.require` first).
  @discardableResult
  public mutating func add(_ cell: CellID, _ inputs: [NetID]) -> [NetID] {
    let definition = library[cell]
    precondition(inputs.count == definition.inputs.count, "\(definition.name): port width mismatch")
    var outputs: [NetID] = []
    for _ in 0..<definition.outputCount { outputs.append(newNet()) }
    instances.append(Instance(cell: cell, inputs: inputs, outputs: outputs, name: nil))
    return outputs
  }

  /// Places the cell called `name` on `inputs`; see `add(_:_:)`.
  @discardableResult
  public mutating func add(_ name: String, _ inputs: NetID...) -> [NetID] {
    guard let id = library.id(named: name) else { preconditionFailure("cell \(name) is not in the library") }
    return add(id, inputs)
  }

  /// Places `cell` between existing nets, as file readers do.
  ///
  /// - Throws: `InputError` when the port counts do not match the cell.
  public mutating func connect(_ cell: CellID, inputs: [NetID], outputs: [NetID], name: String?) throws {
    let definition = library[cell]
    guard inputs.count == definition.inputs.count, outputs.count == definition.outputCount else {
      throw InputError(
        "instance \(name ?? "?") of \(definition.name) connects \(inputs.count) input(s) and "
          + "\(outputs.count) output(s); the cell has \(definition.inputs.count) and \(definition.outputCount)")
    }
    instances.append(Instance(cell: cell, inputs: inputs, outputs: outputs, name: name))
  }

  /// A readable name for `net`: its given name, or `n<index>`.
  public func name(of net: NetID) -> String {
    switch net {
    case Self.constant0: return "1'b0"
    case Self.constant1: return "1'b1"
    default: return netNames[net] ?? net.description
    }
  }

  /// The total number of transistors in all instances.
  public var transistorCount: Int {
    instances.reduce(0) { $0 + library[$1.cell].transistorCount }
  }

  /// Instance counts per cell name, sorted by name.
  public var cellCounts: [(name: String, count: Int)] {
    var counts: [String: Int] = [:]
    for instance in instances { counts[library[instance.cell].name, default: 0] += 1 }
    return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }

  /// The primary input bus called `name`.
  public func input(_ name: String) -> Bus? { inputs.first { $0.name == name } }
  /// The primary output bus called `name`.
  public func output(_ name: String) -> Bus? { outputs.first { $0.name == name } }
}
