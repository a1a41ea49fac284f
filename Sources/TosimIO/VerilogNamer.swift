//===--- VerilogNamer.swift ------------------------------------------------===//
// Turns arbitrary names (BLIF ports such as `a-b`, `9lives`, `module`; SPICE
// pins; cell names) into distinct Verilog identifiers for the Verilog writer
// (`tosim export verilog`). A name that is a plain Verilog identifier and no
// keyword is kept; any other name becomes an escaped identifier (`\a-b `).
// Characters outside printable ASCII become `_`, and a name whose identifier
// is already taken in its scope gets the first free suffix `_1`, `_2`, …, so
// the names of one module always stay distinct.
//===----------------------------------------------------------------------===//

/// Hands out distinct Verilog identifiers within one scope (a module's
/// ports, wires and instances, or the file's module names).
public struct VerilogNamer: Sendable {
  /// Identifier texts already used, without escaping (`\a ` is `a`).
  private var taken: Set<String> = []

  /// Creates an empty scope.
  public init() {}

  /// A fresh identifier for `name`, as Verilog source text (escaped
  /// identifiers end with the space that terminates them).
  public mutating func claim(_ name: String) -> String {
    let base = String(name.unicodeScalars.map { (33...126).contains($0.value) ? Character($0) : "_" })
    var candidate = base.isEmpty ? "_" : base
    var suffix = 0
    while taken.contains(candidate) {
      suffix += 1
      candidate = (base.isEmpty ? "_" : base) + "_\(suffix)"
    }
    taken.insert(candidate)
    return Self.source(candidate)
  }

  /// `identifier` as source text: unchanged when it is a simple identifier
  /// that is not a keyword, else escaped.
  static func source(_ identifier: String) -> String {
    isSimple(identifier) ? identifier : "\\" + identifier + " "
  }

  /// Whether `text` is a simple Verilog identifier (`[A-Za-z_][A-Za-z0-9_$]*`)
  /// and not a reserved word.
  static func isSimple(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first == "_" || isLetter(first) else { return false }
    guard text.unicodeScalars.allSatisfy({ $0 == "_" || $0 == "$" || isLetter($0) || ("0"..."9").contains($0) }) else {
      return false
    }
    return !keywords.contains(text)
  }

  private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
  }

  /// Verilog-2005 reserved words and the SystemVerilog ones tools that read
  /// `.v` files as SystemVerilog also reserve.
  static let keywords: Set<String> = [
    // IEEE 1364-2005
    "always", "and", "assign", "automatic", "begin", "buf", "bufif0", "bufif1", "case", "casex", "casez", "cell",
    "cmos", "config", "deassign", "default", "defparam", "design", "disable", "edge", "else", "end", "endcase",
    "endconfig", "endfunction", "endgenerate", "endmodule", "endprimitive", "endspecify", "endtable", "endtask",
    "event", "for", "force", "forever", "fork", "function", "generate", "genvar", "highz0", "highz1", "if",
    "ifnone", "incdir", "include", "initial", "inout", "input", "instance", "integer", "join", "large",
    "liblist", "library", "localparam", "macromodule", "medium", "module", "nand", "negedge", "nmos", "nor",
    "noshowcancelled", "not", "notif0", "notif1", "or", "output", "parameter", "pmos", "posedge", "primitive",
    "pull0", "pull1", "pulldown", "pullup", "pulsestyle_onevent", "pulsestyle_ondetect", "rcmos", "real",
    "realtime", "reg", "release", "repeat", "rnmos", "rpmos", "rtran", "rtranif0", "rtranif1", "scalared",
    "showcancelled", "signed", "small", "specify", "specparam", "strong0", "strong1", "supply0", "supply1",
    "table", "task", "time", "tran", "tranif0", "tranif1", "tri", "tri0", "tri1", "triand", "trior", "trireg",
    "unsigned", "use", "uwire", "vectored", "wait", "wand", "weak0", "weak1", "while", "wire", "wor", "xnor",
    "xor",
    // IEEE 1800 additions
    "alias", "always_comb", "always_ff", "always_latch", "assert", "assume", "before", "bind", "bins",
    "binsof", "bit", "break", "byte", "chandle", "checker", "class", "clocking", "const", "constraint",
    "context", "continue", "cover", "covergroup", "coverpoint", "cross", "dist", "do", "endchecker",
    "endclass", "endclocking", "endgroup", "endinterface", "endpackage", "endprogram", "endproperty",
    "endsequence", "enum", "eventually", "expect", "export", "extends", "extern", "final", "first_match",
    "foreach", "forkjoin", "global", "iff", "ignore_bins", "illegal_bins", "implements", "implies", "import",
    "inside", "int", "interconnect", "interface", "intersect", "join_any", "join_none", "let", "local", "logic",
    "longint", "matches", "modport", "nettype", "new", "nexttime", "null", "package", "packed", "priority",
    "program", "property", "protected", "pure", "rand", "randc", "randcase", "randsequence", "ref", "restrict",
    "return", "s_always", "s_eventually", "s_nexttime", "s_until", "s_until_with", "sequence", "shortint",
    "shortreal", "soft", "solve", "static", "string", "strong", "struct", "super", "sync_accept_on",
    "sync_reject_on", "tagged", "this", "throughout", "timeprecision", "timeunit", "type", "typedef", "union",
    "unique", "unique0", "until", "until_with", "untyped", "var", "virtual", "void", "wait_order", "weak",
    "wildcard", "with", "within", "accept_on", "reject_on",
  ]
}
