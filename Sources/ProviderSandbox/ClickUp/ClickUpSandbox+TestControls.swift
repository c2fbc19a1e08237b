import Foundation
import ImportCore

// Controls tests call in-process: change the world, read what was asked, inject faults and limits.
extension ClickUpSandbox {
    /// Number of live tasks in the world, subtasks included (deleted and archived ones excluded).
    public var taskCount: Int { state.withLock { $0.world.issues.values.filter { !$0.isArchived }.count } }

    /// The ids of the Workspace's lists, in the world's order.
    public var listIDs: [String] {
        state.withLock { state in (0..<state.world.projectCount).map(ClickUpDocuments.listID) }
    }

    /// The Workspace's id.
    public static var teamID: String { ClickUpDocuments.teamID }
    /// The space's id.
    public static var spaceID: String { ClickUpDocuments.spaceID }
    /// The folder's id (it holds the first list).
    public static var folderID: String { ClickUpDocuments.folderID }

    /// The task id ClickUp shows for world item `id` (the Jira sandbox's issue of the same id).
    public static func taskID(ofItem id: Int) -> String { ClickUpDocuments.taskID(id) }

    /// What every live task holds, by its id.
    public var groundTruth: [String: ClickUpGroundTruth] {
        let documents = documents()
        var truth: [String: ClickUpGroundTruth] = [:]
        for item in documents.world.issues.values where !item.isArchived {
            let email = item.assignee.flatMap { documents.world.users.indices.contains($0) ? $0 : nil }.flatMap {
                documents.world.users[$0].email
            }
            truth[ClickUpDocuments.taskID(item.id)] = ClickUpGroundTruth(
                customID: item.key, title: item.summary, comments: item.comments.count,
                replies: item.comments.filter { documents.index.threadRoot[$0.id] != nil }.count,
                timeEntries: item.worklogs.count, attachments: item.attachments.count,
                subtasks: documents.index.subtasks[item.id]?.count ?? 0,
                checklistItems: (documents.checklists[item.id] ?? []).map(\.items.count).reduce(0, +),
                labels: item.labels, assigneeEmail: email,
                parentID: ClickUpDocuments.clickUpParent(item).map(ClickUpDocuments.taskID),
                milestone: documents.milestone(of: item)?.summary, type: item.type)
        }
        return truth
    }

    /// Changes `count` tasks (name, status, a new comment; `date_updated` bumped); returns their item ids.
    @discardableResult
    public func updateTasks(_ count: Int) -> [Int] {
        state.withLock { $0.world.update(count: count, leavesOnly: true) }
    }

    /// Deletes `count` tasks (their subtasks too); returns the item ids removed.
    @discardableResult
    public func deleteTasks(_ count: Int) -> [Int] { state.withLock { $0.world.delete(count: count) } }

    /// Archives `count` tasks (listed only with `archived=true` from then on); returns their item ids.
    @discardableResult
    public func archiveTasks(_ count: Int) -> [Int] { state.withLock { $0.world.archive(count: count) } }

    /// Adds `count` tasks; returns their item ids.
    @discardableResult
    public func addTasks(_ count: Int) -> [Int] { state.withLock { $0.world.add(count: count) } }

    /// Renames the task of world item `id` (`date_updated` bumped).
    public func renameTask(item id: Int, to name: String) { state.withLock { $0.world.setSummary(id: id, name) } }

    /// Adds `count` top-level comments to the task of world item `id` (more than a comment page).
    public func addComments(item id: Int, count: Int) { state.withLock { $0.world.addComments(id: id, count: count) } }

    /// Gives the task of world item `id` a checklist of its own named `name` with `items` (text and
    /// whether resolved); its `date_updated` is bumped, as ClickUp bumps it.
    public func addChecklist(item id: Int, name: String, items: [(String, Bool)]) {
        state.withLock { state in
            let number = (state.checklists[id]?.count ?? 0) + 1
            let checklistID = "c4ec0000-0000-4000-8000-\(String(format: "%08d", id))\(String(format: "%04d", number))"
            let lines = items.enumerated().map { offset, line in
                ClickUpChecklist.Item(
                    id: "\(checklistID)-\(offset)", name: line.0, resolved: line.1)
            }
            state.checklists[id, default: []].append(ClickUpChecklist(id: checklistID, name: name, items: lines))
            state.world.setSummary(id: id, state.world.issues[id]?.summary ?? "")
        }
    }

    /// The world item ids of list `index`'s top-level tasks, in ClickUp's default order.
    public func taskItems(list index: Int) -> [Int] {
        documents().tasks(
            list: index,
            filter: ClickUpTaskFilter(subtasks: true, includeClosed: true, orderBy: "updated", reverse: true)
        ).map(\.id)
    }

    /// The Workspace's people: display name and email (nil when the world hides it).
    public var people: [(name: String, email: String?)] {
        state.withLock { state in state.world.users.map { ($0.displayName, $0.email) } }
    }

    /// Every live attachment's size and SHA-256 (lower-case hex), by its id.
    public var attachmentContents: [String: (size: Int, sha256: String)] {
        state.withLock { state in
            var contents: [String: (size: Int, sha256: String)] = [:]
            for item in state.world.issues.values where !item.isArchived {
                for child in item.attachments {
                    contents[ClickUpDocuments.attachmentID(child)] = (
                        child.size, AttachmentBytes.digest(id: child.id, size: child.size)
                    )
                }
            }
            return contents
        }
    }

    /// Every attachment fetched so far: its id and the `Authorization` header sent (`nil`: none).
    public var downloadLog: [(id: String, authorization: String?)] { state.withLock { $0.downloads } }

    /// Requests per endpoint (`GET /list/{id}/task` …), control endpoints excluded.
    public var requestCounts: [String: Int] { state.withLock { $0.hits } }

    /// Requests refused 429 so far, the budget's and forced ones.
    public var refusedCount: Int { state.withLock { $0.refused } }

    /// Forgets the request counts.
    public func resetRequestCounts() { state.withLock { $0.hits = [:] } }

    /// Answers the next `count` requests 429 (`X-RateLimit-Remaining: 0`, reset a second later)
    /// whatever the budget says: rate-limit tests that do not depend on the machine's speed.
    public func rateLimitNext(_ count: Int) { state.withLock { $0.forcedRateLimits = max(0, count) } }

    /// Replaces the fault plan for the requests that follow.
    public func setFaults(_ plan: FaultPlan) { server.setFaults(plan) }

    /// Puts `interceptor` in front of the emulator (hostile answers for reliability tests); `nil` removes it.
    public func intercept(_ interceptor: Interceptor?) { state.withLock { $0.interceptor = interceptor } }
}
