//===--- WordSimulator+PerVectorCounts.swift -------------------------------===//
// Per-vector switched-gate counts of a WordSimulator (`recordsPerVector`):
// bit-sliced per-lane counters, one set of planes per distinct gate load,
// incremented by a ripple of half adders across the planes and turned into
// one integer per lane by a 64×64 bit transpose. They give the per-operation
// mean and standard deviation that `tosim derive` reports.
//===----------------------------------------------------------------------===//

extension WordSimulator {
  /// Adds one to the bit-sliced counters of `loadClass` in word `w` at the
  /// lanes set in `lanes` (a ripple of half adders across the planes).
  @inline(__always)
  func accumulate(_ lanes: UInt64, loadClass: Int, word w: Int) {
    var carry = lanes
    var slot = planes + loadClass * Self.planeCount * wordCount + w
    var plane = 0
    while carry != 0 && plane < Self.planeCount {
      let sum = slot.pointee ^ carry
      carry &= slot.pointee
      slot.pointee = sum
      slot += wordCount
      plane += 1
    }
  }

  /// Turns the counters into switched gates per lane: the planes of each
  /// word are transposed so each lane's count becomes one integer.
  func collectPerVector(laneCount: Int) {
    var totals = [Int](repeating: 0, count: laneCount)
    for (loadClass, load) in classLoads.enumerated() {
      for w in 0..<wordCount where w * 64 < laneCount {
        for plane in 0..<64 {
          scratch[plane] = plane < Self.planeCount ? planes[(loadClass * Self.planeCount + plane) * wordCount + w] : 0
        }
        BitTranspose.transpose64(scratch)
        for lane in 0..<min(64, laneCount - w * 64) { totals[w * 64 + lane] += load * Int(scratch[lane]) }
      }
    }
    let skipsFirst = vectorCount == 0
    perVectorSwitchedGates.append(contentsOf: skipsFirst ? totals.dropFirst() : totals[...])
  }
}
