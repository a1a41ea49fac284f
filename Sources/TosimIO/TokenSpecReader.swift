//===--- TokenSpecReader.swift ---------------------------------------------===//
// Reads the architecture token strings of the cengiz-pen training-energy data
// (`dense input LIST_224_224_3 convolutional 3 64 LIST_3_3 LIST_1_1 LIST_1_1
// nl_activation relu … dense output 4096 10 nl_activation softmax untrained
// Constant 10 128 SGD`) into layer-spec layers, tracking the shape to insert
// what the tokens leave out: a flatten before the first dense on a feature
// map, channelslast/channelsfirst around a dense or layernorm that acts on
// channels (ConvNeXt), and concat(from) where a layer expects more channels
// than the previous one gives (DenseNet). The last five tokens are the
// weights, the learning-rate schedule, epochs, batch size and optimizer.
// What the tokens cannot express is listed in docs/network-counter.md,
// §Token strings. `tosim count` takes a MODEL starting `dense input LIST_`
// as a token string (ModelLoader.swift).
//===----------------------------------------------------------------------===//
import TosimFormats
import TosimNN

/// A model read from a token string.
public struct TokenModel: Sendable {
  /// The layers, as a layer spec would write them.
  public var layers: [LayerSpec]
  /// The weights the run started from (`untrained`, `IMAGENET1K_V1`, …).
  public var weights: String
  /// The learning-rate schedule (`Constant`, `CosineAnnealing`, `Exponential`).
  public var schedule: String
  /// Training epochs.
  public var epochCount: Int
  /// Batch size.
  public var batchSize: Int
  /// The optimizer, when tosim counts it (SparseAdam is not).
  public var optimizer: Optimizer?
  /// The optimizer's name as written.
  public var optimizerName: String

  /// The layers as one layer-spec line.
  public var specText: String { layers.map(\.text).joined(separator: " ") }
}

/// Reads cengiz-pen architecture token strings.
public enum TokenSpecReader {
  /// Whether `text` is a token string (it starts `dense input LIST_`).
  public static func isTokenString(_ text: String) -> Bool {
    text.trimmingPrefix(while: { $0 == " " }).hasPrefix("dense input LIST_")
  }

  /// The model of a token string.
  ///
  /// - Throws: `InputError` naming the token (1-based) and what was expected.
  public static func read(_ text: String) throws -> TokenModel {
    var reader = Reader(tokens: text.split(separator: " ").map(String.init))
    return try reader.model()
  }

  struct Reader {
    let tokens: [String]
    var i = 0
    var layers: [LayerSpec] = []
    /// The current shape without the batch: [C, H, W] or [features], channels-last when `channelsLast`.
    var shape: [Int] = []
    var channelsLast = false
    /// The channel count and spatial size after each layer, for concat(from).
    var outputs: [(channels: Int, spatial: [Int])] = []

    init(tokens: [String]) { self.tokens = tokens }

    func fail(_ message: String, at index: Int? = nil) -> InputError {
      let at = index ?? i
      let found = at < tokens.count ? "'\(tokens[at])'" : "the end"
      return InputError("token \(at + 1) (\(found)): \(message)")
    }

    mutating func next(_ what: String) throws -> String {
      guard i < tokens.count else { throw fail("expected \(what)") }
      defer { i += 1 }
      return tokens[i]
    }

    mutating func int(_ what: String) throws -> Int {
      let index = i
      guard let value = Int(try next(what)), value >= 1, value <= 1 << 40 else { throw fail("expected \(what), a whole number", at: index) }
      return value
    }

    /// `LIST_a_b…` as numbers; `0` as [0].
    mutating func list(_ what: String) throws -> [Int] {
      let index = i
      let token = try next(what)
      if token == "0" { return [0] }
      guard token.hasPrefix("LIST_") else { throw fail("expected \(what) as LIST_…", at: index) }
      let parts = token.dropFirst(5).split(separator: "_").map { Int($0) }
      guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? -1) >= 0 && ($0 ?? 0) <= 1 << 40 }) else {
        throw fail("expected \(what) as LIST_ of whole numbers", at: index)
      }
      return parts.compactMap { $0 }
    }

    /// A square size from `LIST_k_k` (or `0`).
    mutating func square(_ what: String) throws -> Int {
      let index = i
      let values = try list(what)
      guard Set(values).count == 1 else { throw fail("\(what) \(values) is not square; layer specs take one size", at: index) }
      return values[0]
    }

    mutating func emit(_ name: String, _ positional: [Any] = [], _ keywords: [(String, Any)] = []) {
      layers.append(LayerSpec(
        name: name, positional: positional.map { "\($0)" }, keywords: keywords.map { .init($0.0, "\($0.1)") },
        location: "token \(i)"))
      if shape.count == 3 {
        outputs.append((channelsLast ? shape[2] : shape[0], channelsLast ? Array(shape[0..<2]) : Array(shape[1...])))
      } else {
        outputs.append((shape.first ?? 0, []))
      }
    }

    mutating func channelsFirst() {
      guard channelsLast else { return }
      shape = [shape[2], shape[0], shape[1]]
      channelsLast = false
      emit("channelsfirst")
    }

    /// Makes the current feature map have `channels` channels, concatenating an earlier output when it has fewer.
    /// For a convolution, `branch` is its window, so that it can branch from an earlier output of the right size.
    mutating func expectChannels(_ channels: Int, at index: Int, branch: (k: Int, stride: Int, pad: Int)? = nil) throws {
      channelsFirst()
      guard shape.count == 3 else { throw fail("expects a feature map with \(channels) channels, the input is \(shape)", at: index) }
      if shape[0] == channels { return }
      let missing = channels - shape[0]
      if missing > 0, let from = outputs.indices.reversed().first(where: {
        outputs[$0].channels == missing && outputs[$0].spatial == Array(shape[1...]) && $0 < outputs.count - 1
      }) {
        shape[0] = channels
        emit("concat", [], [("from", from + 1)])
        return
      }
      // A branch from an earlier output (ResNet's downsampling convolution reads the block input).
      if let branch, let from = outputs.indices.reversed().first(where: {
        outputs[$0].channels == channels && outputs[$0].spatial.count == 2
          && outputs[$0].spatial.map { Self.window($0, branch.k, branch.stride, branch.pad) } == Array(shape[1...])
      }) {
        shape = [channels] + outputs[from].spatial
        emit("take", [], [("from", from + 1)])
        return
      }
      throw fail("expects \(channels) channels but the previous layer gives \(shape[0]) and no earlier output adds up", at: index)
    }

    static func window(_ size: Int, _ k: Int, _ stride: Int, _ pad: Int) -> Int { (size + 2 * pad - k) / stride + 1 }

    mutating func model() throws -> TokenModel {
      guard tokens.count >= 8, tokens[0] == "dense", tokens[1] == "input" else { throw fail("a token string starts 'dense input LIST_H_W_C'") }
      i = 2
      let input = try list("the input size LIST_H_W_C")
      guard input.count == 3, input.allSatisfy({ $0 >= 1 }) else { throw fail("the input size should be LIST_H_W_C", at: 2) }
      shape = [input[2], input[0], input[1]]
      emit("input", ["\(input[2])x\(input[0])x\(input[1])"])
      let body = tokens.count - 5
      while i < body {
        let start = i
        switch try next("a layer") {
        case "convolutional":
          let cIn = try int("c_in"), cOut = try int("c_out")
          let k = try square("the kernel"), stride = try square("the stride"), pad = try square("the padding")
          try expectChannels(cIn, at: start, branch: (k, max(stride, 1), pad))
          guard k >= 1, stride >= 1, shape[1] + 2 * pad >= k, shape[2] + 2 * pad >= k else { throw fail("the kernel does not fit \(shape)", at: start) }
          shape = [cOut, Self.window(shape[1], k, stride, pad), Self.window(shape[2], k, stride, pad)]
          emit("conv2d", [cIn, cOut, k], [("stride", stride), ("pad", pad)])
        case "normalization":
          let kind = try next("batch or layer")
          let c = try int("the channel count")
          _ = try next("epsilon")
          if kind == "batch" {
            _ = try next("momentum")
            try expectChannels(c, at: start)
            emit("batchnorm", [c])
          } else if kind == "layer" {
            if shape.count == 3 {
              if !channelsLast {
                guard shape[0] == c else { throw fail("layer norm over \(c) channels, the input is \(shape)", at: start) }
                shape = [shape[1], shape[2], shape[0]]
                channelsLast = true
                emit("channelslast")
              }
              guard shape[2] == c else { throw fail("layer norm over \(c) features, the input is \(shape)", at: start) }
            } else {
              guard shape == [c] else { throw fail("layer norm over \(c) features, the input is \(shape)", at: start) }
            }
            emit("layernorm", [c])
          } else {
            throw fail("unknown normalization '\(kind)'; expected batch or layer", at: start + 1)
          }
        case "nl_activation":
          let name = try next("an activation")
          guard LayerLowering.layerNames.contains(name) else { throw fail("activation '\(name)' has no layer", at: start + 1) }
          emit(name)
        case "pooling":
          let kind = try next("max, average or adaptive_avg")
          channelsFirst()
          guard shape.count == 3 else { throw fail("pooling needs a feature map, the input is \(shape)", at: start) }
          if kind == "adaptive_avg" {
            let out = try list("the output size")
            guard out.count == 2, out.allSatisfy({ $0 >= 1 }) else { throw fail("adaptive pooling needs LIST_H_W", at: start + 2) }
            shape = [shape[0], out[0], out[1]]
            emit("adaptiveavgpool", ["\(out[0])x\(out[1])"])
          } else if kind == "max" || kind == "average" {
            let k = try square("the window"), stride = try square("the stride"), pad = try square("the padding")
            guard k >= 1, stride >= 1, shape[1] + 2 * pad >= k, shape[2] + 2 * pad >= k else {
              throw fail("the window does not fit \(shape)", at: start)
            }
            shape = [shape[0], Self.window(shape[1], k, stride, pad), Self.window(shape[2], k, stride, pad)]
            emit(kind == "max" ? "maxpool" : "avgpool", [k], [("stride", stride), ("pad", pad)])
          } else {
            throw fail("unknown pooling '\(kind)'", at: start + 1)
          }
        case "dropout":
          let p = try next("the dropout probability")
          emit("dropout", [p])
        case "dense":
          if i < body, tokens[i] == "output" { i += 1 }
          let inputs = try int("in"), outputs = try int("out")
          if shape.count == 3 {
            let features = try Checked.product(shape)
            if channelsLast && shape[2] == inputs {
              // A linear layer on the channels of a channels-last map.
            } else if !channelsLast && shape[0] == inputs && features != inputs {
              shape = [shape[1], shape[2], shape[0]]
              channelsLast = true
              emit("channelslast")
            } else if features == inputs {
              shape = [features]
              channelsLast = false
              emit("flatten")
            } else {
              throw fail("dense expects \(inputs) inputs, the feature map \(shape) gives \(features)", at: start)
            }
          }
          if shape.count == 3 {
            shape[2] = outputs
          } else {
            guard shape == [inputs] else { throw fail("dense expects \(inputs) inputs, the input is \(shape)", at: start) }
            shape = [outputs]
          }
          emit("dense", [inputs, outputs])
        default:
          throw fail("unknown layer token", at: start)
        }
      }
      channelsFirst()
      let weights = tokens[body], schedule = tokens[body + 1]
      guard let epochs = Int(tokens[body + 2]), epochs >= 1, let batch = Int(tokens[body + 3]), batch >= 1 else {
        throw fail("the last five tokens should be weights, schedule, epochs, batch size and optimizer", at: body)
      }
      let name = tokens[body + 4]
      return TokenModel(
        layers: layers, weights: weights, schedule: schedule, epochCount: epochs, batchSize: batch,
        optimizer: Optimizer(rawValue: name.lowercased()), optimizerName: name)
    }
  }
}
