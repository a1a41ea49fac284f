//===--- JSONValue.swift ---------------------------------------------------===//
// A parsed JSON document as a plain enum, decoded with Foundation's JSONDecoder,
// with helpers that turn type mismatches into InputErrors naming the JSON path.
// Shared by the model-spec and cost-table readers.
//===----------------------------------------------------------------------===//
import Foundation
import TosimFormats

/// Any JSON value.
enum JSONValue: Decodable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: Decoder) throws {
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
      self = .object(try container.decode([String: JSONValue].self))
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

  /// The JSON type's name, for errors.
  var typeName: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .int, .double: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }

  /// The value as a number, if it is one.
  var number: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: return nil
    }
  }
}

/// Typed access to a JSON object's members with located errors.
struct JSONObject {
  let members: [String: JSONValue]
  /// The JSON path of the object (`ops[2]`).
  let path: String
  let file: String

  init(_ value: JSONValue, path: String, file: String) throws {
    guard case .object(let members) = value else {
      throw InputError("\(path.isEmpty ? "the document" : path) should be an object, found \(value.typeName)", file: file)
    }
    self.members = members
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
