//===--- DesignExploration+Pareto.swift ------------------------------------===//
// Pareto marking of a design exploration: a design is Pareto-optimal when no
// other one is at least as good in transistors, depth and dynamic TOs and
// better in one. `tosim explore` marks these rows with *.
//===----------------------------------------------------------------------===//

extension DesignExploration {
  /// Sets `isParetoOptimal` on every row over transistors, depth and mean
  /// dynamic TOs (all smaller is better).
  public static func markParetoOptimal(_ rows: inout [Row]) {
    let all = rows
    for i in rows.indices {
      rows[i].isParetoOptimal = !all.indices.contains { j in
        let a = all[j], b = all[i]
        let noWorse = a.transistorCount <= b.transistorCount && a.depth <= b.depth && a.dynamicMean <= b.dynamicMean
        let better = a.transistorCount < b.transistorCount || a.depth < b.depth || a.dynamicMean < b.dynamicMean
        return j != i && noWorse && better
      }
    }
  }
}
