/// One page of raw records, as the source returned them (completed with any child pages).
public struct RecordPage: Sendable {
    /// Raw records in the query's order.
    public let records: [JSONValue]
    /// Where the next page starts; `nil` after the last page.
    public let next: PageCursor?
    /// The source's estimate of the total matching records, when it gives one.
    public let estimatedTotal: Int?

    /// A page.
    public init(records: [JSONValue], next: PageCursor?, estimatedTotal: Int? = nil) {
        self.records = records
        self.next = next
        self.estimatedTotal = estimatedTotal
    }
}
