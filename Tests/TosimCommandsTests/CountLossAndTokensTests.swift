//===--- CountLossAndTokensTests.swift -------------------------------------===//
// `tosim count --loss`, `--im2col`, and token strings as MODEL: the run's
// batch size and optimizer apply unless given, and --each reads them too.
//===----------------------------------------------------------------------===//
import Foundation
import Testing
import TosimCommands
import _TosimTestSupport

@Suite("tosim count losses and token strings")
struct CountLossAndTokensTests {
  static func json(_ arguments: [String]) throws -> [String: Any] {
    let result = TestSupport.runTosim(arguments)
    #expect(result.status == 0, "\(result.error)")
    return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
  }

  static func layers(_ json: [String: Any]) -> [[String: Any]] { json["layers"] as? [[String: Any]] ?? [] }

  @Test("--loss appends the loss node; a bad name exits 64")
  func loss() throws {
    let json = try Self.json(["count", "dense(3,2)", "--batch", "4", "--training", "--loss", "mse", "--json"])
    let loss = try #require(Self.layers(json).last)
    #expect(loss["op"] as? String == "MSELoss")
    // 8 predictions: 8 sub, 8 mul, 7 add, 1 div.
    #expect((loss["forward"] as? [String: Any])?["ops"] as? [String: Int] == ["add": 7, "sub": 8, "mul": 8, "div": 1])
    #expect(TestSupport.runTosim(["count", "dense(3,2)", "--loss", "hinge"]).status == 64)
    #expect(TestSupport.runTosim(["count", "dense(3,2) mse", "--loss", "mse"]).status == 65)
  }

  @Test("--im2col adds the column matrix to the convolution's bytes")
  func im2col() throws {
    let plain = try Self.json(["count", "conv2d(2,3,3,in=5x5)", "--json"])
    let columns = try Self.json(["count", "conv2d(2,3,3,in=5x5)", "--im2col", "--json"])
    func written(_ json: [String: Any]) -> Int? { (Self.layers(json).first?["forward"] as? [String: Any])?["bytes_written"] as? Int }
    // 162 column elements, 648 bytes.
    #expect(written(plain) == 108 && written(columns) == 108 + 648)
  }

  @Test("a token string counts with its own batch size and optimizer unless given")
  func tokens() throws {
    let tokens = "dense input LIST_4_4_1 dense output 16 2 nl_activation softmax untrained Constant 3 8 RMSprop"
    let own = try Self.json(["count", tokens, "--training", "--json"])
    #expect(own["batch"] as? Int == 8 && own["optimizer"] as? String == "rmsprop" && own["steps"] as? Int == 3)
    let given = try Self.json(["count", tokens, "--training", "--batch", "2", "--optimizer", "sgd", "--json"])
    #expect(given["batch"] as? Int == 2 && given["optimizer"] as? String == "sgd")
    let sparse = TestSupport.runTosim(["count", tokens.replacingOccurrences(of: "RMSprop", with: "SparseAdam"), "--training"])
    #expect(sparse.status == 65 && sparse.error.contains("SparseAdam"))
  }
}
