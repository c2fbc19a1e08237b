/// A record the mapping could not handle, kept with its key and reason.
public struct ImportFailure: Error, Sendable, Hashable {
    /// The record's label (its key, or its id when it has none), when it could be read.
    public let recordKey: String?
    /// The record's immutable id at the source, when it could be read.
    public let externalID: String?
    /// Why the record was not written, redacted.
    public let reason: String

    /// A failure of one record.
    public init(recordKey: String?, externalID: String?, reason: String) {
        self.recordKey = recordKey
        self.externalID = externalID
        self.reason = reason
    }
}
