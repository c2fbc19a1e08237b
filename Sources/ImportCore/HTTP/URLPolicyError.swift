import Foundation

/// Why a URL cannot be used to reach a source.
public struct URLPolicyError: Error, Sendable, Equatable, CustomStringConvertible, CategorizedError {
    public var category: ErrorCategory { .configuration }

    public let url: String
    public let message: String
    public let hint: String

    public var description: String { "\(message): \(url)\n  hint: \(hint)" }
}
