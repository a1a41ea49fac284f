//===--- ModelSpecReader.swift ---------------------------------------------===//
// Reads the JSON model spec (schema `tosim.model/1`): a named list of layers,
// each an object `{"layer": "dense", "in": 784, "out": 512}` (optional "args"
// array for positional arguments; arrays of sizes such as "in": [32, 32] mean
// 32x32) or a layer-spec string `"dense(784,512)"`. Layers and arguments are
// those of the one-line layer spec (docs/network-counter.md, §JSON model spec).
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats
import TosimNN

/// A model read from a JSON model spec.
public struct ModelSpec: Sendable {
  /// The model's name (the file name when the spec has none).
  public var name: String
  /// The layers, in order.
  public var layers: [LayerSpec]
}

/// Reads JSON model specs.
public enum ModelSpecReader {
  /// The schema identifier a spec may carry.
  public static let schema = "tosim.model/1"

  /// Reads the spec at `path`.
  public static func read(path: String) throws -> ModelSpec {
    guard let data = FileManager.default.contents(atPath: path) else { throw InputError("cannot read file", file: path) }
    return try decode(data, file: path)
  }

  /// Decodes a spec from JSON text.
  ///
  /// - Throws: `InputError` for malformed JSON, a key repeated within one object, and bad layers.
  public static func decode(_ data: Data, file: String) throws -> ModelSpec {
    let json = try JSONValue.parse(data, file: file)
    if let key = JSONDuplicateKeys.first(in: data) { throw InputError("key \"\(key)\" appears twice in one object", file: file) }
    return try decode(json, file: file)
  }

  static func decode(_ json: JSONValue, file: String) throws -> ModelSpec {
    let root = try JSONObject(json, path: "", file: file)
    if let schema = try root.string("schema"), schema != self.schema {
      throw root.error("schema", "is '\(schema)', expected '\(self.schema)'")
    }
    let name = try root.string("name") ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    guard let items = try root.array("layers"), !items.isEmpty else { throw root.error("layers", "should be a non-empty array") }
    var layers: [LayerSpec] = []
    for (index, item) in items.enumerated() {
      let path = "layers[\(index)]"
      if case .string(let text) = item {
        let parsed = try LayerSpecParser.parse(text, source: "\(file): \(path)")
        layers += parsed.map { layer in
          var layer = layer
          layer.location = "\(path)"
          return layer
        }
        continue
      }
      let object = try JSONObject(item, path: path, file: file)
      var layer = LayerSpec(name: try object.requiredString("layer").lowercased(), location: path)
      if let args = try object.array("args") {
        layer.positional = try args.enumerated().map { try text($1, path: "\(path).args[\($0)]", file: file) }
      }
      for key in object.members.keys.sorted() where key != "layer" && key != "args" {
        layer.keywords.append(.init(key.lowercased(), try text(object.members[key] ?? .null, path: "\(path).\(key)", file: file)))
      }
      layers.append(layer)
    }
    return ModelSpec(name: name, layers: layers)
  }

  /// A JSON argument as layer-spec text: numbers and booleans as written, size arrays joined by `x`.
  static func text(_ value: JSONValue, path: String, file: String) throws -> String {
    switch value {
    case .int(let i): return String(i)
    case .double(let d): return d == d.rounded() && abs(d) < 9e15 ? String(Int(d)) : String(d)
    case .bool(let b): return b ? "true" : "false"
    case .string(let s): return s
    case .array(let items):
      let parts = try items.map { item -> String in
        guard case .int(let i) = item else { throw InputError("\(path): size lists should hold whole numbers", file: file) }
        return String(i)
      }
      return parts.joined(separator: "x")
    default: throw InputError("\(path): should be a number, boolean, string or list of sizes, found \(value.typeName)", file: file)
    }
  }
}
