/// What `tributary preview` shows: for a sample of records, each rule's source value and mapped
/// value, and what an import would do with each record. Nothing is written.
public struct ImportPreview: Sendable {
    /// One previewed record.
    public struct Sample: Sendable {
        /// The record's label.
        public let record: String
        /// Each rule's source value and mapped value.
        public let traces: [RuleTrace]
        /// `create`, `update`, `unchanged`, or `fail`.
        public let change: String
        /// Why the record would fail.
        public let error: String?
    }

    /// The previewed records.
    public var samples: [Sample] = []
    /// What an import of the sample would do.
    public var counts = ImportCounts()
    /// What was skipped or assumed, in words.
    public var warnings: [String] = []
    /// The mapping table used (its path).
    public var mappingTable = ""
}
