/// An opaque position in a provider's record stream. The engine stores it verbatim with each
/// committed page; handing it back to the provider resumes right after that page, even in another
/// process days later (so it must not depend on server-side state that expires).
public struct PageCursor: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { value }
}

/// One page of raw records, as the source returned them (completed with any child pages).
public struct RecordPage: Sendable {
    /// Raw records in the query's order.
    public let records: [JSONValue]
    /// Where the next page starts; `nil` after the last page.
    public let next: PageCursor?
    /// The source's estimate of the total matching records, when it gives one.
    public let estimatedTotal: Int?

    public init(records: [JSONValue], next: PageCursor?, estimatedTotal: Int? = nil) {
        self.records = records
        self.next = next
        self.estimatedTotal = estimatedTotal
    }
}
