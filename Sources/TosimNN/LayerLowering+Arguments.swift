//===--- LayerLowering+Arguments.swift -------------------------------------===//
// Checked access to one layer's arguments for LayerLowering: positional and
// key=value arguments by name, each given at most once, as whole numbers in
// 1…2^40 (or 0… where allowed), booleans, finite numbers or `32x32` sizes.
//===----------------------------------------------------------------------===//
import TosimFormats

extension LayerLowering {
  /// Checked access to one layer's arguments.
  struct Arguments {
    let layer: LayerSpec
    let names: [String]
    /// Whether the layer is the first one (and so fixes the input shape).
    let isFirst: Bool

    init(_ layer: LayerSpec, names: [String], isFirst: Bool) throws {
      self.layer = layer
      self.names = names
      self.isFirst = isFirst
      guard layer.positional.count <= names.count else {
        throw InputError("takes at most \(names.count) positional arguments (\(names.joined(separator: ", ")))")
      }
      var seen = Set<String>()
      for keyword in layer.keywords {
        guard names.contains(keyword.key) else {
          throw InputError("unknown argument '\(keyword.key)'; expected \(names.isEmpty ? "none" : names.joined(separator: ", "))")
        }
        guard seen.insert(keyword.key).inserted else { throw InputError("argument '\(keyword.key)' given twice") }
      }
      for (i, name) in names.enumerated() where i < layer.positional.count && seen.contains(name) {
        throw InputError("argument '\(name)' given twice")
      }
    }

    func text(_ name: String) -> String? {
      if let i = names.firstIndex(of: name), i < layer.positional.count { return layer.positional[i] }
      return layer.keywords.first { $0.key == name }?.value
    }

    func int(_ name: String, default defaultValue: Int? = nil, minimum: Int = 1) throws -> Int {
      guard let text = text(name) else {
        if let defaultValue { return defaultValue }
        throw InputError("missing argument '\(name)'")
      }
      guard let value = Int(text), value >= minimum, value <= 1 << 40 else {
        throw InputError("argument '\(name)' should be a whole number from \(minimum) to 2^40, got '\(text)'")
      }
      return value
    }

    func bool(_ name: String, default defaultValue: Bool) throws -> Bool {
      guard let text = text(name) else { return defaultValue }
      switch text.lowercased() {
      case "true", "1", "yes": return true
      case "false", "0", "no": return false
      default: throw InputError("argument '\(name)' should be true or false, got '\(text)'")
      }
    }

    func double(_ name: String, default defaultValue: Double) throws -> Double {
      guard let text = text(name) else { return defaultValue }
      guard let value = Double(text), value.isFinite else { throw InputError("argument '\(name)' should be a number, got '\(text)'") }
      return value
    }

    /// `32x32` or `32` → [32, 32] / [32].
    func sizes(_ name: String) throws -> [Int]? {
      guard let text = text(name) else { return nil }
      let parts = text.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
      guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= 1 << 40 }) else {
        throw InputError("argument '\(name)' should be sizes like 32x32, got '\(text)'")
      }
      return parts.compactMap { $0 }
    }
  }
}
