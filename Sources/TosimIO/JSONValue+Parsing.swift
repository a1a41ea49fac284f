//===--- JSONValue+Parsing.swift -------------------------------------------===//
// Parsing JSON text into JSONValue with Foundation's JSONDecoder; syntax
// errors become InputErrors naming the file. Object members come back with
// their keys sorted (JSONDecoder does not keep the written order).
// CLI: `tosim count MODEL.json`, `tosim count --table FILE`.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

extension JSONValue: Decodable {
  /// Decodes any JSON value.
  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let b = try? container.decode(Bool.self) {
      self = .bool(b)
    } else if let i = try? container.decode(Int.self) {
      self = .int(i)
    } else if let d = try? container.decode(Double.self) {
      self = .double(d)
    } else if let s = try? container.decode(String.self) {
      self = .string(s)
    } else if let a = try? container.decode([JSONValue].self) {
      self = .array(a)
    } else {
      let members = try container.decode([String: JSONValue].self)
      self = .object(members.keys.sorted().map { ($0, members[$0] ?? .null) })
    }
  }

  /// Parses `data`, reporting syntax errors as InputErrors on `file`.
  static func parse(_ data: Data, file: String) throws -> JSONValue {
    do {
      return try JSONDecoder().decode(JSONValue.self, from: data)
    } catch let DecodingError.dataCorrupted(context) {
      let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
      throw InputError("malformed JSON: \(underlying ?? context.debugDescription)", file: file)
    } catch {
      throw InputError("malformed JSON: \(error)", file: file)
    }
  }

  /// Reads a file as JSON.
  static func read(path: String) throws -> JSONValue {
    guard let data = FileManager.default.contents(atPath: path) else { throw InputError("cannot read file", file: path) }
    return try parse(data, file: path)
  }
}
