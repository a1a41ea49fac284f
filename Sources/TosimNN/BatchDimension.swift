//===--- BatchDimension.swift ----------------------------------------------===//
// The batch a count runs at and the graph input shapes that follow from it.
// A model with a symbolic input dimension gives every symbolic dimension the
// requested batch (`--batch`, default 1). A model whose inputs are all fixed
// (as exporters write by default: torch.onnx's dynamo exporter without
// `dynamic_shapes`, the TorchScript one without `dynamic_axes`) runs at its
// own batch, the inputs' common first dimension. A requested batch that
// differs is an error, since it would change nothing counted and only divide
// the run into different steps (a silently wrong count), unless `rebatch`
// sets the first dimension of every input to it (`--rebatch`).
//===----------------------------------------------------------------------===//
import TosimFormats

/// The batch of a count and the resolved shape of each graph input.
struct BatchDimension {
  /// The batch size the count runs at.
  var batchSize: Int
  /// The resolved shape of each input, in the order given.
  var shapes: [[Int]]
  /// Whether `rebatch` changed the first dimension of a fixed input.
  var isRebatched: Bool
  /// The inputs' common first dimension when every input is fixed (nil when they differ or any is symbolic).
  var exportedBatch: Int?

  /// Resolves `inputs` (graph inputs that are not initializers) for a `requested` batch (nil: the model's own).
  ///
  /// - Throws: `InputError` for an input without a shape, a negative dimension, or a requested batch that a
  ///   model with fixed inputs does not have (unless `rebatch`).
  init(inputs: [ValueInfo], requested: Int?, rebatch: Bool) throws {
    var declared: [[Dimension]] = []
    for input in inputs {
      guard let type = input.type, let dimensions = type.dimensions else {
        throw InputError("graph input '\(input.name)' has no tensor type and shape")
      }
      if case .value(let v)? = dimensions.first(where: { if case .value(let v) = $0 { return v < 0 } else { return false } }) {
        throw InputError("graph input '\(input.name)' has a negative dimension \(v)")
      }
      declared.append(dimensions)
    }
    let symbolic = declared.contains { $0.contains { if case .value = $0 { return false } else { return true } } }
    let firsts = declared.compactMap { dimensions -> Int? in
      if case .value(let v)? = dimensions.first { return v } else { return nil }
    }
    let own = symbolic ? nil : firsts.first.flatMap { first in firsts.allSatisfy { $0 == first } ? first : nil }
    exportedBatch = own
    // An empty first dimension (0) is no batch to divide a run into steps by.
    batchSize = requested ?? own.flatMap { $0 >= 1 ? $0 : nil } ?? 1
    let resizesFirst = rebatch && !symbolic
    if !symbolic, !rebatch, let requested, own != requested, !firsts.isEmpty {
      throw InputError(Self.fixedBatchMessage(inputs: inputs, declared: declared, own: own, requested: requested))
    }
    let batch = batchSize
    isRebatched = resizesFirst && firsts.contains { $0 != batch }
    shapes = declared.map { dimensions in
      dimensions.enumerated().map { axis, dimension in
        if case .value(let v) = dimension { return resizesFirst && axis == 0 ? batch : v }
        return batch
      }
    }
  }

  /// `message` of an error raised after rebatching, with the likely cause: a node's constants hold the old batch.
  func explainingRebatch(_ message: String) -> String {
    guard isRebatched else { return message }
    let old = exportedBatch.map { "from \($0) " } ?? ""
    return message + " (--rebatch set the inputs' first dimension \(old)to \(batchSize); a node whose constants hold the "
      + "exported batch, such as a Reshape target, cannot follow: export the model at batch \(batchSize) or with a dynamic batch axis)"
  }

  /// Why a requested batch does not apply to a model whose inputs are all fixed, and what to do instead.
  private static func fixedBatchMessage(inputs: [ValueInfo], declared: [[Dimension]], own: Int?, requested: Int) -> String {
    let shown = zip(inputs, declared).prefix(3).map { input, dimensions in
      "'\(input.name)' \(dimensions.isEmpty ? "scalar" : dimensions.map(\.description).joined(separator: "x"))"
    }
    let list = shown.joined(separator: ", ") + (inputs.count > 3 ? ", …" : "")
    let fixed = own.map { "its batch is fixed at \($0)" } ?? "its inputs' first dimensions differ"
    let keep = own.map { "pass --batch \($0), " } ?? ""
    return "batch \(requested) does not apply: no graph input has a symbolic dimension and \(fixed) (\(list)); "
      + "\(keep)export the model at batch \(requested) or with a dynamic batch axis, or pass --rebatch to set the first dimension of every input to \(requested)"
  }
}
