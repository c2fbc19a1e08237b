import Foundation

/// Why a byte sequence is not a JSON document, and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible, CategorizedError {
    public var category: ErrorCategory { .failure }

    public let message: String
    /// Byte offset of the problem in the input.
    public let offset: Int

    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}
