import Foundation
import ImportCore

// Jira Cloud's `POST /rest/api/3/changelog/bulkfetch`: the changelogs of many issues in one listing.
extension JiraSandbox {
    /// Issues one request may name at most, and field ids it may filter by.
    static let maxBulkChangelogIssues = 1000
    static let maxBulkChangelogFields = 10
    /// Histories a page holds by default and at most (the documented default; the sandbox caps at it).
    static let bulkChangelogPageSize = 1000

    /// The histories of the named issues the caller may see, ordered as Jira documents (oldest
    /// first, then by issue id), `maxResults` a page. A page lists its histories in runs by issue,
    /// so one issue may appear on several pages, and more than once on a page when its histories
    /// interleave with another's: a client merges them. Unknown and hidden issues are left out.
    func bulkChangelogs(_ request: SandboxRequest, renderer: JiraRenderer) -> SandboxResponse {
        guard let body = try? JSONParser.parse(request.body), case .object = body else {
            return .json(
                400, errorCollection(["Invalid request payload. Refer to the REST API documentation and try again."]))
        }
        let names = body["issueIdsOrKeys"]?.arrayValue?.compactMap { $0.stringValue ?? $0.scalarText } ?? []
        let fieldIDs = Set(body["fieldIds"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        guard !names.isEmpty, names.count <= Self.maxBulkChangelogIssues else {
            return .json(
                400,
                errorCollection([
                    "The number of issues must be between 1 and \(Self.maxBulkChangelogIssues), found \(names.count)."
                ]))
        }
        guard fieldIDs.count <= Self.maxBulkChangelogFields else {
            return .json(
                400, errorCollection(["At most \(Self.maxBulkChangelogFields) field ids may be given."]))
        }
        let pageSize = max(
            1, min(Self.bulkChangelogPageSize, body["maxResults"]?.intValue ?? Self.bulkChangelogPageSize))
        var offset = 0
        if let token = body["nextPageToken"]?.stringValue {
            guard let decoded = Self.changelogOffset(token) else {
                return .json(400, errorCollection(["The nextPageToken is invalid or has expired."]))
            }
            offset = decoded
        }
        let issues = state.withLock { state -> [WorkItem] in
            refreshIndex(&state)
            let ids = Set(
                names.compactMap { name -> Int? in
                    guard let id = Int(name) ?? state.index.byKey[name.uppercased()],
                        let issue = state.world.issues[id], !issue.isArchived,
                        !config.forbiddenProjects.contains(projects.key(issue.project))
                    else { return nil }
                    return id
                })
            return ids.sorted().compactMap { state.world.issues[$0] }
        }
        var entries: [(at: Int64, issue: Int, history: Int, json: JSONValue)] = []
        for issue in issues {
            for (change, json) in zip(issue.history, renderer.histories(issue))
            where fieldIDs.isEmpty || fieldIDs.contains(change.field) {
                entries.append((change.at, issue.id, change.id, json))
            }
        }
        entries.sort { ($0.at, $0.issue, $0.history) < ($1.at, $1.issue, $1.history) }
        let page = entries.dropFirst(offset).prefix(pageSize)
        var runs: [JSONValue] = []
        var current: (issue: Int, histories: [JSONValue])?
        for entry in page {
            if current?.issue == entry.issue {
                current?.histories.append(entry.json)
                continue
            }
            if let run = current {
                runs.append(["issueId": .string(String(run.issue)), "changeHistories": .array(run.histories)])
            }
            current = (entry.issue, [entry.json])
        }
        if let run = current {
            runs.append(["issueId": .string(String(run.issue)), "changeHistories": .array(run.histories)])
        }
        var answer: [String: JSONValue] = ["issueChangeLogs": .array(runs)]
        let next = offset + page.count
        if next < entries.count { answer["nextPageToken"] = .string(Self.changelogToken(next)) }
        return .json(200, JSONValue.object(answer).jsonText)
    }

    /// An opaque token for the page at `offset`.
    static func changelogToken(_ offset: Int) -> String {
        Data("changelogs:\(offset)".utf8).base64EncodedString()
    }

    /// The offset a token this sandbox sent stands for; `nil` for any other text.
    static func changelogOffset(_ token: String) -> Int? {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("changelogs:"), let offset = Int(text.dropFirst("changelogs:".count)), offset >= 0
        else { return nil }
        return offset
    }
}
