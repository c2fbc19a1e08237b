import Foundation

/// A problem in a run config, with the JSON path of the offending part.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}
