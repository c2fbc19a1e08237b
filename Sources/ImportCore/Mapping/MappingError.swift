/// Why one record could not be mapped. The engine counts it as a per-record failure and goes on.
public struct MappingError: Error, Sendable, Hashable, CustomStringConvertible, CategorizedError {
    public var category: ErrorCategory { .failure }

    /// The record's key or id, when it could be read.
    public let record: String?
    /// The rule's place in the table (`task.fields[0]`).
    public let location: String
    public let message: String

    public init(record: String?, location: String, message: String) {
        self.record = record
        self.location = location
        self.message = message
    }

    public var description: String { "\(record.map { "\($0): " } ?? "")\(location): \(message)" }
}
