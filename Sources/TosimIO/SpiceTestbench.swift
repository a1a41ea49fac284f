//===--- SpiceTestbench.swift ----------------------------------------------===//
// What an ngspice testbench of a unit holds (`tosim export spice
// --testbench`): the operand vectors and the outputs expected for each, the
// clock period and edges, supply, output load, the models to include, and
// tosim's own counts on the same vectors as `*.TOSIM key=value` comments.
// SpiceTestbenchWriter turns it into a deck.
//===----------------------------------------------------------------------===//

/// The stimulus, timing and checks of a SPICE testbench.
public struct SpiceTestbench: Sendable {
  /// The models the deck includes: `.include "path"`, or `.lib "path" section`.
  public struct Models: Sendable, Equatable {
    /// The model file's path as written in the deck.
    public var path: String
    /// The `.lib` section (corner), or nil for `.include`.
    public var section: String?
    /// Creates a model reference.
    public init(path: String, section: String? = nil) {
      self.path = path
      self.section = section
    }
  }

  /// Operand values per input bus, one per vector (bit i drives node i of the bus).
  public var vectors: [[UInt64]]
  /// Expected values per output bus, one per vector.
  public var expected: [[UInt64]]
  /// The clock period in seconds: vector k is applied at k·period.
  public var period: Double
  /// Input rise and fall time in seconds.
  public var edge: Double
  /// Supply voltage in volts.
  public var supply: Double
  /// Capacitance on every output bit, in farads.
  public var outputLoad: Double
  /// The models to include; nil writes level-1 placeholder models for the
  /// generic `nmos`/`pmos`.
  public var models: Models?
  /// A file for ngspice to write the output and supply waveforms to (`wrdata`), or nil.
  public var waveforms: String?
  /// `*.TOSIM` header entries (name, value), e.g. tosim's TO columns on these vectors.
  public var annotations: [(String, String)]

  /// Creates a testbench.
  public init(
    vectors: [[UInt64]], expected: [[UInt64]], period: Double, edge: Double = 50e-12, supply: Double = 1.8,
    outputLoad: Double = 5e-15, models: Models? = nil, waveforms: String? = nil, annotations: [(String, String)] = []
  ) {
    self.vectors = vectors
    self.expected = expected
    self.period = period
    self.edge = edge
    self.supply = supply
    self.outputLoad = outputLoad
    self.models = models
    self.waveforms = waveforms
    self.annotations = annotations
  }

  /// The number of vectors.
  public var vectorCount: Int { vectors.first?.count ?? 0 }

  /// The largest deck tosim writes: transistors × vectors (simulation work)
  /// and sampled output bits.
  public static let maximumTransistorVectors = 20_000_000
  /// The most output samples (`.meas` cards) in one deck.
  public static let maximumSamples = 200_000
}
