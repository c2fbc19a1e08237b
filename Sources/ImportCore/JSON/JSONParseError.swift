import Foundation

/// Why a byte sequence is not a JSON document, and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible, CategorizedError {
    /// Unreadable JSON is a failure (exit 1).
    public var category: ErrorCategory { .failure }

    /// What is wrong.
    public let message: String
    /// Byte offset of the problem in the input.
    public let offset: Int

    /// Where and what.
    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}
