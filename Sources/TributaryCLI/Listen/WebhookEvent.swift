import ImportCore

/// What a Jira webhook delivery asks of the listener: which issues to read again. Its fields are
/// never written: only the ids it names are taken, and the issues are fetched from the source.
struct WebhookEvent: Sendable, Equatable {
    /// Read the issues again (created, updated, a comment, worklog or link changed), or confirm
    /// they are gone (deleted: the next reconciliation marks them).
    enum Kind: Sendable, Equatable {
        case refresh
        case deleted
    }

    /// The delivery's name (`jira:issue_updated`).
    let name: String
    let kind: Kind
    /// The source ids of the issues it names.
    let issueIDs: [String]

    /// The event in a delivery's JSON; `nil` for an event that names no issue (a project or a
    /// version changed), which the listener acknowledges and ignores.
    static func parse(_ json: JSONValue) -> WebhookEvent? {
        guard let name = json["webhookEvent"]?.stringValue else { return nil }
        var ids: [String] = []
        for candidate in [
            json["issue"]?["id"], json["worklog"]?["issueId"], json["issueLink"]?["sourceIssueId"],
            json["issueLink"]?["destinationIssueId"],
        ] {
            // A numeric id of plausible length only: the listener turns it into a query.
            if let id = candidate?.scalarText, !id.isEmpty, id.count <= 19,
                id.utf8.allSatisfy({ (48...57).contains($0) }),
                !ids.contains(id)
            {
                ids.append(id)
            }
        }
        guard !ids.isEmpty else { return nil }
        return WebhookEvent(name: name, kind: name == "jira:issue_deleted" ? .deleted : .refresh, issueIDs: ids)
    }
}
