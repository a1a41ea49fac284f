// swift-tools-version:6.0
//===--- Package.swift -----------------------------------------------------===//
// tosim: transistor-operation energy modelling for deep learning.
// Targets are layered; an arrow in the comments means "imports". Lower layers
// never import higher ones, and library targets do no file I/O except TosimIO.
//===----------------------------------------------------------------------===//
import PackageDescription

let package = Package(
  name: "tosim",
  products: [
    .executable(name: "tosim", targets: ["tosim"]),
    .library(name: "TosimFormats", targets: ["TosimFormats"]),
    .library(name: "TosimNetlist", targets: ["TosimNetlist"]),
    .library(name: "TosimCells", targets: ["TosimCells"]),
    .library(name: "TosimCircuits", targets: ["TosimCircuits"]),
    .library(name: "TosimSim", targets: ["TosimSim"]),
    .library(name: "TosimCost", targets: ["TosimCost"]),
    .library(name: "TosimNN", targets: ["TosimNN"]),
    .library(name: "TosimIO", targets: ["TosimIO"]),
    .library(name: "TosimEnergy", targets: ["TosimEnergy"]),
  ],
  targets: [
    // MARK: - Public API

    /// Precisions, seeded random numbers, the shared input-error type.
    .target(name: "TosimFormats"),
    /// Cells, nets, buses and netlists (model only). -> Formats
    .target(name: "TosimNetlist", dependencies: ["TosimFormats"]),
    /// Transistor-level subcircuits and their switch-level analysis. -> Netlist
    .target(name: "TosimCells", dependencies: ["TosimNetlist"]),
    /// Arithmetic generators. -> Netlist, Formats
    .target(name: "TosimCircuits", dependencies: ["TosimNetlist", "TosimFormats"]),
    /// Bit-parallel zero-delay and unit-delay simulation. -> Netlist
    .target(name: "TosimSim", dependencies: ["TosimNetlist"]),
    /// Cost tables: the table model, unit measurement, derivation, composite recipes. -> Circuits, Sim, Formats
    .target(name: "TosimCost", dependencies: ["TosimFormats", "TosimNetlist", "TosimCircuits", "TosimSim"]),
    /// Network graphs, layer specs, shape inference and the op counter. -> Formats, Cost (table model only)
    .target(name: "TosimNN", dependencies: ["TosimFormats", "TosimCost"]),
    /// Energy model: features of a counted network, roofline time, NNLS fits, cross-validation, profiles. -> Formats, Cost, NN
    .target(name: "TosimEnergy", dependencies: ["TosimFormats", "TosimCost", "TosimNN"]),
    /// File formats: SPICE, BLIF, Verilog, ONNX, model specs, cost tables, atomic writes. -> the models above
    .target(name: "TosimIO", dependencies: ["TosimNetlist", "TosimCells", "TosimFormats", "TosimCost", "TosimNN", "TosimEnergy"]),
    /// Argument parsing and one file per subcommand. -> everything above
    .target(
      name: "TosimCommands",
      dependencies: [
        "TosimFormats", "TosimNetlist", "TosimCells", "TosimCircuits", "TosimSim", "TosimIO", "TosimCost", "TosimNN",
        "TosimEnergy",
      ]),
    /// The `tosim` executable: main.swift only.
    .executableTarget(name: "tosim", dependencies: ["TosimCommands"]),

    // MARK: - Implementation details

    /// Reference models and helpers shared by the test bundles.
    .target(
      name: "_TosimTestSupport",
      dependencies: ["TosimFormats", "TosimNetlist", "TosimCells", "TosimIO", "TosimSim", "TosimCircuits", "TosimCommands"]),

    // MARK: - Unit test bundles

    .testTarget(name: "TosimCellsTests", dependencies: ["TosimCells", "TosimIO", "_TosimTestSupport"]),
    .testTarget(name: "TosimNetlistTests", dependencies: ["TosimNetlist", "_TosimTestSupport"]),
    .testTarget(name: "TosimSimTests", dependencies: ["TosimSim", "TosimCircuits", "TosimCells", "_TosimTestSupport"]),
    .testTarget(name: "TosimCircuitsTests", dependencies: ["TosimCircuits", "TosimSim", "TosimCommands", "_TosimTestSupport"]),
    .testTarget(name: "TosimIOTests", dependencies: ["TosimIO", "TosimSim", "TosimCircuits", "_TosimTestSupport"]),
    .testTarget(
      name: "TosimNNTests", dependencies: ["TosimNN", "TosimCost", "TosimIO", "TosimCommands", "_TosimTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "TosimCommandsTests", dependencies: ["TosimCommands", "_TosimTestSupport"]),
    .testTarget(name: "TosimEnergyTests", dependencies: ["TosimEnergy", "TosimNN", "TosimCost", "TosimIO", "_TosimTestSupport"]),
    .testTarget(
      name: "TosimFloatingPointTests",
      dependencies: ["TosimFormats", "TosimCircuits", "TosimCost", "TosimSim", "TosimCommands", "_TosimTestSupport"]),
  ]
)
