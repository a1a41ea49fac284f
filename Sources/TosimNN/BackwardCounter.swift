//===--- BackwardCounter.swift ---------------------------------------------===//
// The backward count of one resolved node for training: the bytes gradients
// move, as its operator's data-movement class says, and the gradient
// arithmetic of its OperatorRule (Operators/*Rules.swift). Only the inputs
// that need a gradient get one: a network's inputs need none unless asked
// (`tosim count --input-gradient`), so a first Conv or Gemm computes its
// weight gradient only and a node no gradient reaches costs nothing. The
// per-operator table is repeated in docs/network-counter.md, §Training.
// Reached from NetworkCounter when counting training steps.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

/// Backward-pass counting of one node.
public enum BackwardCounter {
  /// The backward pass of a node whose forward pass is `forward`, every input needing a gradient.
  public static func count(_ c: NodeContext, forward: PassCount) throws -> PassCount {
    try count(c, forward: forward, needsGradient: Set(c.inputs.indices))
  }

  /// The backward pass of a node whose forward pass is `forward`, where only the inputs at
  /// positions `needsGradient` (data inputs reached by a gradient, trainable parameters) get one.
  public static func count(_ c: NodeContext, forward: PassCount, needsGradient: Set<Int>) throws -> PassCount {
    try count(c, forward: forward, needsGradient: needsGradient, im2col: false)
  }

  /// The backward pass as above; with `im2col`, the weight gradient reads the column matrix and an input
  /// gradient writes a column gradient that col2im reads back.
  public static func count(_ c: NodeContext, forward: PassCount, needsGradient: Set<Int>, im2col: Bool) throws -> PassCount {
    try c.labelling {
      let rule = try ForwardCounter.rule(of: c)
      var pass = PassCount()
      var gradientBytes = 0
      var dataGradient = false
      for i in needsGradient.sorted() {
        guard let tensor = c.optionalInput(i), !rule.metadataInputs.contains(i) else { continue }
        if !ForwardCounter.isParameter(c, rule, input: i, tensor) { dataGradient = true }
        gradientBytes = try Checked.add(gradientBytes, try tensor.byteCount(), "byte count")
      }
      guard gradientBytes > 0 else { return pass }
      switch rule.movement {
      case .view:
        return pass
      case .copy:
        // The output gradient is read and scattered back into the input gradients.
        let outputGradient = try outputBytes(c)
        pass.bytesRead = outputGradient
        pass.bytesWritten = gradientBytes
        pass.gradientBytes = try Checked.add(outputGradient, gradientBytes, "byte count")
        return pass
      case .compute:
        // The saved inputs, weights and output gradient are read; the gradients needed are written.
        pass = dataGradient ? try rule.backward(c, forward: forward) : try rule.weightGradient(c, forward: forward)
        let saved = try c.inputs.compactMap { $0 }.reduce(0) { try Checked.add($0, try $1.byteCount(), "byte count") }
        let outputGradient = try outputBytes(c)
        pass.bytesRead = try Checked.add(saved, outputGradient, "byte count")
        pass.bytesWritten = gradientBytes
        // A recurrent layer's forward weight bytes include its re-reads of R; backpropagation through time
        // re-reads R at every step as well.
        let reread = try rule.sequence?(c).rereadBytes ?? 0
        pass.weightBytes = forward.weightBytes
        pass.activationBytes = saved - (forward.weightBytes - reread)
        pass.bytesRead = try Checked.add(pass.bytesRead, reread, "byte count")
        pass.gradientBytes = try Checked.add(outputGradient, gradientBytes, "byte count")
        // Extra kernel passes re-read the output gradient (a reduction first, then the input gradient).
        if rule.passes.backward > 0, let y = c.outputs.first {
          let reread = try Checked.multiply(rule.passes.backward, try y.byteCount(), "byte count")
          pass.bytesRead = try Checked.add(pass.bytesRead, reread, "byte count")
          pass.gradientBytes = try Checked.add(pass.gradientBytes, reread, "byte count")
        }
        if im2col, let columns = try ForwardCounter.columnBytes(c, rule) {
          pass.bytesRead = try Checked.add(pass.bytesRead, columns, "byte count")
          pass.activationBytes = try Checked.add(pass.activationBytes, columns, "byte count")
          if dataGradient {
            pass.bytesWritten = try Checked.add(pass.bytesWritten, columns, "byte count")
            pass.bytesRead = try Checked.add(pass.bytesRead, columns, "byte count")
            pass.gradientBytes = try Checked.add(pass.gradientBytes, try Checked.multiply(2, columns, "byte count"), "byte count")
          }
        }
        return pass
      }
    }
  }

  /// The bytes of a node's named outputs: the size of its output gradients.
  static func outputBytes(_ c: NodeContext) throws -> Int {
    try zip(c.node.outputs, c.outputs).filter { !$0.0.isEmpty }.reduce(0) { try Checked.add($0, try $1.1.byteCount(), "byte count") }
  }
}
