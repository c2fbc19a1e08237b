/// A person named by a source record (assignee, comment author). Matched to an existing
/// `user_profiles` row by email; Tributary never creates users from an import.
public struct UserReference: Sendable, Hashable {
    /// `nil` when the source hides it.
    public let email: String?
    public let displayName: String?
    /// The source's account id.
    public let externalID: String?

    public init(email: String?, displayName: String? = nil, externalID: String? = nil) {
        self.email = email
        self.displayName = displayName
        self.externalID = externalID
    }
}

/// A milestone named by a source record (Jira epic or parent summary), matched by title in the
/// destination project; created only when the run config says `createMilestones: true`.
public struct MilestoneReference: Sendable, Hashable {
    public let title: String
    /// The source record the milestone stands for (the epic's id), when known.
    public let externalID: String?

    public init(title: String, externalID: String? = nil) {
        self.title = title
        self.externalID = externalID
    }
}
