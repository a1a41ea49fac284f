//===--- InputError+Echo.swift ---------------------------------------------===//
// Shortens user text quoted back in an error message, so a 50 MB operand or
// a runaway argument is echoed as its first characters and its length, not
// whole. Every command's error messages that quote user input go through it.
//===----------------------------------------------------------------------===//

extension InputError {
  /// The longest user text an error message quotes whole.
  public static let echoLimit = 64

  /// `text` as an error message quotes it: unchanged when short, else its
  /// first `limit` characters, an ellipsis and the full length.
  public static func echo<S: StringProtocol>(_ text: S, limit: Int = echoLimit) -> String {
    guard text.count > limit else { return String(text) }
    return String(text.prefix(limit)) + "… (\(text.count) characters)"
  }
}
