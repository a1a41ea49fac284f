//===--- Helpers.swift -----------------------------------------------------===//
// Fixture paths and small graph builders shared by the TosimNN tests. Not API.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats
import TosimIO
import TosimNN

enum Fixtures {
  /// The Fixtures folder copied into the test bundle.
  static let folder: String = Bundle.module.path(forResource: "Fixtures", ofType: nil)!

  /// A fixture file's path.
  static func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
}

/// A one-node graph: graph inputs `inputs` (name, shape), weights `weights`, and node `op`.
func singleNode(
  _ op: String, inputs: [(String, [Int])], weights: [(String, [Int])] = [], attributes: [Attribute] = [],
  outputs: Int = 1, element: ElementType = .float, opset: Int = 17, name: String = "n"
) -> Graph {
  Graph(
    name: "test",
    nodes: [Node(name: name, opType: op, inputs: inputs.map(\.0) + weights.map(\.0), outputs: (0..<outputs).map { "y\($0)" },
      attributes: attributes)],
    inputs: inputs.map { ValueInfo(name: $0.0, type: TensorType(element: element, dimensions: $0.1.map { .value($0) })) },
    initializers: weights.map { Initializer(name: $0.0, element: element, dimensions: $0.1) }, opsetVersion: opset)
}

/// The counts of a layer spec.
func countSpec(_ spec: String, options: CountOptions = .init(), precision: Precision = .fp32) throws -> NetworkCount {
  try NetworkCounter.count(LayerLowering.graph(LayerSpecParser.parse(spec), precision: precision), options: options)
}

/// The description of the InputError `body` throws, or `nil` when it succeeds or throws something else.
func inputErrorMessage(_ body: () throws -> some Any) -> String? {
  do {
    _ = try body()
    return nil
  } catch let error as InputError {
    return error.description
  } catch {
    return nil
  }
}
