//===--- PrefixNetwork.swift -----------------------------------------------===//
// The topology of a parallel-prefix carry network, apart from its cells: a
// list of levels, each a list of prefix nodes (position i takes the
// generate/propagate pair of position j, whose span ends just below its own).
// Kogge–Stone, Brent–Kung and Sklansky each define one
// (KoggeStoneAdder.swift, …); PrefixAdder.swift turns a network into cells.
// Node counts for n a power of two: Kogge–Stone n·log2 n − n + 1, Sklansky
// (n/2)·log2 n, Brent–Kung 2n − 2 − log2 n (Harris, "A taxonomy of parallel
// prefix networks", Asilomar 2003; see docs/arithmetic.md).
// CLI: `tosim explore adders --width 32` shows the resulting cells and depth.
//===----------------------------------------------------------------------===//

/// The structure of a parallel-prefix network over `width` bit positions.
public struct PrefixNetwork: Sendable, Equatable {
  /// One prefix operator: the pair at `position` becomes
  /// `pair(position) ∘ pair(lowPosition)`, where the span of `lowPosition`
  /// ends at the bit just below the span of `position`.
  public struct Node: Sendable, Equatable {
    /// The position whose pair is updated.
    public let position: Int
    /// The position whose pair is absorbed.
    public let lowPosition: Int
  }

  /// The number of bit positions.
  public let width: Int
  /// Levels of nodes; every node of a level reads values from before it.
  public let levels: [[Node]]

  /// Creates a network from its levels (empty levels are dropped).
  public init(width: Int, levels: [[Node]]) {
    self.width = width
    self.levels = levels.filter { !$0.isEmpty }
  }

  /// The number of prefix operators (black and grey cells together).
  public var nodeCount: Int { levels.reduce(0) { $0 + $1.count } }

  /// The number of levels (the network's logic depth in prefix operators).
  public var depth: Int { levels.count }

  /// Whether every node combines adjacent spans and every position ends up
  /// spanning bits 0 through itself; the generators' tests check this.
  public var isValid: Bool {
    var low = Array(0..<width)  // the span of position i is low[i]...i
    for level in levels {
      var next = low
      var touched = Set<Int>()
      for node in level {
        guard node.position < width, node.lowPosition < node.position,
          low[node.position] == node.lowPosition + 1, touched.insert(node.position).inserted
        else { return false }
        next[node.position] = low[node.lowPosition]
      }
      low = next
    }
    return low.allSatisfy { $0 == 0 }
  }

  /// The serial prefix (a ripple carry chain): n − 1 nodes, n − 1 levels.
  public static func serial(width: Int) -> PrefixNetwork {
    PrefixNetwork(width: width, levels: (1..<max(1, width)).map { [Node(position: $0, lowPosition: $0 - 1)] })
  }
}
