//===--- LayerSpecParser.swift ---------------------------------------------===//
// Parses the one-line layer spec used on the command line and in CSV cells:
//   spec   := layer (space+ layer)*
//   layer  := name [ "(" [ arg ("," arg)* ] ")" ]
//   arg    := value | key "=" value
//   name, key := letter (letter | digit | "_")*      (case-insensitive)
//   value  := (letter | digit | "_" | "." | "+" | "-")+   e.g. 784, 0.01, 32x32, true
// Spaces may surround arguments. Errors give the 1-based column. Example:
//   `conv2d(3,16,k=3,pad=1,in=32x32) relu maxpool(2) flatten dense(4096,10)`
// (docs/network-counter.md, §Layer spec).
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNN

/// Parses one-line layer specs.
public enum LayerSpecParser {
  /// The layers of `text`.
  ///
  /// - Parameter source: what errors name as the file (`layer spec`, a CSV path).
  /// - Throws: `InputError` with the column of the first unexpected character.
  public static func parse(_ text: String, source: String = "layer spec") throws -> [LayerSpec] {
    let chars = Array(text)
    var i = 0
    var layers: [LayerSpec] = []
    func fail(_ what: String) -> InputError {
      InputError("column \(i + 1): \(what)", file: source)
    }
    func isWordStart(_ c: Character) -> Bool { c.isASCII && c.isLetter }
    func isWord(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_") }
    func isValue(_ c: Character) -> Bool { isWord(c) || c == "." || c == "+" || c == "-" }
    func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }
    func describe() -> String { i < chars.count ? "'\(chars[i])'" : "the end of the spec" }

    skipSpaces()
    while i < chars.count {
      let start = i
      guard isWordStart(chars[i]) else { throw fail("expected a layer name, found \(describe())") }
      while i < chars.count, isWord(chars[i]) { i += 1 }
      var layer = LayerSpec(name: String(chars[start..<i]).lowercased(), location: "column \(start + 1)")
      if i < chars.count, chars[i] == "(" {
        i += 1
        skipSpaces()
        if i < chars.count, chars[i] == ")" {
          i += 1
        } else {
          while true {
            skipSpaces()
            let valueStart = i
            while i < chars.count, isValue(chars[i]) { i += 1 }
            guard i > valueStart else { throw fail("expected an argument, found \(describe())") }
            var value = String(chars[valueStart..<i])
            skipSpaces()
            if i < chars.count, chars[i] == "=" {
              let key = value.lowercased()
              guard let first = key.first, isWordStart(first), key.allSatisfy(isWord) else {
                i = valueStart
                throw fail("'\(key)' is not a valid argument name")
              }
              i += 1
              skipSpaces()
              let keyValueStart = i
              while i < chars.count, isValue(chars[i]) { i += 1 }
              guard i > keyValueStart else { throw fail("expected a value after '\(key)=', found \(describe())") }
              value = String(chars[keyValueStart..<i])
              layer.keywords.append(.init(key, value))
            } else {
              guard layer.keywords.isEmpty else {
                i = valueStart
                throw fail("positional argument '\(value)' after a key=value argument")
              }
              layer.positional.append(value)
            }
            skipSpaces()
            guard i < chars.count else { throw fail("missing ')' to close '\(layer.name)(' at column \(start + 1)") }
            if chars[i] == "," { i += 1; continue }
            if chars[i] == ")" { i += 1; break }
            throw fail("expected ',' or ')', found \(describe())")
          }
        }
      }
      layers.append(layer)
      if i < chars.count, !(chars[i] == " " || chars[i] == "\t") {
        throw fail("expected a space between layers, found \(describe())")
      }
      skipSpaces()
    }
    guard !layers.isEmpty else { throw InputError("the layer spec is empty", file: source) }
    return layers
  }
}
