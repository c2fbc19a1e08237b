import Foundation
import ImportCore

extension ClickUpConnection {
    /// Pages of one list before its listing is declared endless.
    static let maxPages = 10_000

    /// What one request of a list's tasks brought.
    struct ListingStep: Sendable {
        /// The tasks past the position, in ClickUp's order, at most the number asked for.
        var records: [JSONValue]
        /// The position after them.
        var next: ClickUpKeyset?
        /// Whether the list has no more tasks past `next`.
        var isLast: Bool
        /// The answer's `Date` (epoch ms), when it had one.
        var served: Int64?
    }

    /// One request of list `list`'s tasks, oldest update first, past `position` (or from `floor`,
    /// epoch ms, when there is no position yet), with subtasks; at most `limit` of them are taken.
    /// ClickUp's `date_updated_gt` includes the instant it names (observed), so the request asks from
    /// one millisecond before and drops what was read already. A page out of that order, or a task
    /// without an id or date, is an error: the position would be wrong.
    func listingStep(
        list: String, from position: ClickUpKeyset?, floor: Int64?, limit: Int, query: RecordQuery,
        extra: [(String, String)] = []
    ) async throws -> ListingStep {
        let context = "listing the tasks of list \(list)"
        guard Self.isID(list) else { throw Self.badReference(list) }
        // From a floor, every task updated at or after it is ahead.
        let position = position ?? floor.map { ClickUpKeyset(updated: $0, ids: [], page: 0) }
        var parameters: [(String, String)] = [
            ("order_by", "updated"), ("reverse", "true"), ("subtasks", "true"),
            ("include_closed", query.includeClosed ? "true" : "false"), ("include_markdown_description", "true"),
            ("page", String(position?.page ?? 0)),
        ]
        if let since = position?.updated { parameters.append(("date_updated_gt", String(since - 1))) }
        guard (position?.page ?? 0) < Self.maxPages else { throw ClickUpErrors.noProgress(context: context) }
        let (answer, headers) = try await getWithHeaders(
            "list/\(list)/task", query: parameters + extra, context: context)
        guard let records = answer["tasks"]?.arrayValue else {
            throw ClickUpErrors.malformed(context: context, detail: "a page without tasks")
        }
        var stamps: [Int64] = []
        for record in records {
            guard let id = record["id"]?.stringValue, Self.isID(id),
                let updated = ClickUpAPI.milliseconds(record["date_updated"])
            else { throw ClickUpErrors.malformed(context: context, detail: "a task without an id or date_updated") }
            if let previous = stamps.last, updated < previous {
                throw ClickUpErrors.malformed(
                    context: context, detail: "tasks not in the order asked for (order_by=updated, reverse=true)")
            }
            stamps.append(updated)
        }
        let pageIsLast = answer["last_page"]?.boolValue ?? (records.count < ClickUpAPI.pageSize)
        var fresh: [(record: JSONValue, updated: Int64, id: String)] = []
        for (record, updated) in zip(records, stamps) {
            let id = record["id"]?.stringValue ?? ""
            if position.map({ $0.isAhead(updated: updated, id: id) }) ?? true { fresh.append((record, updated, id)) }
        }
        let taken = Array(fresh.prefix(max(1, limit)))
        let consumedAll = taken.count == fresh.count
        var next = position
        if let last = taken.last, last.updated > (position?.updated ?? Int64.min) {
            next = ClickUpKeyset(
                updated: last.updated, ids: taken.filter { $0.updated == last.updated }.map(\.id), page: 0)
        } else if var same = position {
            same.ids += taken.map(\.id)
            // A whole page at one instant, read: the next page of the same instant.
            if consumedAll && !pageIsLast { same.page += 1 }
            next = same
        } else if !consumedAll || !pageIsLast {
            throw ClickUpErrors.noProgress(context: context)
        }
        if let next, next.ids.count > ClickUpKeyset.maxIDsAtOneInstant {
            throw ClickUpErrors.malformed(
                context: context,
                detail: "more than \(ClickUpKeyset.maxIDsAtOneInstant) tasks updated in one millisecond")
        }
        let served = headers["date"].flatMap(HTTPDate.parse).map { Timestamp($0).millisecondsSince1970 }
        return ListingStep(
            records: taken.map(\.record), next: next, isLast: consumedAll && pageIsLast, served: served)
    }
}
