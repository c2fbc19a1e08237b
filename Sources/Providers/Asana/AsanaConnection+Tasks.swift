import Foundation
import ImportCore

extension AsanaConnection {
    /// Times one project's listing is begun again after Asana refused its offset, before the run stops.
    static let maxListingRestarts = 3

    /// One page of tasks: the projects in turn, each in Asana's own order (`GET /projects/{gid}/tasks`,
    /// or `GET /tasks?project=&modified_since=` when the run reads only what changed), then the sweep
    /// of what changed during the pass. Subtasks, stories and attachments are read by `complete`.
    public func page(_ query: RecordQuery, from cursor: PageCursor?) async throws -> RecordPage {
        var position = try cursor.map(AsanaCursor.decode) ?? AsanaCursor()
        let projects = query.containers
        guard position.container < projects.count else { return RecordPage(records: [], next: nil) }
        let project = projects[position.container]
        guard Self.isGID(project) else {
            throw ProviderError(
                provider: AsanaProvider.id, kind: .configuration,
                message: "\"\(project)\" is not an Asana project gid",
                hint: "Asana names projects by gid (digits): list them with `tributary containers CONNECTION`.")
        }
        let fields = AsanaFieldList(paths: query.fields)
        // The sweep reads from the pass's start; the latest lower bound wins.
        let sweepStart = position.phase == .sweep ? position.top.map(Timestamp.init(millisecondsSince1970:)) : nil
        let since = [query.since, query.updatedSince, sweepStart].compactMap { $0 }.max()
        let limit = max(1, min(Self.pageLimit, query.pageSize, query.limit ?? Self.pageLimit))
        var parameters: [(String, String)] = [
            ("limit", String(limit)), ("opt_fields", fields.task.joined(separator: ",")),
        ]
        if !query.includeClosed { parameters.append(("completed_since", "now")) }
        let path: String
        if let since {
            path = "tasks"
            parameters = [("project", project), ("modified_since", since.iso8601)] + parameters
        } else {
            path = "projects/\(project)/tasks"
        }
        let context = "listing the tasks of project \(project)"
        var restarts = 0
        var answer: JSONValue
        var headers: [String: String]
        while true {
            do {
                (answer, headers) = try await getWithHeaders(
                    path, query: parameters + (position.offset.map { [("offset", $0)] } ?? []), context: context)
                break
            } catch let error as ProviderError
                where position.offset != nil && error.status == 400
                && error.sourceMessages.contains(where: { $0.lowercased().hasPrefix("offset") })
            {
                // The offset expired (or belongs to another query): this project is read again
                // from its first page. Tasks are written by gid, so nothing doubles.
                restarts += 1
                guard restarts <= Self.maxListingRestarts else { throw error }
                position.offset = nil
            }
        }
        if position.top == nil {
            // The pass began at Asana's clock (its Date header, in whole seconds, so never later
            // than the answer), else this machine's less a margin for skew: the sweep reads what
            // changed from then on.
            let now = Timestamp.now().millisecondsSince1970
            let served = headers["date"].flatMap(HTTPDate.parse).map { Timestamp($0).millisecondsSince1970 }
            position.top = served ?? now - AsanaCursor.clockMarginMilliseconds
        }
        guard let records = answer["data"]?.arrayValue else {
            throw AsanaErrors.malformed(context: context, detail: "a page without data")
        }
        for record in records where !(record["gid"]?.stringValue.map(Self.isGID) ?? false) {
            throw AsanaErrors.malformed(context: context, detail: "a task without a numeric gid")
        }
        if let next = answer["next_page"]?["offset"]?.stringValue, !next.isEmpty {
            guard next != position.offset else { throw AsanaErrors.noProgress(context: context) }
            position.offset = next
            return RecordPage(records: records, next: position.encoded)
        }
        position.offset = nil
        position.container += 1
        if position.container >= projects.count {
            // The last project is in: capped runs end here, the others sweep what changed meanwhile.
            guard position.phase == .main, query.limit == nil else { return RecordPage(records: records, next: nil) }
            position.phase = .sweep
            position.container = 0
        }
        return RecordPage(records: records, next: position.encoded)
    }
}
