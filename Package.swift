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
    .library(name: "TosimEvaluation", targets: ["TosimEvaluation"]),
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
    /// Transistor-level subcircuits and their switch-level analysis. -> Netlist, Formats
    .target(name: "TosimCells", dependencies: ["TosimNetlist", "TosimFormats"]),
    /// Arithmetic generators. -> Netlist, Formats
    .target(name: "TosimCircuits", dependencies: ["TosimNetlist", "TosimFormats"]),
    /// Bit-parallel zero-delay and unit-delay simulation. -> Netlist
    .target(name: "TosimSim", dependencies: ["TosimNetlist"]),
    /// The cost-table model: operations, tables and rows, composite recipes (model only). -> Formats
    .target(name: "TosimCostModel", dependencies: ["TosimFormats"]),
    /// The simulate-and-check engine: unit references, the seeded operand stream, the batch driver
    /// (chunked parallel measurement, verification), design exploration. -> Circuits, Sim, Netlist, Formats
    .target(name: "TosimEvaluation", dependencies: ["TosimFormats", "TosimNetlist", "TosimCircuits", "TosimSim"]),
    /// Cost-table derivation: units measured through the engine, recipe rows. -> Evaluation, CostModel, Circuits
    .target(
      name: "TosimCost", dependencies: ["TosimFormats", "TosimNetlist", "TosimCircuits", "TosimEvaluation", "TosimCostModel"]),
    /// Network graphs, layer specs, shape inference, the op counter and TO totals. -> Formats, CostModel
    .target(name: "TosimNN", dependencies: ["TosimFormats", "TosimCostModel"]),
    /// Energy model: features of a counted network, roofline time, NNLS fits, cross-validation, profiles. -> NN, CostModel
    .target(name: "TosimEnergy", dependencies: ["TosimFormats", "TosimCostModel", "TosimNN"]),
    /// The committed cost tables (circuits/tables/*.json) as text, embedded at build time by EmbedCostTables.
    .target(name: "TosimBuiltinTables", plugins: ["EmbedCostTables"]),
    /// File formats: SPICE, BLIF, Verilog, ONNX, model specs, JSON, cost tables, SVG plots, atomic writes. -> the models above
    .target(
      name: "TosimIO",
      dependencies: [
        "TosimNetlist", "TosimCells", "TosimFormats", "TosimEvaluation", "TosimCostModel", "TosimNN", "TosimEnergy",
        "TosimBuiltinTables",
      ]),
    /// Argument parsing and one file per subcommand. -> everything above
    .target(
      name: "TosimCommands",
      dependencies: [
        "TosimFormats", "TosimNetlist", "TosimCells", "TosimCircuits", "TosimSim", "TosimEvaluation", "TosimIO",
        "TosimCostModel", "TosimCost", "TosimNN", "TosimEnergy",
      ]),
    /// The `tosim` executable: main.swift only.
    .executableTarget(name: "tosim", dependencies: ["TosimCommands"]),

    // MARK: - Implementation details

    /// Build-time tool of EmbedCostTables: writes the table JSON files as a Swift source.
    .executableTarget(name: "TosimEmbedTables"),
    /// Build-tool plugin: embeds circuits/tables/*.json into TosimBuiltinTables (one copy in git).
    .plugin(name: "EmbedCostTables", capability: .buildTool(), dependencies: ["TosimEmbedTables"]),

    /// Reference models and helpers shared by the test bundles.
    .target(
      name: "_TosimTestSupport",
      dependencies: ["TosimFormats", "TosimNetlist", "TosimCells", "TosimIO", "TosimSim", "TosimCircuits", "TosimEvaluation"]),

    // MARK: - Unit test bundles

    .testTarget(
      name: "TosimCellsTests", dependencies: ["TosimCells", "TosimFormats", "TosimNetlist", "TosimIO", "_TosimTestSupport"]),
    .testTarget(name: "TosimNetlistTests", dependencies: ["TosimNetlist", "TosimFormats", "_TosimTestSupport"]),
    .testTarget(
      name: "TosimSimTests", dependencies: ["TosimSim", "TosimCircuits", "TosimFormats", "TosimNetlist", "_TosimTestSupport"]),
    .testTarget(
      name: "TosimCircuitsTests",
      dependencies: ["TosimCircuits", "TosimSim", "TosimFormats", "TosimNetlist", "TosimEvaluation", "_TosimTestSupport"]),
    .testTarget(
      name: "TosimIOTests",
      dependencies: ["TosimIO", "TosimSim", "TosimCircuits", "TosimFormats", "TosimNetlist", "TosimCostModel", "_TosimTestSupport"]),
    .testTarget(
      name: "TosimNNTests",
      dependencies: ["TosimNN", "TosimCostModel", "TosimFormats", "TosimIO", "_TosimTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "TosimCommandsTests",
      dependencies: [
        "TosimCommands", "TosimFormats", "TosimNetlist", "TosimCircuits", "TosimEvaluation", "TosimCost", "_TosimTestSupport",
      ]),
    .testTarget(
      name: "TosimEvaluationTests",
      dependencies: ["TosimEvaluation", "TosimFormats", "TosimNetlist", "TosimCircuits", "TosimSim", "_TosimTestSupport"]),
    .testTarget(
      name: "TosimCostTests",
      dependencies: ["TosimCost", "TosimCostModel", "TosimEvaluation", "TosimFormats", "TosimCircuits", "_TosimTestSupport"]),
    .testTarget(
      name: "TosimEnergyTests", dependencies: ["TosimEnergy", "TosimNN", "TosimCostModel", "TosimFormats", "TosimIO", "_TosimTestSupport"]),
    .testTarget(
      name: "TosimFloatingPointTests",
      dependencies: [
        "TosimFormats", "TosimNetlist", "TosimCircuits", "TosimEvaluation", "TosimCostModel", "TosimCost", "TosimIO",
        "_TosimTestSupport",
      ]),
  ]
)
