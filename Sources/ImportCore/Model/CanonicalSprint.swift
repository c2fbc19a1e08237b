/// A sprint (iteration, cycle) a record was planned in, with its state and dates as the source says.
public struct CanonicalSprint: Sendable, Hashable {
    /// The sprint's id at the source.
    public var id: String?
    /// Its name (`Sprint 12`).
    public var name: String
    /// `active`, `closed` or `future` (lower-cased).
    public var state: String?
    /// When it started (ISO-8601, UTC).
    public var startDate: String?
    /// When it was planned to end.
    public var endDate: String?
    /// When it was completed.
    public var completeDate: String?

    /// A sprint.
    public init(
        id: String?, name: String, state: String?, startDate: String? = nil, endDate: String? = nil,
        completeDate: String? = nil
    ) {
        self.id = id
        self.name = name
        self.state = state
        self.startDate = startDate
        self.endDate = endDate
        self.completeDate = completeDate
    }
}
