/// What `tributary preview` shows: for a sample of records, each rule's source value and mapped
/// value, and what an import would do with each record. Nothing is written.
public struct ImportPreview: Sendable {
    public struct Sample: Sendable {
        public let record: String
        public let traces: [RuleTrace]
        /// `create`, `update`, `unchanged`, or `fail`.
        public let change: String
        public let error: String?
    }

    public var samples: [Sample] = []
    public var counts = ImportCounts()
    public var warnings: [String] = []
    public var mappingTable = ""
}
