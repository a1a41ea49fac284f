//===--- TextMutator.swift -------------------------------------------------===//
// Seeded random mutations of reader inputs (SPICE cells, BLIF designs) for
// the fuzz tests of Tests/TosimIOTests/ReaderFuzzTests.swift: deleted and
// duplicated spans and lines, swapped lines and words, words moved around, numbers and
// bus indices replaced by extremes, and tokens of both formats inserted
// anywhere.
//===----------------------------------------------------------------------===//
import TosimFormats

/// Draws mutants of a text from a seeded generator.
public struct TextMutator {
  /// Tokens inserted at random: syntax of both formats and awkward values.
  public static let tokens = [
    " ", "\n", "\\\n", "\\", "#", "*", "+", "$", "=", "[", "]", "0", "1", "-", ":", "\t",
    ".model m", ".names", ".subckt", ".gate", ".inputs", ".outputs", ".end", ".latch", ".names a y\n1 1",
    "$true", "$false", "$undef", "$_MUX_", "$_AND_", "A=", "Y=", "S=", "=x", "a[0]", "a[03]", "[9223372036854775807]",
    "[2000000000]", "[65536]", "[-1]", "a-b", "module", "9lives", ".SUBCKT", ".ENDS", ".END", "*.PININFO", "A:I",
    "Y:O", "Q:X", "VDD:P", "VSS:G", "VDD", "VSS", "GND", "nmos", "pmos", "sky130_fd_pr__nfet_01v8", "M9 Y A VSS VSS nmos",
    "X9", "W=1u", "11 1", "0 1", "-1 1", "01- 0", ".param", ".include x", "é", "\u{0}",
  ]

  /// Extreme numbers substituted for numbers in the text.
  public static let numbers = [
    "0", "1", "7", "65535", "65536", "2147483648", "9223372036854775807", "9223372036854775808",
    "100000000000000000000000000000", "-1", "00",
  ]

  private var generator: SplitMix64

  /// Creates a mutator whose mutants are fixed by `seed`.
  public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

  /// A random integer in `range`.
  public mutating func draw(_ range: Range<Int>) -> Int { Int.random(in: range, using: &generator) }

  /// `text` with one to four random mutations applied.
  public mutating func mutate(_ text: String) -> String {
    var result = text
    for _ in 0..<draw(1..<5) { result = mutateOnce(result) }
    return result
  }

  private mutating func mutateOnce(_ text: String) -> String {
    var characters = Array(text)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    switch draw(0..<10) {
    case 0 where !characters.isEmpty:  // delete a span
      let start = draw(0..<characters.count)
      characters.removeSubrange(start..<min(characters.count, start + draw(1..<20)))
      return String(characters)
    case 1:  // insert a token
      let token = Self.tokens[draw(0..<Self.tokens.count)]
      characters.insert(contentsOf: token, at: draw(0..<(characters.count + 1)))
      return String(characters)
    case 2 where !lines.isEmpty:  // duplicate a line
      let line = draw(0..<lines.count)
      lines.insert(lines[line], at: draw(0..<(lines.count + 1)))
    case 3 where !lines.isEmpty:  // delete a line
      lines.remove(at: draw(0..<lines.count))
    case 4 where lines.count > 1:  // swap two lines
      lines.swapAt(draw(0..<lines.count), draw(0..<lines.count))
    case 5:  // replace a number with an extreme
      let runs = numberRuns(characters)
      guard !runs.isEmpty else { return text }
      characters.replaceSubrange(runs[draw(0..<runs.count)], with: Self.numbers[draw(0..<Self.numbers.count)])
      return String(characters)
    case 6 where !lines.isEmpty:  // replace a word of one line with a word of another
      let target = draw(0..<lines.count), source = draw(0..<lines.count)
      var words = lines[target].split(separator: " ").map(String.init)
      let donors = lines[source].split(separator: " ").map(String.init)
      guard !words.isEmpty, !donors.isEmpty else { return text }
      words[draw(0..<words.count)] = donors[draw(0..<donors.count)]
      lines[target] = words.joined(separator: " ")
    case 7 where !lines.isEmpty:  // change the case of a line
      let line = draw(0..<lines.count)
      lines[line] = draw(0..<2) == 0 ? lines[line].uppercased() : lines[line].lowercased()
    case 9 where !lines.isEmpty:  // swap two words of a line (port order, pin order)
      let line = draw(0..<lines.count)
      var words = lines[line].split(separator: " ").map(String.init)
      guard words.count > 1 else { return text }
      words.swapAt(draw(0..<words.count), draw(0..<words.count))
      lines[line] = words.joined(separator: " ")
    case 8:  // replace a bus index `[digits]` with an extreme
      let runs = numberRuns(characters).filter { run in
        run.lowerBound > 0 && characters[run.lowerBound - 1] == "[" && run.upperBound < characters.count
          && characters[run.upperBound] == "]"
      }
      guard !runs.isEmpty else { return text }
      characters.replaceSubrange(runs[draw(0..<runs.count)], with: Self.numbers[draw(0..<Self.numbers.count)])
      return String(characters)
    default:
      return text
    }
    return lines.joined(separator: "\n")
  }

  /// The ranges of decimal digit runs in `characters`.
  private func numberRuns(_ characters: [Character]) -> [Range<Int>] {
    var runs: [Range<Int>] = []
    var start: Int?
    for (index, character) in characters.enumerated() {
      if character.isASCII && character.isNumber {
        if start == nil { start = index }
      } else if let first = start {
        runs.append(first..<index)
        start = nil
      }
    }
    if let first = start { runs.append(first..<characters.count) }
    return runs
  }
}
