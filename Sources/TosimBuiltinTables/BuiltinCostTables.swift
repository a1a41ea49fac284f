//===--- BuiltinCostTables.swift -------------------------------------------===//
// The committed cost tables (circuits/tables/*.json) built into the binary:
// the EmbedCostTables plugin generates `documents` from those files at build
// time (docs/network-counter.md, §Cost tables). `tosim count` falls back to
// them through TosimIO.CostTableFiles when no --table and no
// circuits/tables under the working directory is found.
//===----------------------------------------------------------------------===//

/// The cost tables built into the binary, as JSON text.
public enum BuiltinCostTables {
  /// The JSON text of the built-in table named `name` (`fp32`, `int8`, …), if any.
  public static func json(named name: String) -> String? {
    documents.first { $0.name == name }?.json
  }
}
