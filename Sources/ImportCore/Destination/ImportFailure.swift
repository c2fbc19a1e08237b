/// A record the mapping could not handle, kept with its key and reason.
public struct ImportFailure: Error, Sendable, Hashable {
    public let recordKey: String?
    public let externalID: String?
    public let reason: String

    public init(recordKey: String?, externalID: String?, reason: String) {
        self.recordKey = recordKey
        self.externalID = externalID
        self.reason = reason
    }
}
