/// Why one record could not be mapped. The engine counts it as a per-record failure and goes on.
public struct MappingError: Error, Sendable, Hashable, CustomStringConvertible, CategorizedError {
    /// A record that does not map fails on its own; as a run error it is a failure (exit 1).
    public var category: ErrorCategory { .failure }

    /// The record's key or id, when it could be read.
    public let record: String?
    /// The rule's place in the table (`task.fields[0]`).
    public let location: String
    /// What is wrong with the value.
    public let message: String

    /// A mapping error of one record at one target.
    public init(record: String?, location: String, message: String) {
        self.record = record
        self.location = location
        self.message = message
    }

    /// `record: location: message`.
    public var description: String { "\(record.map { "\($0): " } ?? "")\(location): \(message)" }
}
