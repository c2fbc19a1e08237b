import Foundation

/// Why a transform could not apply to a value: becomes a per-record failure.
public struct TransformError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
