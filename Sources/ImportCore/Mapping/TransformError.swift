import Foundation

/// Why a transform could not apply to a value: becomes a per-record failure.
public struct TransformError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for the record's failure reason.
    public let message: String
    /// A transform failure saying what went wrong.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
