//===--- ProtobufReader.swift ----------------------------------------------===//
// A minimal reader of the protocol buffers wire format
// (https://protobuf.dev/programming-guides/encoding/): base-128 varints,
// length-delimited fields, fixed32/fixed64 and packed repeated scalars. It
// walks a borrowed byte buffer (a memory-mapped file) without copying it, so
// skipped fields such as tensor payloads are never touched. Every malformed
// byte sequence is an InputError with the message name and byte offset.
//===----------------------------------------------------------------------===//
import TosimFormats

/// A cursor over one protobuf message in a borrowed buffer.
struct ProtobufReader {
  /// The protobuf wire types (groups, 3 and 4, are rejected).
  enum WireType: Int {
    case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
  }

  /// The whole buffer.
  let bytes: UnsafeRawBufferPointer
  /// The next byte to read.
  private(set) var offset: Int
  /// One past the message's last byte.
  let end: Int
  /// The message being read, for errors (`NodeProto`).
  let message: String
  /// The file, for errors.
  let file: String

  /// A reader of `bytes[range]` as message `message`.
  init(_ bytes: UnsafeRawBufferPointer, range: Range<Int>, message: String, file: String) {
    self.bytes = bytes
    offset = range.lowerBound
    end = range.upperBound
    self.message = message
    self.file = file
  }

  /// An InputError at the current offset.
  func error(_ what: String) -> InputError {
    InputError("malformed protobuf in \(message) at byte \(offset): \(what)", file: file)
  }

  /// Whether the message has more fields.
  var hasMore: Bool { offset < end }

  /// The next field's number and wire type, or `nil` at the end of the message.
  mutating func nextField() throws -> (number: Int, wireType: WireType)? {
    guard offset < end else { return nil }
    let key = try varint()
    guard let wireType = WireType(rawValue: Int(key & 7)) else { throw error("unsupported wire type \(key & 7)") }
    let number = key >> 3
    guard number >= 1, number < 1 << 29 else { throw error("invalid field number \(number)") }
    return (Int(number), wireType)
  }

  /// A base-128 varint of at most 10 bytes.
  mutating func varint() throws -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < end else { throw error("truncated varint") }
      let byte = bytes[offset]
      offset += 1
      if shift == 63 && byte > 1 { throw error("varint longer than 64 bits") }
      result |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return result }
      shift += 7
      if shift > 63 { throw error("varint longer than 10 bytes") }
    }
  }

  /// A varint read as a two's-complement 64-bit integer (int64, int32 and enums).
  mutating func int() throws -> Int { Int(Int64(bitPattern: try varint())) }

  /// A little-endian fixed-width value of `width` bytes.
  mutating func fixed(_ width: Int) throws -> UInt64 {
    guard end - offset >= width else { throw error("truncated fixed\(width * 8) value") }
    var value: UInt64 = 0
    for i in 0..<width { value |= UInt64(bytes[offset + i]) << UInt64(8 * i) }
    offset += width
    return value
  }

  /// A fixed32 float.
  mutating func float() throws -> Double { Double(Float(bitPattern: UInt32(try fixed(4)))) }

  /// The byte range of a length-delimited field, skipped over.
  mutating func lengthDelimited() throws -> Range<Int> {
    let length = try varint()
    guard length <= UInt64(end - offset) else { throw error("length \(length) runs past the end of the message") }
    let range = offset..<(offset + Int(length))
    offset = range.upperBound
    return range
  }

  /// A length-delimited field decoded as UTF-8 (invalid bytes become U+FFFD).
  mutating func string() throws -> String {
    let range = try lengthDelimited()
    return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
  }

  /// A reader of the embedded message in the next length-delimited field.
  mutating func embedded(_ message: String) throws -> ProtobufReader {
    ProtobufReader(bytes, range: try lengthDelimited(), message: message, file: file)
  }

  /// Skips a field of `wireType`.
  mutating func skip(_ wireType: WireType) throws {
    switch wireType {
    case .varint: _ = try varint()
    case .fixed64: _ = try fixed(8)
    case .fixed32: _ = try fixed(4)
    case .lengthDelimited: _ = try lengthDelimited()
    }
  }

  /// Appends one or more varint integers: a single value, or a packed run.
  mutating func ints(_ wireType: WireType, into values: inout [Int]) throws {
    switch wireType {
    case .varint: values.append(try int())
    case .lengthDelimited:
      var packed = ProtobufReader(bytes, range: try lengthDelimited(), message: message, file: file)
      while packed.hasMore { values.append(try packed.int()) }
    default: throw error("expected a varint or packed varints, got wire type \(wireType.rawValue)")
    }
  }

  /// Appends one or more fixed32 floats: a single value, or a packed run.
  mutating func floats(_ wireType: WireType, into values: inout [Double]) throws {
    switch wireType {
    case .fixed32: values.append(try float())
    case .lengthDelimited:
      var packed = ProtobufReader(bytes, range: try lengthDelimited(), message: message, file: file)
      while packed.hasMore { values.append(try packed.float()) }
    default: throw error("expected fixed32 floats, got wire type \(wireType.rawValue)")
    }
  }

  /// Throws unless `wireType` is `expected`.
  func expect(_ wireType: WireType, _ expected: WireType, field: String) throws {
    if wireType != expected { throw error("field \(field) has wire type \(wireType.rawValue), expected \(expected.rawValue)") }
  }
}
