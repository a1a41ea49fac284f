//===--- SpiceNamer.swift --------------------------------------------------===//
// Distinct SPICE node and subcircuit names for the SPICE writer
// (`tosim export spice`): characters other than letters, digits and `_`
// become `_`, names are compared case-insensitively (SPICE folds case), and
// a taken name gets the first free suffix `_1`, `_2`, … Bus bit i of port
// `a` is `a_i`, as in the Verilog export's port names.
//===----------------------------------------------------------------------===//

/// Hands out distinct SPICE names within one scope.
public struct SpiceNamer: Sendable {
  /// Upper-case names already used.
  private var taken: Set<String>

  /// Creates a scope in which `reserved` (e.g. `VDD`, `VSS`, `0`) are taken.
  public init(reserved: [String] = []) {
    taken = Set(reserved.map { $0.uppercased() })
  }

  /// A fresh name for `name`.
  public mutating func claim(_ name: String) -> String {
    var base = String(name.unicodeScalars.map { scalar -> Character in
      let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
      return ok ? Character(scalar) : "_"
    })
    if base.isEmpty { base = "_" }
    var candidate = base
    var suffix = 0
    while taken.contains(candidate.uppercased()) {
      suffix += 1
      candidate = base + "_\(suffix)"
    }
    taken.insert(candidate.uppercased())
    return candidate
  }
}
