//===--- ONNXReader.swift --------------------------------------------------===//
// Reads ONNX model files into a TosimNN Graph with a hand-written decoder of
// the protobuf messages it needs. Field numbers follow the ONNX schema
// onnx/onnx.proto (github.com/onnx/onnx, IR version 9/10):
//   ModelProto      1 ir_version, 7 graph, 8 opset_import (OperatorSetIdProto: 1 domain, 2 version)
//   GraphProto      1 node, 2 name, 5 initializer, 11 input, 12 output, 13 value_info
//   NodeProto       1 input, 2 output, 3 name, 4 op_type, 5 attribute, 7 domain
//   AttributeProto  1 name, 2 f, 3 i, 4 s, 5 t, 7 floats, 8 ints, 9 strings, 20 type
//   ValueInfoProto  1 name, 2 type; TypeProto 1 tensor_type (1 elem_type, 2 shape);
//                   TensorShapeProto 1 dim (1 dim_value, 2 dim_param)
//   TensorProto     1 dims, 2 data_type, 4 float_data, 5 int32_data, 7 int64_data,
//                   8 name, 9 raw_data, 10 double_data
// Tensor payloads are skipped: the file is memory-mapped and only the bytes of
// headers and of small integer tensors (shapes, axes: ≤ 1024 values) are read.
// Reached from `tosim count MODEL.onnx`.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats
import TosimNN

/// Reads ONNX files.
public enum ONNXReader {
  /// Integer tensors with at most this many values have their values read.
  public static let smallTensorLimit = 1024

  /// Reads the model at `path` (memory-mapped).
  ///
  /// - Throws: `InputError` naming the file for unreadable or malformed files.
  public static func read(path: String) throws -> Graph {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
      throw InputError("cannot read file: \(error.localizedDescription)", file: path)
    }
    return try decode(data, file: path)
  }

  /// Decodes a serialized ModelProto.
  public static func decode(_ data: Data, file: String) throws -> Graph {
    try data.withUnsafeBytes { bytes in
      var reader = ProtobufReader(bytes, range: 0..<bytes.count, message: "ModelProto", file: file)
      return try model(&reader)
    }
  }

  // MARK: - Messages

  static func model(_ r: inout ProtobufReader) throws -> Graph {
    var graph: Graph?
    var opset: Int?
    while let (field, wire) = try r.nextField() {
      switch field {
      case 7:
        try r.expect(wire, .lengthDelimited, field: "graph")
        var sub = try r.embedded("GraphProto")
        graph = try self.graph(&sub)
      case 8:
        try r.expect(wire, .lengthDelimited, field: "opset_import")
        var sub = try r.embedded("OperatorSetIdProto")
        var domain = "", version = 0
        while let (f, w) = try sub.nextField() {
          if f == 1, w == .lengthDelimited { domain = try sub.string() } else if f == 2, w == .varint { version = try sub.int() } else { try sub.skip(w) }
        }
        if domain.isEmpty || domain == "ai.onnx" { opset = version }
      default: try r.skip(wire)
      }
    }
    guard var graph else { throw InputError("not an ONNX model: no graph (ModelProto field 7)", file: r.file) }
    if let opset {
      guard opset >= 1 else {
        throw InputError("opset_import of the default ONNX domain has version \(opset), expected 1 or more", file: r.file)
      }
      graph.opsetVersion = opset
    }
    return graph
  }

  static func graph(_ r: inout ProtobufReader) throws -> Graph {
    var graph = Graph(name: "")
    while let (field, wire) = try r.nextField() {
      switch (field, wire) {
      case (1, .lengthDelimited):
        var sub = try r.embedded("NodeProto #\(graph.nodes.count)")
        graph.nodes.append(try node(&sub))
      case (2, .lengthDelimited): graph.name = try r.string()
      case (5, .lengthDelimited):
        var sub = try r.embedded("TensorProto (initializer #\(graph.initializers.count))")
        graph.initializers.append(try tensor(&sub))
      case (11, .lengthDelimited), (12, .lengthDelimited), (13, .lengthDelimited):
        var sub = try r.embedded("ValueInfoProto")
        let info = try valueInfo(&sub)
        if field == 11 { graph.inputs.append(info) } else if field == 12 { graph.outputs.append(info) } else { graph.valueInfos.append(info) }
      case (1, _), (2, _), (5, _), (11, _), (12, _), (13, _):
        throw r.error("field \(field) should be length-delimited")
      default: try r.skip(wire)
      }
    }
    return graph
  }

  static func node(_ r: inout ProtobufReader) throws -> Node {
    var node = Node(name: "", opType: "", inputs: [], outputs: [])
    while let (field, wire) = try r.nextField() {
      switch (field, wire) {
      case (1, .lengthDelimited): node.inputs.append(try r.string())
      case (2, .lengthDelimited): node.outputs.append(try r.string())
      case (3, .lengthDelimited): node.name = try r.string()
      case (4, .lengthDelimited): node.opType = try r.string()
      case (7, .lengthDelimited): node.domain = try r.string()
      case (5, .lengthDelimited):
        var sub = try r.embedded("AttributeProto")
        node.attributes.append(try attribute(&sub))
      case (1, _), (2, _), (3, _), (4, _), (5, _), (7, _): throw r.error("field \(field) should be length-delimited")
      default: try r.skip(wire)
      }
    }
    if node.opType.isEmpty { throw r.error("node '\(node.name)' has no op_type") }
    return node
  }

  static func attribute(_ r: inout ProtobufReader) throws -> Attribute {
    var name = "", type = 0
    var f: Double?, i: Int?, s: String?, t: Initializer?
    var floats: [Double] = [], ints: [Int] = [], strings: [String] = []
    while let (field, wire) = try r.nextField() {
      switch (field, wire) {
      case (1, .lengthDelimited): name = try r.string()
      case (20, .varint): type = try r.int()
      case (2, .fixed32): f = try r.float()
      case (3, .varint): i = try r.int()
      case (4, .lengthDelimited): s = try r.string()
      case (5, .lengthDelimited):
        var sub = try r.embedded("TensorProto (attribute)")
        t = try tensor(&sub)
      case (7, _): try r.floats(wire, into: &floats)
      case (8, _): try r.ints(wire, into: &ints)
      case (9, .lengthDelimited): strings.append(try r.string())
      default: try r.skip(wire)
      }
    }
    // AttributeProto.AttributeType: 1 FLOAT, 2 INT, 3 STRING, 4 TENSOR, 6 FLOATS, 7 INTS, 8 STRINGS.
    let value: Attribute.Value
    switch type {
    case 1: value = .float(f ?? 0)
    case 2: value = .int(i ?? 0)
    case 3: value = .string(s ?? "")
    case 4: value = t.map { .tensor($0) } ?? .unsupported
    case 6: value = .floats(floats)
    case 7: value = .ints(ints)
    case 8: value = .strings(strings)
    case 0:
      // IR < 2 files carry no type: use whichever field is present.
      if let t { value = .tensor(t) } else if let f { value = .float(f) } else if let i { value = .int(i) } else if let s {
        value = .string(s)
      } else if !floats.isEmpty { value = .floats(floats) } else if !ints.isEmpty { value = .ints(ints) } else if !strings.isEmpty {
        value = .strings(strings)
      } else { value = .unsupported }
    default: value = .unsupported
    }
    return Attribute(name, value)
  }

  static func valueInfo(_ r: inout ProtobufReader) throws -> ValueInfo {
    var info = ValueInfo(name: "", type: nil)
    while let (field, wire) = try r.nextField() {
      if field == 1, wire == .lengthDelimited {
        info.name = try r.string()
      } else if field == 2, wire == .lengthDelimited {
        var typeProto = try r.embedded("TypeProto")
        while let (f, w) = try typeProto.nextField() {
          guard f == 1, w == .lengthDelimited else { try typeProto.skip(w); continue }
          var tensorType = try typeProto.embedded("TypeProto.Tensor")
          info.type = try self.tensorType(&tensorType)
        }
      } else {
        try r.skip(wire)
      }
    }
    return info
  }

  static func tensorType(_ r: inout ProtobufReader) throws -> TensorType? {
    var code = 0
    var dims: [TosimNN.Dimension]?
    while let (field, wire) = try r.nextField() {
      if field == 1, wire == .varint {
        code = try r.int()
      } else if field == 2, wire == .lengthDelimited {
        var shape = try r.embedded("TensorShapeProto")
        dims = []
        while let (f, w) = try shape.nextField() {
          guard f == 1, w == .lengthDelimited else { try shape.skip(w); continue }
          var dim = try shape.embedded("TensorShapeProto.Dimension")
          var value = TosimNN.Dimension.unknown
          while let (g, x) = try dim.nextField() {
            if g == 1, x == .varint { value = .value(try dim.int()) } else if g == 2, x == .lengthDelimited { value = .symbol(try dim.string()) } else { try dim.skip(x) }
          }
          dims?.append(value)
        }
      } else {
        try r.skip(wire)
      }
    }
    guard let element = ElementType(onnxCode: code) else {
      throw r.error("unknown tensor element type \(code)")
    }
    return TensorType(element: element, dimensions: dims)
  }

  static func tensor(_ r: inout ProtobufReader) throws -> Initializer {
    var name = "", code = 0
    var dims: [Int] = [], int64Data: [Int] = [], int32Data: [Int] = [], floatData: [Double] = [], doubleData: [Double] = []
    var raw: Range<Int>?
    var small = true  // stop collecting values once a tensor is known to be large
    while let (field, wire) = try r.nextField() {
      switch (field, wire) {
      case (1, _): try r.ints(wire, into: &dims)
      case (2, .varint): code = try r.int()
      case (8, .lengthDelimited): name = try r.string()
      case (9, .lengthDelimited): raw = try r.lengthDelimited()
      case (7, _) where small: try r.ints(wire, into: &int64Data)
      case (5, _) where small: try r.ints(wire, into: &int32Data)
      case (4, _) where small: try r.floats(wire, into: &floatData)
      case (10, .fixed64) where small: doubleData.append(Double(bitPattern: try r.fixed(8)))
      default: try r.skip(wire)
      }
      small = int64Data.count + int32Data.count + floatData.count + doubleData.count <= smallTensorLimit
    }
    guard let element = ElementType(onnxCode: code) else { throw r.error("tensor '\(name)' has unknown data type \(code)") }
    if let bad = dims.first(where: { $0 < 0 }) { throw r.error("tensor '\(name)' has a negative dimension \(bad)") }
    var count = 1
    for d in dims {
      let (product, overflow) = count.multipliedReportingOverflow(by: d)
      if overflow { throw r.error("tensor '\(name)' has more elements than fit in 64 bits") }
      count = product
    }
    var tensor = Initializer(name: name, element: element, dimensions: dims)
    guard count <= smallTensorLimit else { return tensor }
    switch code {
    case 7, 6, 3, 5, 2, 4, 12, 13:  // integer types
      if !int64Data.isEmpty { tensor.integerValues = int64Data } else if !int32Data.isEmpty { tensor.integerValues = int32Data } else if let raw {
        let width = element.bitWidth / 8
        guard width > 0, raw.count == count * width else { throw r.error("tensor '\(name)' raw_data has \(raw.count) bytes, expected \(count * width)") }
        tensor.integerValues = (0..<count).map { i in
          var value: UInt64 = 0
          for b in 0..<width { value |= UInt64(r.bytes[raw.lowerBound + i * width + b]) << UInt64(8 * b) }
          let shift = UInt64(64 - 8 * width)
          let signed = code == 7 || code == 6 || code == 3 || code == 5
          return signed ? Int(Int64(bitPattern: value << shift) >> Int64(shift)) : Int(truncatingIfNeeded: value)
        }
      }
    case 1:
      if !floatData.isEmpty { tensor.floatValues = floatData } else if let raw, raw.count == count * 4 {
        tensor.floatValues = (0..<count).map { i in
          var bits: UInt32 = 0
          for b in 0..<4 { bits |= UInt32(r.bytes[raw.lowerBound + i * 4 + b]) << UInt32(8 * b) }
          return Double(Float(bitPattern: bits))
        }
      }
    case 11:
      if !doubleData.isEmpty { tensor.floatValues = doubleData }
    default: break
    }
    if let values = tensor.integerValues, values.count != count { tensor.integerValues = nil }
    if let values = tensor.floatValues, values.count != count { tensor.floatValues = nil }
    return tensor
  }
}
