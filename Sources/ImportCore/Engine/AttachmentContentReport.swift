/// What a run did with attachment content: files stored, bytes, and every file it could not fetch
/// with the reason (none is ever skipped silently).
public struct AttachmentContentReport: Sendable, Hashable {
    /// One attachment whose content is not stored.
    public struct Missing: Sendable, Hashable {
        /// The task's key.
        public let task: String?
        /// The attachment's source id.
        public let attachment: String
        /// Its file name.
        public let filename: String
        /// Why, and what to do.
        public let reason: String
    }

    /// Files downloaded and stored by this run.
    public var stored = 0
    /// Their bytes.
    public var bytes = 0
    /// The files it could not fetch, and why.
    public var missing: [Missing] = []

    /// The report as JSON (job records, `--json`).
    public var json: JSONValue {
        [
            "stored": .number(Double(stored)), "bytes": .number(Double(bytes)),
            "missing": .array(
                missing.prefix(1000).map {
                    [
                        "task": JSONValue($0.task), "attachment": .string($0.attachment),
                        "filename": .string($0.filename), "reason": .string($0.reason),
                    ]
                }),
            "missingCount": .number(Double(missing.count)),
        ]
    }
}
