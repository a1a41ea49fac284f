//===--- ModelLoader.swift -------------------------------------------------===//
// Turns the MODEL argument of `tosim count` into a Graph: an `.onnx` file, a
// `.json` model spec, a cengiz-pen token string (TokenSpecReader.swift), or
// otherwise a one-line layer spec.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats
import TosimNN

/// Loads a model from a path or a layer spec.
public enum ModelLoader {
  /// Whether `model` names a file (`.onnx` or `.json`) rather than a layer spec or token string.
  public static func isFile(_ model: String) -> Bool {
    let lower = model.lowercased()
    return lower.hasSuffix(".onnx") || lower.hasSuffix(".json")
  }

  /// The graph of `model`.
  ///
  /// - Parameters:
  ///   - model: a path ending in `.onnx` or `.json`, or a layer spec.
  ///   - precision: the precision of layer-spec and JSON-spec tensors.
  ///   - resolve: maps a relative path to an absolute one.
  public static func load(_ model: String, precision: Precision, resolve: (String) -> String = { $0 }) throws -> Graph {
    let lower = model.lowercased()
    if lower.hasSuffix(".onnx") {
      return try ONNXReader.read(path: resolve(model))
    }
    if lower.hasSuffix(".json") {
      let spec = try ModelSpecReader.read(path: resolve(model))
      do {
        return try LayerLowering.graph(spec.layers, precision: precision, name: spec.name)
      } catch let error as InputError {
        throw error.located(in: resolve(model))
      }
    }
    if TokenSpecReader.isTokenString(model) {
      return try LayerLowering.graph(try TokenSpecReader.read(model).layers, precision: precision, name: "token string")
    }
    return try LayerLowering.graph(LayerSpecParser.parse(model), precision: precision, name: "layer spec")
  }
}
