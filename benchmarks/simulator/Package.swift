// swift-tools-version:6.0
//===--- benchmarks/simulator/Package.swift --------------------------------===//
// Simulator throughput benchmark, kept out of the main package so that
// `swift test` never runs it. Run with ./run.sh.
//===----------------------------------------------------------------------===//
import PackageDescription

let package = Package(
  name: "simulator-benchmark",
  dependencies: [.package(name: "tosim", path: "../..")],
  targets: [
    .executableTarget(
      name: "SimulatorBenchmark",
      dependencies: [
        .product(name: "TosimFormats", package: "tosim"),
        .product(name: "TosimNetlist", package: "tosim"),
        .product(name: "TosimCircuits", package: "tosim"),
        .product(name: "TosimSim", package: "tosim"),
        .product(name: "TosimIO", package: "tosim"),
      ],
      swiftSettings: [.unsafeFlags(["-Ounchecked"])])
  ]
)
