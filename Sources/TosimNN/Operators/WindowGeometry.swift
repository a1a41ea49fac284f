//===--- WindowGeometry.swift ----------------------------------------------===//
// The sliding-window geometry shared by Conv, ConvTranspose, MaxPool and
// AveragePool (onnx/docs/Operators.md): kernel, strides, dilations, pads,
// auto_pad, ceil_mode and groups, giving the output shape. Every size is
// checked, so extreme attributes are InputErrors naming node and attribute.
//===----------------------------------------------------------------------===//
import TosimCostModel
import TosimFormats

/// The geometry of a Conv, ConvTranspose or pooling node.
public struct WindowGeometry: Sendable {
  /// The output shape.
  public var output: [Int]
  /// The kernel's spatial size.
  public var kernel: [Int]
  /// The group count (1 for pooling).
  public var groups: Int

  /// The geometry of `c`, whose weight (input 1) fixes the kernel when `hasWeight`.
  ///
  /// - Parameter transposed: whether the node is a ConvTranspose.
  public init(_ c: NodeContext, hasWeight: Bool, transposed: Bool = false) throws {
    let x = try c.input(0, minimumRank: 3)
    let spatial = x.shape.count - 2
    var channelsOut = x.shape[1]
    groups = hasWeight ? try c.int("group", default: 1) : 1
    guard groups >= 1, x.shape[1] % groups == 0 else {
      throw c.error("attribute 'group' is \(groups), which does not divide \(x.shape[1]) input channels")
    }
    if hasWeight {
      let w = try c.input(1, minimumRank: 3)
      guard w.shape.count == x.shape.count else { throw c.error("inconsistent shapes: weight \(w.shape) for input \(x.shape)") }
      kernel = Array(w.shape.dropFirst(2))
      if !transposed {
        let expected = try Checked.multiply(w.shape[1], groups, "input channels")
        guard expected == x.shape[1] else {
          throw c.error("inconsistent shapes: weight \(w.shape) with group \(groups) expects \(expected) input channels, input is \(x.shape)")
        }
        channelsOut = w.shape[0]
      } else {
        guard w.shape[0] == x.shape[1] else { throw c.error("inconsistent shapes: weight \(w.shape) for input \(x.shape)") }
        channelsOut = try Checked.multiply(w.shape[1], groups, "output channels")
      }
      if let bias = c.optionalInput(2), bias.shape != [channelsOut] {
        throw c.error("inconsistent shapes: bias \(bias.shape), expected [\(channelsOut)]")
      }
      if let given = try c.ints("kernel_shape"), given != kernel {
        throw c.error("attribute 'kernel_shape' \(given) disagrees with weight \(w.shape)")
      }
    } else {
      guard let given = try c.ints("kernel_shape") else { throw c.error("missing attribute 'kernel_shape'") }
      kernel = given
    }
    guard kernel.count == spatial, kernel.allSatisfy({ $0 >= 1 }) else {
      throw c.error("kernel \(kernel) does not fit a \(spatial)-D input \(x.shape)")
    }
    let strides = try c.ints("strides") ?? Array(repeating: 1, count: spatial)
    let dilations = try c.ints("dilations") ?? Array(repeating: 1, count: spatial)
    var pads = try c.ints("pads") ?? Array(repeating: 0, count: 2 * spatial)
    guard strides.count == spatial, strides.allSatisfy({ $0 >= 1 }) else {
      throw c.error("attribute 'strides' \(strides) should be \(spatial) values of at least 1")
    }
    guard dilations.count == spatial, dilations.allSatisfy({ $0 >= 1 }) else {
      throw c.error("attribute 'dilations' \(dilations) should be \(spatial) values of at least 1")
    }
    guard pads.count == 2 * spatial, pads.allSatisfy({ $0 >= 0 }) else {
      throw c.error("attribute 'pads' \(pads) should be \(2 * spatial) values of at least 0")
    }
    let outputPadding = try c.ints("output_padding") ?? []
    guard outputPadding.allSatisfy({ $0 >= 0 }) else { throw c.error("attribute 'output_padding' \(outputPadding) is negative") }
    let outputShape = try c.ints("output_shape")
    let autoPad = try c.string("auto_pad", default: "NOTSET")
    guard ["NOTSET", "", "SAME_UPPER", "SAME_LOWER", "VALID"].contains(autoPad) else {
      throw c.error("attribute 'auto_pad' is '\(autoPad)', expected NOTSET, SAME_UPPER, SAME_LOWER or VALID")
    }
    let ceilMode = try c.int("ceil_mode", default: 0) != 0
    output = [x.shape[0], hasWeight ? channelsOut : x.shape[1]]
    func sum(_ values: Int...) throws -> Int { try values.reduce(0) { try Checked.add($0, $1, "window size") } }
    func times(_ a: Int, _ b: Int) throws -> Int { try Checked.multiply(a, b, "window size") }
    for i in 0..<spatial {
      let input = x.shape[2 + i]
      let extent = try sum(try times(dilations[i], kernel[i] - 1), 1)
      let size: Int
      if transposed {
        if let outputShape, outputShape.count == spatial {
          size = outputShape[i]
        } else if autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER" {
          size = try times(input, strides[i])
        } else {
          if autoPad == "VALID" { pads[i] = 0; pads[i + spatial] = 0 }
          let grown = try sum(try times(strides[i], input - 1), outputPadding[safe: i] ?? 0, extent)
          size = try sum(grown, -pads[i], -pads[i + spatial])
        }
      } else {
        switch autoPad {
        case "SAME_UPPER", "SAME_LOWER":
          size = input == 0 ? 0 : (input - 1) / strides[i] + 1
        case "VALID":
          size = input >= extent ? (input - extent) / strides[i] + 1 : 0
        default:
          let padded = try sum(input, pads[i], pads[i + spatial])
          guard padded >= extent else { throw c.error("kernel extent \(extent) exceeds padded input \(padded)") }
          let span = padded - extent
          size = (ceilMode ? span / strides[i] + (span % strides[i] == 0 ? 0 : 1) : span / strides[i]) + 1
        }
      }
      guard size >= 1 else { throw c.error("output size \(size) along spatial axis \(i) is not positive") }
      output.append(size)
    }
  }
}
