import Foundation

/// Why a transform in a table does not parse.
public enum TransformParseError: Error, Sendable, Equatable {
    case unknown(name: String, suggestion: String?)
    case missingArgument(name: String)
    case unexpectedArgument(name: String, argument: String)
    case badArgument(name: String, argument: String, expected: String)

    var message: String {
        switch self {
        case .unknown(let name, let suggestion):
            return "unknown transform \"\(name)\"" + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
        case .missingArgument(let name): return "transform \"\(name)\" needs an argument: \(name)(…)"
        case .unexpectedArgument(let name, let argument):
            return "transform \"\(name)\" takes no argument (got \"\(argument)\")"
        case .badArgument(let name, let argument, let expected):
            return "transform \"\(name)\": \"\(argument)\" is not \(expected)"
        }
    }
}
