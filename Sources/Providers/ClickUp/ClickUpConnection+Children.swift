import Foundation
import ImportCore

extension ClickUpConnection {
    /// Tasks completed at once per page.
    static let childConcurrency = 8
    /// Comment pages of one task before its comments are declared endless.
    static let maxCommentPages = 2_000

    /// The page with what ClickUp's listing leaves out, task by task: the task's detail
    /// (`GET /task/{id}?include_subtasks=true`: its attachments, its subtasks for the checklist),
    /// its comments (every page, newest first as ClickUp sends them) each followed by its threaded
    /// replies (`GET /comment/{id}/reply`), and its time entries (`GET /task/{id}/time`, only for
    /// tasks with time tracked), each when the run imports that kind; and its dependencies and linked
    /// tasks seen from its side (`relations`, `ClickUpRelations`). A task deleted since the
    /// listing (ClickUp answers 404) leaves the page; delete reconciliation marks it.
    public func complete(_ page: RecordPage, for query: RecordQuery) async throws -> RecordPage {
        let completed = try await page.records.concurrentMap(limit: Self.childConcurrency) { task in
            try await self.completed(task, query: query)
        }
        return RecordPage(records: completed.compactMap { $0 }, next: page.next, estimatedTotal: page.estimatedTotal)
    }

    /// One task with its children, or `nil` when ClickUp no longer has it.
    func completed(_ task: JSONValue, query: RecordQuery) async throws -> JSONValue? {
        guard let id = task["id"]?.stringValue, Self.isID(id) else { return task }
        let detail: JSONValue
        do {
            detail = try await get(
                "task/\(id)", query: [("include_subtasks", "true"), ("include_markdown_description", "true")],
                context: "reading task \(id)")
        } catch let error as ProviderError where error.status == 404 {
            return nil
        }
        guard case .object(var record) = detail, record["id"]?.stringValue == id else {
            throw ClickUpErrors.malformed(context: "reading task \(id)", detail: "the answer is not task \(id)")
        }
        record["relations"] = .array(ClickUpRelations.of(task: id, .object(record)))
        if query.children.contains(.comment) { record["comments"] = .array(try await comments(of: id)) }
        if query.children.contains(.worklog) {
            let tracked = ClickUpAPI.milliseconds(record["time_spent"] ?? task["time_spent"]) ?? 0
            record["time_entries"] = .array(tracked > 0 ? try await timeEntries(of: id) : [])
        }
        return .object(record)
    }

    /// A task's comments, every page (25 a call, newest first, the next page from the last one's
    /// `date` and `id`), each followed by its threaded replies, oldest first.
    func comments(of task: String) async throws -> [JSONValue] {
        let context = "reading the comments of task \(task)"
        var all: [JSONValue] = []
        var seen = Set<String>()
        var start: (date: String, id: String)?
        for _ in 0..<Self.maxCommentPages {
            let query = start.map { [("start", $0.date), ("start_id", $0.id)] } ?? []
            guard
                let page = try await get("task/\(task)/comment", query: query, context: context)["comments"]?.arrayValue
            else { throw ClickUpErrors.malformed(context: context, detail: "no comments") }
            var added = 0
            for comment in page {
                guard let id = comment["id"]?.scalarText, Self.isID(id) else {
                    throw ClickUpErrors.malformed(context: context, detail: "a comment without an id")
                }
                guard seen.insert(id).inserted else { continue }
                added += 1
                all.append(comment)
                if Int(comment["reply_count"]?.scalarText ?? "0") ?? 0 > 0 {
                    all += try await replies(to: id, task: task)
                }
            }
            guard page.count >= ClickUpAPI.commentPageSize, let last = page.last,
                let date = last["date"]?.scalarText, let id = last["id"]?.scalarText
            else { return all }
            guard added > 0 else { throw ClickUpErrors.noProgress(context: context) }
            start = (date, id)
        }
        throw ClickUpErrors.noProgress(context: context)
    }

    /// The threaded replies of comment `id` (ClickUp lists them apart from the task's comments).
    func replies(to id: String, task: String) async throws -> [JSONValue] {
        let context = "reading the replies to comment \(id) of task \(task)"
        guard let replies = try await get("comment/\(id)/reply", context: context)["comments"]?.arrayValue else {
            throw ClickUpErrors.malformed(context: context, detail: "no comments")
        }
        for reply in replies where !(reply["id"]?.scalarText.map(Self.isID) ?? false) {
            throw ClickUpErrors.malformed(context: context, detail: "a reply without an id")
        }
        return replies
    }

    /// A task's time entries: ClickUp's tracked time per person, flattened to one entry per
    /// interval with its person (`{id, user, start, end, time, source, date_added}`).
    func timeEntries(of task: String) async throws -> [JSONValue] {
        let context = "reading the time tracked on task \(task)"
        guard let people = try await get("task/\(task)/time", context: context)["data"]?.arrayValue else {
            throw ClickUpErrors.malformed(context: context, detail: "no data")
        }
        var entries: [JSONValue] = []
        for person in people {
            for interval in person["intervals"]?.arrayValue ?? [] {
                guard case .object(var entry) = interval, entry["id"]?.scalarText.map(Self.isID) == true else {
                    throw ClickUpErrors.malformed(context: context, detail: "an interval without an id")
                }
                entry["user"] = person["user"] ?? .null
                entries.append(.object(entry))
            }
        }
        return entries
    }
}
