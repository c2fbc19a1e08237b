/// Why a rich-text document could not be flattened.
public struct TextConversionError: Error, Sendable, Equatable, CustomStringConvertible, CategorizedError {
    /// A document that does not convert fails its record (as a run error, exit 1).
    public var category: ErrorCategory { .failure }

    /// What is wrong with the document.
    public let message: String
    /// The message.
    public var description: String { message }
}
