/// Why a rich-text document could not be flattened.
public struct TextConversionError: Error, Sendable, Equatable, CustomStringConvertible, CategorizedError {
    public var category: ErrorCategory { .failure }

    public let message: String
    public var description: String { message }
}
