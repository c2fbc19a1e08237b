import Foundation

/// Why a URL cannot be used to reach a source.
public struct URLPolicyError: Error, Sendable, Equatable, CustomStringConvertible, CategorizedError {
    /// A URL refused by policy is a configuration problem (exit 2).
    public var category: ErrorCategory { .configuration }

    /// The URL refused, redacted.
    public let url: String
    /// Why it was refused.
    public let message: String
    /// What to do instead.
    public let hint: String

    /// The message, the URL and the hint.
    public var description: String { "\(message): \(url)\n  hint: \(hint)" }
}
