import ImportCore

/// A person of a source as the workspace knows them: from the source's user directory and from the
/// imported items that name them, with the workspace user they match (if any).
public struct SourcePerson: Sendable, Hashable {
    /// The provider (`jira`).
    public let source: String
    /// Their account id at the source (Jira Cloud's accountId, Data Center's key).
    public let accountID: String
    /// The name the source shows.
    public let displayName: String?
    /// Their email at the source; `nil` when the source hides it.
    public let sourceEmail: String?
    /// The workspace email they resolve to (the user map's, else the source's).
    public let workspaceEmail: String?
    /// Whether a workspace user has that email.
    public let matched: Bool
    /// How many imported tasks name them (assignee, reporter, author of a comment, worklog,
    /// attachment or change).
    public let items: Int

    /// Why they are not matched, in words a user can act on; `nil` when they are.
    public var reason: String? {
        guard !matched else { return nil }
        if workspaceEmail == nil { return "email hidden at the source and not in the user map" }
        return "no workspace user with \(workspaceEmail ?? "")"
    }
}
