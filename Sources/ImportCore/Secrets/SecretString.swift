import Foundation

/// A secret held only in memory. It never prints itself: `description` and string interpolation show
/// a placeholder, so a secret cannot reach a log line or an error message by accident.
public struct SecretString: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let storage: [UInt8]

    /// A secret from text.
    public init(_ text: String) { storage = Array(text.utf8) }
    /// A secret from raw bytes.
    public init(bytes: [UInt8]) { storage = bytes }

    /// The secret's text, for the one place that must send it.
    public func reveal() -> String { String(decoding: storage, as: UTF8.self) }
    /// The secret's bytes, for the one request or encryption that needs them.
    public var bytes: [UInt8] { storage }
    /// Whether the secret is empty (a missing token).
    public var isEmpty: Bool { storage.isEmpty }

    /// Never the secret: printing one shows a placeholder.
    public var description: String { "‹redacted›" }
    /// Never the secret, in debug output either.
    public var debugDescription: String { "‹redacted›" }
}
