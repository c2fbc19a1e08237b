/// A milestone named by a source record (Jira epic or parent summary), matched by title in the
/// destination project; created only when the run config says `createMilestones: true`.
public struct MilestoneReference: Sendable, Hashable {
    /// The milestone's title, as the workspace matches it.
    public let title: String
    /// The source record the milestone stands for (the epic's id), when known.
    public let externalID: String?

    /// A milestone named by a record.
    public init(title: String, externalID: String? = nil) {
        self.title = title
        self.externalID = externalID
    }
}
