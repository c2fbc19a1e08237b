import ImportCore

// What the sandbox's Jira holds, as tests compare an import with it: links and changelog items as
// Jira would render them, never through the importer's own reading.
extension JiraSandbox {
    /// One link as Jira shows it: its id, type name, and the issue ids on its outward and inward side.
    public struct LinkFact: Sendable, Hashable {
        /// The link's id (`issuelinks[].id`).
        public let id: String
        /// The type's name (`Blocks`).
        public let type: String
        /// The issue that "blocks".
        public let outwardIssue: String
        /// The issue that "is blocked by".
        public let inwardIssue: String

        /// A link as a test reads it back from a workspace, to compare with the sandbox's.
        public init(id: String, type: String, outwardIssue: String, inwardIssue: String) {
            self.id = id
            self.type = type
            self.outwardIssue = outwardIssue
            self.inwardIssue = inwardIssue
        }
    }

    /// One changelog item: issue id, history id, field, and the shown values.
    public struct ChangeFact: Sendable, Hashable {
        /// The issue's id.
        public let issue: String
        /// The history's id.
        public let history: String
        /// The field (`status`).
        public let field: String
        /// The shown value before.
        public let from: String?
        /// The shown value after.
        public let to: String?
    }

    /// Every link whose ends are both visible (not archived), as Jira renders them.
    public var linkFacts: [LinkFact] {
        state.withLock { state in
            state.world.links.compactMap { link in
                guard let from = state.world.issues[link.from], let to = state.world.issues[link.to],
                    !from.isArchived, !to.isArchived
                else { return nil }
                return LinkFact(
                    id: String(20_000 + link.id), type: link.kind.rawValue, outwardIssue: String(from.id),
                    inwardIssue: String(to.id))
            }
        }
    }

    /// Every changelog item of every visible issue, as REST v3 renders them.
    public var changeFacts: [ChangeFact] {
        let renderer = makeRenderer(version: config.deployment == .cloud ? 3 : 2)
        return state.withLock { state in
            state.world.issues.values.filter { !$0.isArchived }.flatMap { issue in
                issue.history.map { change in
                    let item = renderer.historyItem(change)
                    return ChangeFact(
                        issue: String(issue.id), history: String(change.id), field: change.field,
                        from: item["fromString"]?.stringValue, to: item["toString"]?.stringValue)
                }
            }
        }
    }

    /// The user directory as the site's deployment identifies people (Cloud's accountId, Data
    /// Center's key), with the email when it is visible.
    public var directory: [(id: String, name: String, email: String?)] {
        let cloud = config.deployment == .cloud
        return state.withLock { state in
            state.world.users.enumerated().map { index, person in
                (cloud ? person.accountID : "JIRAUSER\(10_000 + index)", person.displayName, person.email)
            }
        }
    }

    /// Removes `count` links (both ends count as updated); returns how many went.
    @discardableResult
    public func unlinkIssues(_ count: Int) -> Int { state.withLock { $0.world.unlink(count: count).count } }
}
