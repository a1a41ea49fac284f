//===--- BackwardCounter.swift ---------------------------------------------===//
// The backward count of one resolved node for training: the bytes gradients
// move, as its operator's data-movement class says, and the gradient
// arithmetic of its OperatorRule (Operators/*Rules.swift). The per-operator
// table is repeated in docs/network-counter.md, §Training. Reached from
// NetworkCounter when counting training steps.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

/// Backward-pass counting of one node.
public enum BackwardCounter {
  /// The backward pass of a node whose forward pass is `forward`.
  public static func count(_ c: NodeContext, forward: PassCount) throws -> PassCount {
    try c.labelling {
      let rule = try ForwardCounter.rule(of: c)
      var pass = PassCount()
      switch rule.movement {
      case .view:
        return pass
      case .copy:
        // The output gradient is read and scattered back into the input gradients.
        pass.bytesRead = forward.bytesWritten
        pass.bytesWritten = forward.bytesRead
        return pass
      case .compute:
        // Gradients of everything read are written; the saved inputs, weights and output gradient are read.
        pass = try rule.backward(c, forward: forward)
        pass.bytesRead = try Checked.add(forward.bytesRead, forward.bytesWritten, "byte count")
        pass.bytesWritten = forward.bytesRead
        return pass
      }
    }
  }
}
