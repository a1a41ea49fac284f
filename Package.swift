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
    .library(name: "TosimCostModel", targets: ["TosimCostModel"]),
    .library(name: "TosimCost", targets: ["TosimCost"]),
    .library(name: "TosimNN", targets: ["TosimNN"]),
    .library(name: "TosimIO", targets: ["TosimIO"]),
  ],
  targets: [
    // MARK: - Public API

    /// Precisions, seeded random numbers, the shared input-error type.
    .target(name: "TosimFormats"),
    /// Cells, nets, buses and netlists (model only). -> Formats
    .target(name: "TosimNetlist", dependencies: ["TosimFormats"]),
    /// Transistor-level subcircuits and their switch-level analysis. -> Netlist, Formats
    .target(name: "TosimCells", dependencies: ["TosimNetlist", "TosimFormats"]),
    /// Arithmetic generators. -> Netlist, Formats
    .target(name: "TosimCircuits", dependencies: ["TosimNetlist", "TosimFormats"]),
    /// Bit-parallel zero-delay and unit-delay simulation. -> Netlist
    .target(name: "TosimSim", dependencies: ["TosimNetlist"]),
    /// The cost-table model: operations, tables and rows, composite recipes (model only). -> Formats
    .target(name: "TosimCostModel", dependencies: ["TosimFormats"]),
    /// Cost-table derivation: unit measurement and verification. -> CostModel, Circuits, Cells, Sim, Netlist, Formats
    .target(
      name: "TosimCost",
      dependencies: ["TosimFormats", "TosimNetlist", "TosimCells", "TosimCircuits", "TosimSim", "TosimCostModel"]),
    /// Network graphs, layer specs, shape inference, the op counter and TO totals. -> Formats, CostModel
    .target(name: "TosimNN", dependencies: ["TosimFormats", "TosimCostModel"]),
    /// File formats: SPICE, BLIF, Verilog, ONNX, model specs, JSON, cost tables, atomic writes. -> the models above
    .target(name: "TosimIO", dependencies: ["TosimNetlist", "TosimCells", "TosimFormats", "TosimCostModel", "TosimNN"]),
    /// Argument parsing and one file per subcommand. -> everything above
    .target(
      name: "TosimCommands",
      dependencies: [
        "TosimFormats", "TosimNetlist", "TosimCells", "TosimCircuits", "TosimSim", "TosimIO", "TosimCostModel", "TosimCost",
        "TosimNN",
      ]),
    /// The `tosim` executable: main.swift only.
    .executableTarget(name: "tosim", dependencies: ["TosimCommands"]),

    // MARK: - Implementation details

    /// Reference models and helpers shared by the test bundles.
    .target(
      name: "_TosimTestSupport",
      dependencies: ["TosimFormats", "TosimNetlist", "TosimIO", "TosimSim", "TosimCircuits", "TosimCommands"]),

    // MARK: - Unit test bundles

    .testTarget(
      name: "TosimCellsTests", dependencies: ["TosimCells", "TosimFormats", "TosimNetlist", "TosimIO", "_TosimTestSupport"]),
    .testTarget(name: "TosimNetlistTests", dependencies: ["TosimNetlist", "TosimFormats", "_TosimTestSupport"]),
    .testTarget(
      name: "TosimSimTests", dependencies: ["TosimSim", "TosimCircuits", "TosimFormats", "TosimNetlist", "_TosimTestSupport"]),
    .testTarget(
      name: "TosimCircuitsTests",
      dependencies: ["TosimCircuits", "TosimSim", "TosimFormats", "TosimNetlist", "TosimCommands", "_TosimTestSupport"]),
    .testTarget(
      name: "TosimIOTests",
      dependencies: [
        "TosimIO", "TosimCells", "TosimSim", "TosimCircuits", "TosimFormats", "TosimNetlist", "TosimCostModel",
        "_TosimTestSupport",
      ]),
    .testTarget(
      name: "TosimNNTests",
      dependencies: ["TosimNN", "TosimCostModel", "TosimFormats", "TosimIO", "TosimCommands", "_TosimTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "TosimCommandsTests",
      dependencies: ["TosimCommands", "TosimCost", "TosimCells", "TosimIO", "TosimNetlist", "TosimFormats", "_TosimTestSupport"]),
    .testTarget(
      name: "TosimFloatingPointTests",
      dependencies: [
        "TosimFormats", "TosimNetlist", "TosimCircuits", "TosimCostModel", "TosimCost", "TosimIO", "_TosimTestSupport",
      ]),
  ]
)
