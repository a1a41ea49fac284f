//===--- ONNXReaderTests.swift ---------------------------------------------===//
// The protobuf/ONNX reader: field decoding on the fixtures, truncated and
// malformed messages, and a seeded fuzz run over random and mutated bytes
// that must end in a model or an InputError, never a crash.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimFormats
import TosimIO
import TosimNN

@Suite("ONNX reader")
struct ONNXReaderTests {
  static let mixed = try! Data(contentsOf: URL(fileURLWithPath: Fixtures.path("models/mixed_fp16.onnx")))

  @Test("reads graph structure, types, attributes and small int tensors")
  func structure() throws {
    let graph = try ONNXReader.decode(Self.mixed, file: "mixed_fp16.onnx")
    #expect(graph.name == "mixed_fp16" && graph.opsetVersion == 17)
    #expect(graph.nodes.map(\.opType) == ["Cast", "Gemm", "Relu", "Gemm", "Cast", "Softmax"])
    #expect(graph.inputs.first?.type == TensorType(element: .float, dimensions: [.symbol("N"), .value(64)]))
    #expect(graph.initializers.map(\.dimensions) == [[32, 64], [32], [10, 32], [10]])
    #expect(graph.initializers.first?.element == ElementType(.fp16))
    guard case .int(10)? = graph.nodes[0].attribute("to") else { Issue.record("Cast.to"); return }
    let lstm = try ONNXReader.read(path: Fixtures.path("models/lstm.onnx"))
    #expect(lstm.initializers.first { $0.name == "axes0" }?.integerValues == [0])
    guard case .int(64)? = lstm.nodes[0].attribute("hidden_size") else { Issue.record("hidden_size"); return }
  }

  @Test("truncated files are InputErrors with the message name")
  func truncated() {
    for length in [1, 7, 100, Self.mixed.count / 2, Self.mixed.count - 1] {
      #expect {
        try ONNXReader.decode(Self.mixed.prefix(length), file: "cut.onnx")
      } throws: { error in
        guard let error = error as? InputError else { return false }
        return error.file == "cut.onnx" && (error.message.contains("malformed protobuf") || error.message.contains("no graph"))
      }
    }
  }

  @Test("malformed wire data", arguments: [
    [0x3A, 0x05, 0x0A], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], [0x0B], [0x00, 0x01], [0x3A, 0x80],
    [0x3A, 0x02, 0x0A, 0x7F],
  ] as [[UInt8]])
  func malformed(bytes: [UInt8]) {
    #expect(throws: InputError.self) { try ONNXReader.decode(Data(bytes), file: "bad.onnx") }
  }

  @Test("not an ONNX file")
  func empty() {
    #expect(throws: InputError.self) { try ONNXReader.decode(Data(), file: "empty.onnx") }
    #expect(throws: InputError.self) { try ONNXReader.read(path: "/nonexistent/model.onnx") }
  }

  /// Decodes and counts `bytes`; anything but success or an InputError is a failure.
  static func survive(_ bytes: Data) -> Bool {
    do {
      let graph = try ONNXReader.decode(bytes, file: "fuzz.onnx")
      _ = try NetworkCounter.count(graph, options: .init(inference: .init(allowUnknown: true), mode: .training(.adam)))
      return true
    } catch is InputError {
      return true
    } catch {
      return false
    }
  }

  @Test("fuzz: random and mutated bytes give a model or an InputError")
  func fuzz() {
    var random = SplitMix64(seed: 2024)
    let seeds = [Self.mixed] + ["lstm.onnx", "transformer_block.onnx", "residual_block.onnx", "mlp_relu.onnx"].compactMap {
      try? Data(contentsOf: URL(fileURLWithPath: Fixtures.path("models/\($0)")))
    }
    var failures = 0
    for round in 0..<1500 {
      var bytes: [UInt8]
      if round % 5 == 0 {
        bytes = (0..<Int(random.next() % 200)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      } else {
        let seed = seeds[Int(random.next() % UInt64(seeds.count))]
        bytes = [UInt8](seed.count > 20_000 ? seed.prefix(20_000) : seed)
        for _ in 0..<(1 + Int(random.next() % 8)) {
          let at = Int(random.next() % UInt64(max(bytes.count, 1)))
          switch random.next() % 4 {
          case 0 where !bytes.isEmpty: bytes[at] = UInt8(truncatingIfNeeded: random.next())
          case 1 where !bytes.isEmpty: bytes[at] ^= 1 << UInt8(random.next() % 8)
          case 2: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: min(at, bytes.count))
          default: bytes = Array(bytes.prefix(at))
          }
        }
      }
      if !Self.survive(Data(bytes)) { failures += 1 }
    }
    #expect(failures == 0)
  }
}
