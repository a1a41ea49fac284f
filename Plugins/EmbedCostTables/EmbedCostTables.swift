//===--- EmbedCostTables.swift ---------------------------------------------===//
// The SwiftPM build-tool plugin that embeds the committed cost tables
// (circuits/tables/*.json) into the TosimBuiltinTables target: at build time
// it runs TosimEmbedTables, which writes them as Swift string literals into
// the build folder. The tables stay one copy in git; `tosim count` reaches
// them through TosimIO.BuiltinCostTables when no --table or file is given.
//===----------------------------------------------------------------------===//
import Foundation
import PackagePlugin

/// Turns circuits/tables/*.json into one generated Swift source.
@main
struct EmbedCostTables: BuildToolPlugin {
  /// The build command: every table JSON in, `BuiltinCostTables+Data.swift` out.
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let folder = context.package.directoryURL.appendingPathComponent("circuits/tables")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    let inputs = names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltinCostTables+Data.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) cost tables", executable: try context.tool(named: "TosimEmbedTables").url,
        arguments: [output.path] + inputs.map(\.path), inputFiles: inputs, outputFiles: [output]),
    ]
  }
}
