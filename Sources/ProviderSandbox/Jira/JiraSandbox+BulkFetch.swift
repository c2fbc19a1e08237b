import Foundation
import ImportCore

// Jira Cloud's `POST /rest/api/3/issue/bulkfetch`: many issues by id or key in one call.
extension JiraSandbox {
    /// Issues a bulk fetch returns at most; an efficient request (named fields only, at most 100 of
    /// them, none multi-valued, no expands) may ask for up to `maxEfficientBulkFetch`.
    static let maxBulkFetch = 100
    static let maxEfficientBulkFetch = 1000
    /// The fields whose values are lists of their own: naming one makes a request not efficient.
    static let multiValuedFields: Set<String> = ["comment", "worklog", "attachment"]
    /// Changelog entries a bulk fetch embeds at most (the rest: `GET /issue/{id}/changelog`).
    static let bulkFetchHistories = 40

    /// The named issues the caller may see, in ascending id order; unknown, archived and hidden
    /// ones left out (as Jira does). Past the limits, or without any id, a 400 as Jira answers.
    func bulkFetch(_ request: SandboxRequest, renderer: JiraRenderer) -> SandboxResponse {
        guard let body = try? JSONParser.parse(request.body), case .object = body else {
            return .json(
                400, errorCollection(["Invalid request payload. Refer to the REST API documentation and try again."]))
        }
        let names = body["issueIdsOrKeys"]?.arrayValue?.compactMap { $0.stringValue ?? $0.scalarText } ?? []
        guard !names.isEmpty else {
            return .json(
                400, errorCollection([], errors: ["issueIdsOrKeys": "You must provide at least one issue id or key."]))
        }
        let fields = body["fields"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let expand = Self.expansions(
            body["expand"]?.arrayValue?.compactMap(\.stringValue) ?? body["expand"]?.stringValue.map { [$0] } ?? [])
        let selection = FieldSelection.parse(fields, default: .only(["*navigable"]))
        var efficient = expand.isEmpty
        if case .only(let named) = selection {
            efficient = efficient && named.count <= 100 && named.isDisjoint(with: Self.multiValuedFields)
        } else {
            efficient = false
        }
        let limit = efficient ? Self.maxEfficientBulkFetch : Self.maxBulkFetch
        guard names.count <= limit else {
            return .json(
                400,
                errorCollection([
                    "The number of issues requested (\(names.count)) exceeds the maximum of \(limit)"
                        + (efficient ? "." : " for requests with multi-valued fields or expands.")
                ]))
        }
        let ids = state.withLock { state -> [Int] in
            refreshIndex(&state)
            let found = names.compactMap { name -> Int? in
                guard let id = Int(name) ?? state.index.byKey[name.uppercased()],
                    let issue = state.world.issues[id], !issue.isArchived,
                    !config.forbiddenProjects.contains(projects.key(issue.project))
                else { return nil }
                return id
            }
            return Array(Set(found)).sorted()
        }
        var out = Array(#"{"expand":"schema,names","issues":["#.utf8)
        _ = renderIssues(
            ids, selection: selection == .only(["*navigable"]) ? .all : selection, renderer: renderer, into: &out,
            order: [], histories: expand.contains("changelog") ? Self.bulkFetchHistories : nil)
        out += Array(#"],"issueErrors":[]}"#.utf8)
        return .json(200, bytes: out)
    }
}
