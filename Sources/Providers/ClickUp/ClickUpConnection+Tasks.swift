import Foundation
import ImportCore

extension ClickUpConnection {
    /// One page of tasks: the run's lists in turn, each read oldest update first by a keyset of its
    /// own (ClickUp's page numbers shift when tasks change), then the sweep of what changed during
    /// the pass. A capped run reads each list newest first and stops at its cap. Subtasks come as
    /// tasks of their own; their detail, comments and time entries are read by `complete`.
    public func page(_ query: RecordQuery, from cursor: PageCursor?) async throws -> RecordPage {
        var position = try cursor.map(ClickUpCursor.decode) ?? ClickUpCursor()
        let lists = try await lists(for: query.containers)
        position.realign(to: lists)
        guard position.container < lists.count else { return RecordPage(records: [], next: nil) }
        let list = lists[position.container]
        position.list = list
        var extra: [(String, String)] = []
        if query.assignedToMe { extra.append(("assignees[]", try await currentUserID())) }
        extra += Self.filterParameters(query.filter)
        if let cap = query.limit { return try await cappedPage(query, position, list: list, cap: cap, extra: extra) }
        // The sweep reads from the pass's start; the latest lower bound wins.
        let sweepStart = position.phase == .sweep ? position.top : nil
        let floor = [query.since?.millisecondsSince1970, query.updatedSince?.millisecondsSince1970, sweepStart]
            .compactMap { $0 }.max()
        let step = try await listingStep(
            list: list, from: position.keyset, floor: floor, limit: min(ClickUpAPI.pageSize, query.pageSize),
            query: query, extra: extra)
        if position.top == nil {
            // The pass began at ClickUp's clock (its Date header, whole seconds, so never later than
            // the answer), else this machine's less a margin for skew.
            position.top = step.served ?? Timestamp.now().millisecondsSince1970 - ClickUpCursor.clockMarginMilliseconds
        }
        position.emitted += step.records.count
        guard step.isLast else {
            position.keyset = step.next
            return RecordPage(records: step.records, next: position.encoded)
        }
        position.keyset = nil
        position.container += 1
        position.list = lists.indices.contains(position.container) ? lists[position.container] : nil
        if position.container >= lists.count {
            guard position.phase == .main else { return RecordPage(records: step.records, next: nil) }
            position.phase = .sweep
            position.container = 0
            position.list = lists.first
        }
        return RecordPage(records: step.records, next: position.encoded)
    }

    /// A capped run's page: each list newest update first by page number (a preview of the most
    /// recent tasks; a page number is good enough for a run that stops at its cap).
    func cappedPage(
        _ query: RecordQuery, _ start: ClickUpCursor, list: String, cap: Int, extra: [(String, String)]
    ) async throws -> RecordPage {
        var position = start
        let page = position.keyset?.page ?? 0
        guard page < Self.maxPages else { throw ClickUpErrors.noProgress(context: "listing the tasks of list \(list)") }
        let answer = try await get(
            "list/\(list)/task",
            query: [
                ("order_by", "updated"), ("subtasks", "true"),
                ("include_closed", query.includeClosed ? "true" : "false"),
                ("include_markdown_description", "true"), ("page", String(page)),
            ] + extra, context: "listing the tasks of list \(list)")
        guard let tasks = answer["tasks"]?.arrayValue else {
            throw ClickUpErrors.malformed(context: "listing the tasks of list \(list)", detail: "a page without tasks")
        }
        let records = Array(tasks.prefix(max(0, cap - position.emitted)))
        position.emitted += records.count
        if position.emitted >= cap { return RecordPage(records: records, next: nil) }
        if ClickUpAPI.parsePage(answer, page: page).nextPage != nil {
            position.keyset = ClickUpKeyset(updated: 0, ids: [], page: page + 1)
        } else {
            position.keyset = nil
            position.container += 1
            position.list = nil
        }
        return RecordPage(records: records, next: position.encoded)
    }

    /// A config's `filter` as ClickUp query parameters (`tags[]=bug&statuses[]=in progress`); the
    /// parameters the listing sets itself cannot be overridden.
    static func filterParameters(_ filter: String?) -> [(String, String)] {
        guard let filter, !filter.isEmpty else { return [] }
        let reserved: Set<String> = [
            "order_by", "reverse", "subtasks", "include_closed", "include_markdown_description", "page",
            "date_updated_gt",
        ]
        return (URLComponents(string: "?" + filter)?.queryItems ?? []).compactMap { item in
            reserved.contains(item.name) ? nil : (item.name, item.value ?? "")
        }
    }
}
