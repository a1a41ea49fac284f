//===--- Fixtures.swift ----------------------------------------------------===//
// Paths of the fixture files the command tests read: the network-counting
// fixtures kept beside the TosimNN tests (Tests/TosimNNTests/Fixtures),
// reached through the package root. Not API.
//===----------------------------------------------------------------------===//
import _TosimTestSupport

/// The shared fixture files.
enum Fixtures {
  /// The path of fixture `name` (relative to Tests/TosimNNTests/Fixtures).
  static func path(_ name: String) -> String { TestSupport.path("Tests/TosimNNTests/Fixtures/" + name) }
}
