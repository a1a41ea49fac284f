//===--- JSONDuplicateKeys.swift -------------------------------------------===//
// Finds a key that appears twice in one object of a well-formed JSON text.
// JSONDecoder keeps only one of the values, so without this check a JSON
// model spec such as {"layer": "dense", "in": 784, "in": 3} would be counted
// with one of them silently. Used by ModelSpecReader (`tosim count SPEC.json`).
//===----------------------------------------------------------------------===//
import Foundation

enum JSONDuplicateKeys {
  /// The first key that repeats within one object of `data` (compared as written), or `nil`.
  ///
  /// `data` must already have parsed as JSON; the scan only tracks strings and nesting.
  /// - Complexity: O(bytes).
  static func first(in data: Data) -> String? {
    // One entry per open object or array: the keys seen (nil for arrays) and whether a key comes next.
    var stack: [(keys: Set<[UInt8]>?, expectingKey: Bool)] = []
    var string: [UInt8]?
    var escaped = false
    for byte in data {
      if var current = string {
        if escaped {
          escaped = false
          current.append(byte)
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
          current.append(byte)
        } else if byte == UInt8(ascii: "\"") {
          string = nil
          if let top = stack.last, var keys = top.keys, top.expectingKey {
            guard keys.insert(current).inserted else { return String(decoding: current, as: UTF8.self) }
            stack[stack.count - 1] = (keys, false)
          }
          continue
        } else {
          current.append(byte)
        }
        string = current
        continue
      }
      switch byte {
      case UInt8(ascii: "\""): string = []
      case UInt8(ascii: "{"): stack.append(([], true))
      case UInt8(ascii: "["): stack.append((nil, false))
      case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = stack.popLast()
      case UInt8(ascii: ","):
        if let top = stack.last, top.keys != nil { stack[stack.count - 1].expectingKey = true }
      default: break
      }
    }
    return nil
  }
}
