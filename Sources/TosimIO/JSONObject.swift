//===--- JSONObject.swift --------------------------------------------------===//
// Typed access to the members of a parsed JSON object: type mismatches and
// missing keys become InputErrors naming the file and the JSON path
// (`ops[2].to_static`). Used by the model-spec and cost-table readers.
// CLI: `tosim count MODEL.json`, `tosim count --table FILE`.
//===----------------------------------------------------------------------===//
import TosimFormats

/// Typed access to a JSON object's members with located errors.
struct JSONObject {
  let members: [String: JSONValue]
  /// The JSON path of the object (`ops[2]`).
  let path: String
  let file: String

  init(_ value: JSONValue, path: String, file: String) throws {
    guard case .object(let pairs) = value else {
      throw InputError("\(path.isEmpty ? "the document" : path) should be an object, found \(value.typeName)", file: file)
    }
    self.members = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    self.path = path
    self.file = file
  }

  func error(_ key: String, _ what: String) -> InputError {
    InputError("\(path.isEmpty ? "" : path + ".")\(key): \(what)", file: file)
  }

  func string(_ key: String) throws -> String? {
    switch members[key] {
    case nil, .null?: return nil
    case .string(let s)?: return s
    case let other?: throw error(key, "should be a string, found \(other.typeName)")
    }
  }

  func requiredString(_ key: String) throws -> String {
    guard let s = try string(key) else { throw error(key, "is missing") }
    return s
  }

  func int(_ key: String) throws -> Int? {
    switch members[key] {
    case nil, .null?: return nil
    case .int(let i)?: return i
    case .double(let d)? where d == d.rounded() && abs(d) < 9e15: return Int(d)
    case let other?: throw error(key, "should be a whole number, found \(other.typeName)")
    }
  }

  func double(_ key: String) throws -> Double? {
    switch members[key] {
    case nil, .null?: return nil
    case let value?:
      guard let d = value.number, d.isFinite else { throw error(key, "should be a number, found \(value.typeName)") }
      return d
    }
  }

  func array(_ key: String) throws -> [JSONValue]? {
    switch members[key] {
    case nil, .null?: return nil
    case .array(let a)?: return a
    case let other?: throw error(key, "should be an array, found \(other.typeName)")
    }
  }
}
