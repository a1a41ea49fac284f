//===--- DocExampleTests.swift ---------------------------------------------===//
// Runs every command example of README.md and docs/*.md in-process, by the
// convention docs/cli.md §Documentation examples describes: `$ tosim …`
// (or `$ swift run [-c release] tosim …`, optionally after `echo … |`)
// lines in code blocks, exit 0 unless `# exits N` says otherwise, following
// output lines contained in the output, `<!-- example: expensive -->`
// blocks shrunk to --vectors 64, and `tosim.model/1` JSON blocks counted.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCommands
import _TosimTestSupport

/// One documented command example.
struct DocExample: CustomStringConvertible, Sendable {
  /// The document and 1-based line.
  var location: String
  /// The tosim arguments.
  var arguments: [String]
  /// Standard input (from `echo … |`).
  var input: String
  /// The exit status the document states.
  var status: Int32
  /// Output lines the document shows after the command.
  var expectedLines: [String]
  /// Whether the example is marked expensive.
  var isExpensive: Bool

  var description: String { "\(location): tosim \(arguments.joined(separator: " "))" }
}

/// Extracts examples from Markdown.
enum DocExamples {
  /// The documents searched.
  static var documents: [String] {
    let docs = (try? FileManager.default.contentsOfDirectory(atPath: TestSupport.path("docs"))) ?? []
    return ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
  }

  /// Splits a shell command line into words (single and double quotes, backslash).
  static func words(_ line: String) -> [String] {
    var words: [String] = [], current = "", quote: Character?, escaped = false, hasWord = false
    for character in line {
      if escaped { current.append(character); escaped = false; continue }
      if character == "\\" && quote != "'" { escaped = true; hasWord = true; continue }
      if let open = quote {
        if character == open { quote = nil } else { current.append(character) }
        continue
      }
      if character == "'" || character == "\"" { quote = character; hasWord = true; continue }
      if character == " " {
        if hasWord { words.append(current); current = ""; hasWord = false }
        continue
      }
      current.append(character)
      hasWord = true
    }
    if hasWord { words.append(current) }
    return words
  }

  /// Every example of `document` (a path relative to the package root).
  static func examples(in document: String) -> [DocExample] {
    guard let text = try? String(contentsOfFile: TestSupport.path(document), encoding: .utf8) else { return [] }
    let lines = text.components(separatedBy: "\n")
    var examples: [DocExample] = []
    var inFence = false, expensive = false
    var current: DocExample?
    func finish() {
      if let example = current { examples.append(example) }
      current = nil
    }
    for (index, raw) in lines.enumerated() {
      if raw.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
        finish()
        if inFence { expensive = false }
        inFence.toggle()
        continue
      }
      if raw.contains("<!-- example: expensive -->") { expensive = true; continue }
      let isIndented = raw.hasPrefix("    ")
      guard inFence || isIndented else {
        if !raw.trimmingCharacters(in: .whitespaces).isEmpty { finish(); if !inFence { expensive = false } }
        continue
      }
      let line = raw.trimmingCharacters(in: .whitespaces)
      guard line.hasPrefix("$ ") else {
        if current != nil && !line.isEmpty && line != "…" { current!.expectedLines.append(line) }
        continue
      }
      finish()
      var command = String(line.dropFirst(2))
      var status: Int32 = 0
      if let marker = command.range(of: "# exits ") {
        status = Int32(command[marker.upperBound...].trimmingCharacters(in: .whitespaces)) ?? -1
        command = String(command[..<marker.lowerBound])
      }
      var input = ""
      var words = Self.words(command)
      if let pipe = words.firstIndex(of: "|") {
        let producer = Array(words[..<pipe])
        words = Array(words[(pipe + 1)...])
        if producer.first == "echo" { input = producer.dropFirst().joined(separator: " ") + "\n" }
      }
      if words.starts(with: ["swift", "run"]) {
        words.removeFirst(2)
        if words.first == "-c" { words.removeFirst(2) }
      }
      guard words.first == "tosim" else { continue }  // `$ swift test` and the like
      current = DocExample(
        location: "\(document):\(index + 1)", arguments: Array(words.dropFirst()), input: input, status: status,
        expectedLines: [], isExpensive: expensive)
    }
    finish()
    return examples
  }

  /// Every `tosim.model/1` JSON block of `document`, with its line.
  static func modelSpecs(in document: String) -> [(location: String, json: String)] {
    guard let text = try? String(contentsOfFile: TestSupport.path(document), encoding: .utf8) else { return [] }
    var specs: [(String, String)] = []
    var block: [String]?
    var start = 0
    for (index, line) in text.components(separatedBy: "\n").enumerated() {
      if line.hasPrefix("```") {
        if let lines = block {
          let json = lines.joined(separator: "\n")
          if json.contains("\"tosim.model/1\"") { specs.append(("\(document):\(start)", json)) }
          block = nil
        } else if line.hasPrefix("```json") {
          block = []
          start = index + 1
        }
        continue
      }
      block?.append(line)
    }
    return specs
  }
}

@Suite("Documentation examples")
struct DocExampleTests {
  /// A scratch folder with the package's data linked in, where examples may write.
  static func workspace() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tosim-doc-\(getpid())-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder + "/tables", withIntermediateDirectories: true)
    for item in ["circuits", "Tests", "docs"] {
      try FileManager.default.createSymbolicLink(atPath: folder + "/" + item, withDestinationPath: TestSupport.path(item))
    }
    return folder
  }

  static let all: [DocExample] = DocExamples.documents.flatMap(DocExamples.examples(in:))

  @Test("the documents hold examples, including README's")
  func found() {
    #expect(Self.all.count >= 15)
    #expect(Self.all.contains { $0.location.hasPrefix("README.md") && $0.arguments == ["derive", "--fp32"] })
    #expect(Self.all.contains { $0.location.hasPrefix("docs/cli.md") && $0.status == 64 })
  }

  @Test("the example parser reads pipes, quotes and exit markers")
  func parser() {
    #expect(DocExamples.words(#"echo "ff 01" | tosim eval 'a b' c\ d"#) == ["echo", "ff 01", "|", "tosim", "eval", "a b", "c d"])
  }

  @Test("every command example exits as documented", arguments: all)
  func runs(example: DocExample) throws {
    let folder = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var arguments = example.arguments
    if example.isExpensive {
      arguments = arguments.filter { $0 != "--all" || arguments.first != "derive" }
      if arguments.first == "derive" {
        if example.arguments.contains("--all") { arguments += ["--fp8-e4m3", "--int8"] }
        arguments += ["--out", folder + "/shrunk-tables"]
      }
      arguments += ["--vectors", "64"]
      print("note: \(example.location): expensive example run as tosim \(arguments.joined(separator: " "))")
    }
    let result = TestSupport.runTosim(
      arguments, input: example.input, workingDirectory: folder, environment: ["TOSIM_TABLES": folder + "/tables"])
    #expect(result.status == example.status, "\(example): \(result.error)")
    guard !example.isExpensive else { return }
    for line in example.expectedLines {
      #expect(result.output.contains(line), "\(example): missing output line '\(line)'")
    }
  }

  @Test("every tosim.model/1 JSON block counts")
  func modelSpecs() throws {
    let specs = DocExamples.documents.flatMap(DocExamples.modelSpecs(in:))
    #expect(!specs.isEmpty)
    let folder = try Self.workspace()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for (index, spec) in specs.enumerated() {
      let path = folder + "/spec\(index).json"
      try spec.json.write(toFile: path, atomically: true, encoding: .utf8)
      let result = TestSupport.runTosim(["count", path, "--quiet"], workingDirectory: folder)
      #expect(result.status == 0, "\(spec.location): \(result.error)")
    }
  }
}
