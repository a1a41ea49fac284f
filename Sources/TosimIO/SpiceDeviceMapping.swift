//===--- SpiceDeviceMapping.swift ------------------------------------------===//
// How `tosim export spice` writes the cells' generic `nmos`/`pmos` devices:
// as they are (M cards on generic models), or mapped onto a PDK's devices
// (`--models FILE --nmos NAME --pmos NAME`): M cards when the PDK defines
// `.model NAME`, X cards when it defines `.subckt NAME` (sky130), with sizes
// in the units its `.option scale` sets. Also the drain/source estimate rule.
//===----------------------------------------------------------------------===//
import TosimCells

/// The devices a SPICE export writes for the cells' transistors.
public struct SpiceDeviceMapping: Sendable, Equatable {
  /// How a PDK device is instantiated.
  public enum Instance: String, Sendable, Equatable {
    /// A `.model`: an `M` card.
    case model
    /// A `.subckt` wrapping the model (sky130): an `X` card.
    case subcircuit
  }

  /// One mapped device name and how it is instantiated.
  public struct Device: Sendable, Equatable {
    /// The PDK's device name, as written in the deck.
    public var name: String
    /// M or X card.
    public var instance: Instance
    /// Creates a device.
    public init(name: String, instance: Instance) {
      self.name = name
      self.instance = instance
    }
  }

  /// The device written for the cells' NMOS transistors.
  public var nmos: Device
  /// The device written for the cells' PMOS transistors.
  public var pmos: Device
  /// Metres per size unit of the deck: 1 (sizes written with `u`) unless the
  /// models set `.option scale` (sky130: 1e-6, sizes written as plain microns).
  public var scale: Double?

  /// Creates a mapping.
  public init(nmos: Device, pmos: Device, scale: Double? = nil) {
    self.nmos = nmos
    self.pmos = pmos
    self.scale = scale
  }

  /// The cells' own generic devices, `nmos` and `pmos`, on M cards.
  public static let generic = SpiceDeviceMapping(
    nmos: Device(name: "nmos", instance: .model), pmos: Device(name: "pmos", instance: .model))

  /// Whether this is the generic mapping (the testbench then supplies
  /// level-1 placeholder models).
  public var isGeneric: Bool { self == .generic }

  /// The device written for a transistor of polarity `kind`.
  public func device(for kind: MosfetKind) -> Device { kind == .nmos ? nmos : pmos }

  /// Model names on the cells' cards that the mapping replaces: the generic
  /// names only (a cell that names a PDK device itself is not remapped).
  public static let genericModelNames: [MosfetKind: String] = [.nmos: "NMOS", .pmos: "PMOS"]

  /// The diffusion length used for drain and source areas, as a multiple of
  /// the smallest channel length in the deck: AD = AS = W × 2.5·Lmin,
  /// PD = PS = 2·(W + 2.5·Lmin).
  public static let diffusionLengthFactor = 2.5
}
