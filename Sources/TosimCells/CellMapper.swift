//===--- CellMapper.swift --------------------------------------------------===//
// Maps a Boolean function of up to six nets onto library cells: a single
// cell whose output computes it under some order of its inputs when one
// exists (fewest transistors first), else a Shannon expansion into MUX2
// cells (Y = S ? B : A). Used by the BLIF importer
// for `.names` covers and generic gates.
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNetlist

/// Places cells computing arbitrary small functions.
public struct CellMapper {
  /// The netlist's library.
  public let library: CellLibrary
  private var matches: [TruthTable: (cell: CellID, order: [Int])] = [:]

  /// Indexes every single-output cell of `library` by its function under
  /// every input order.
  public init(library: CellLibrary) {
    self.library = library
    let candidates = library.cells.indices.map(CellID.init)
      .filter { library[$0].outputCount == 1 }
      .sorted { library[$0].transistorCount < library[$1].transistorCount || (library[$0].transistorCount == library[$1].transistorCount && $0 < $1) }
    for id in candidates {
      let function = library[id].outputFunction(0)
      for order in Self.permutations(function.inputCount) {
        // Cell input `order[i]` is driven by function input i.
        let seen = function.permuted(order)
        if matches[seen] == nil { matches[seen] = (id, order) }
      }
    }
  }

  /// Places cells computing `function` of `inputs` and returns the net that
  /// carries it (a constant net or an input net when no cell is needed).
  ///
  /// - Throws: `InputError` when no single cell matches and the library has
  ///   no MUX2 and INV to build it from.
  public func place(_ function: TruthTable, inputs: [NetID], into netlist: inout Netlist) throws -> NetID {
    precondition(function.inputCount == inputs.count)
    // Drop inputs the function ignores.
    let used = (0..<inputs.count).filter { function.dependsOn($0) }
    let reduced = TruthTable(inputCount: used.count) { values in
      var full = [Bool](repeating: false, count: inputs.count)
      for (i, original) in used.enumerated() { full[original] = values[i] }
      return function.value(full)
    }
    let nets = used.map { inputs[$0] }
    switch reduced.inputCount {
    case 0: return reduced.bits & 1 == 1 ? Netlist.constant1 : Netlist.constant0
    case 1 where reduced.bits == 0b10: return nets[0]
    default: break
    }
    if let match = matches[reduced] {
      var cellInputs = [NetID](repeating: Netlist.constant0, count: nets.count)
      for (i, port) in match.order.enumerated() { cellInputs[port] = nets[i] }
      return netlist.add(match.cell, cellInputs)[0]
    }
    guard let mux = library.id(named: "MUX2") else {
      throw InputError("function \(reduced) matches no single cell and the library lacks MUX2 to build it")
    }
    // f = x ? f1 : f0 on the last input.
    let last = nets.count - 1
    let half = 1 << last
    let f0 = TruthTable(bits: reduced.bits & TruthTable.mask(last), inputCount: last)
    let f1 = TruthTable(bits: reduced.bits >> UInt64(half), inputCount: last)
    let low = try place(f0, inputs: Array(nets[..<last]), into: &netlist)
    let high = try place(f1, inputs: Array(nets[..<last]), into: &netlist)
    let muxCell = library[mux]
    // Ports A, B, S by name when the cell has them, else by position.
    let a = muxCell.inputs.firstIndex(of: "A") ?? 0
    let b = muxCell.inputs.firstIndex(of: "B") ?? 1
    let s = muxCell.inputs.firstIndex(of: "S") ?? 2
    guard muxCell.inputs.count == 3, muxCell.outputCount == 1, Set([a, b, s]).count == 3,
      muxCell.outputFunction(0) == TruthTable(inputCount: 3, { v in v[s] ? v[b] : v[a] })
    else {
      throw InputError("function \(reduced) matches no single cell, and cell MUX2 is not Y = S ? B : A")
    }
    var ports = [NetID](repeating: Netlist.constant0, count: 3)
    ports[a] = low
    ports[b] = high
    ports[s] = nets[last]
    return netlist.add(mux, ports)[0]
  }

  private static func permutations(_ count: Int) -> [[Int]] {
    func extend(_ prefix: [Int]) -> [[Int]] {
      if prefix.count == count { return [prefix] }
      return (0..<count).filter { !prefix.contains($0) }.flatMap { extend(prefix + [$0]) }
    }
    return extend([])
  }
}
