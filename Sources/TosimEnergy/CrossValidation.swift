//===--- CrossValidation.swift ---------------------------------------------===//
// Seeded k-fold splits: rows are shuffled with SplitMix64 (Fisher–Yates) and
// dealt round-robin into k folds, so the same seed gives the same folds on
// every machine. `tosim fit --folds K --seed S` uses them.
//===----------------------------------------------------------------------===//
import TosimFormats

/// Seeded k-fold cross-validation splits.
public enum KFold {
  /// The fold (0..<folds) of each of `count` rows.
  ///
  /// - Throws: `InputError` when there are fewer rows than folds or fewer than 2 folds.
  public static func assignments(count: Int, folds: Int, seed: UInt64) throws -> [Int] {
    guard folds >= 2 else { throw InputError("cross-validation needs at least 2 folds, got \(folds)") }
    guard count >= folds else { throw InputError("cross-validation with \(folds) folds needs at least \(folds) rows, got \(count)") }
    var order = Array(0..<count)
    var generator = SplitMix64(seed: seed)
    if count > 1 {
      for i in stride(from: count - 1, to: 0, by: -1) {
        let j = Int(generator.next() % UInt64(i + 1))
        order.swapAt(i, j)
      }
    }
    var result = [Int](repeating: 0, count: count)
    for (position, row) in order.enumerated() { result[row] = position % folds }
    return result
  }
}
