import Foundation

/// A secret held only in memory. It never prints itself: `description` and string interpolation show
/// a placeholder, so a secret cannot reach a log line or an error message by accident.
public struct SecretString: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let storage: [UInt8]

    public init(_ text: String) { storage = Array(text.utf8) }
    public init(bytes: [UInt8]) { storage = bytes }

    /// The secret's text, for the one place that must send it.
    public func reveal() -> String { String(decoding: storage, as: UTF8.self) }
    public var bytes: [UInt8] { storage }
    public var isEmpty: Bool { storage.isEmpty }

    public var description: String { "‹redacted›" }
    public var debugDescription: String { "‹redacted›" }
}
