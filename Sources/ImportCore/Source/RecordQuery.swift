/// What the engine asks a provider for: which containers, which records, in which order, how many.
/// Providers translate it into their own query language (JQL for Jira).
public struct RecordQuery: Sendable, Hashable {
    /// The order records come in; both orders must be total and stable (ties broken by id).
    public enum Order: String, Sendable, Hashable {
        /// Most recently updated first: the top N of a capped import.
        case recentFirst = "recent-first"
        /// Oldest update first, then id: full and incremental runs, so a cursor resumes exactly.
        case oldestFirst = "oldest-first"
    }

    /// Container keys (Jira project keys, Linear team keys…).
    public var containers: [String]
    /// A provider-native filter clause (JQL for Jira), combined with the rest by AND.
    public var filter: String?
    /// Start of history: records updated before it are not imported.
    public var since: Timestamp?
    /// Lower bound for an incremental run (the engine already subtracted its overlap).
    public var updatedSince: Timestamp?
    /// Only records assigned to the connection's account.
    public var assignedToMe: Bool
    /// Include records in a closed / done state.
    public var includeClosed: Bool
    /// The order records come in.
    public var order: Order
    /// Records per request; providers clamp it to what the source allows.
    public var pageSize: Int
    /// At most this many records in total (`nil`: all).
    public var limit: Int?
    /// Source paths the mapping table reads, so a provider requests only those fields.
    public var fields: [String]
    /// Child kinds to complete (fetching pages beyond what the record embeds).
    public var children: Set<RecordKind>

    /// A query.
    public init(
        containers: [String], filter: String? = nil, since: Timestamp? = nil, updatedSince: Timestamp? = nil,
        assignedToMe: Bool = false, includeClosed: Bool = true, order: Order = .oldestFirst, pageSize: Int = 100,
        limit: Int? = nil, fields: [String] = [], children: Set<RecordKind> = [.comment, .worklog, .attachment]
    ) {
        self.containers = containers
        self.filter = filter
        self.since = since
        self.updatedSince = updatedSince
        self.assignedToMe = assignedToMe
        self.includeClosed = includeClosed
        self.order = order
        self.pageSize = pageSize
        self.limit = limit
        self.fields = fields
        self.children = children
    }
}
