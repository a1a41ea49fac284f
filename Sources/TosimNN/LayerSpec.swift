//===--- LayerSpec.swift ---------------------------------------------------===//
// One layer of a layer-spec model (`dense(784,512) relu …` or the JSON model
// spec): its name and its arguments as written, plus where it was written so
// errors can point at it. TosimIO parses the text forms; `LayerLowering` turns
// the list into a Graph (grammar and layer reference: docs/network-counter.md).
//===----------------------------------------------------------------------===//

/// One layer as written in a layer spec or JSON model spec.
public struct LayerSpec: Equatable, Sendable {
  /// The layer name in lower case (`dense`, `conv2d`, `relu`, …).
  public var name: String
  /// Positional arguments, as written.
  public var positional: [String]
  /// `key=value` arguments, as written, in order.
  public var keywords: [Keyword]
  /// Where the layer was written (`column 17`, `layers[2]`), for error messages.
  public var location: String

  /// A `key=value` argument.
  public struct Keyword: Equatable, Sendable {
    /// The key in lower case.
    public var key: String
    /// The value as written.
    public var value: String

    /// Creates a keyword argument.
    public init(_ key: String, _ value: String) {
      self.key = key
      self.value = value
    }
  }

  /// Creates a layer.
  public init(name: String, positional: [String] = [], keywords: [Keyword] = [], location: String = "") {
    self.name = name
    self.positional = positional
    self.keywords = keywords
    self.location = location
  }

  /// The layer as it would be written in a layer spec.
  public var text: String {
    let arguments = positional + keywords.map { "\($0.key)=\($0.value)" }
    return arguments.isEmpty ? name : "\(name)(\(arguments.joined(separator: ",")))"
  }
}
