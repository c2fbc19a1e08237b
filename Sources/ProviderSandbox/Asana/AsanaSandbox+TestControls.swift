import Foundation
import ImportCore

// Controls tests call in-process: change the world, read what was asked, inject faults and limits.
extension AsanaSandbox {
    /// Number of tasks in the world, subtasks included (deleted ones excluded).
    public var taskCount: Int { state.withLock { $0.world.issues.values.filter { !$0.isArchived }.count } }

    /// The gids of the workspace's projects, in the world's order.
    public var projectGIDs: [String] {
        state.withLock { state in (0..<state.world.projectCount).map(AsanaDocuments.projectGID) }
    }

    /// The gid Asana shows for world item `id` (the Jira sandbox's issue of the same id).
    public static func gid(ofItem id: Int) -> String { AsanaDocuments.taskGID(id) }

    /// What every live task holds, by its gid.
    public var groundTruth: [String: AsanaGroundTruth] {
        state.withLock { state in
            let documents = AsanaDocuments(world: state.world, config: config, index: AsanaIndex(state.world))
            var truth: [String: AsanaGroundTruth] = [:]
            for item in state.world.issues.values where !item.isArchived {
                let email = item.assignee.flatMap { state.world.users.indices.contains($0) ? $0 : nil }.flatMap {
                    state.world.users[$0].email
                }
                truth[AsanaDocuments.taskGID(item.id)] = AsanaGroundTruth(
                    key: item.key, title: item.summary, comments: item.comments.count,
                    attachments: item.attachments.count, subtasks: documents.subtasks(of: item).count,
                    labels: item.labels, assigneeEmail: email,
                    parentGID: AsanaDocuments.asanaParent(item).map(AsanaDocuments.taskGID))
            }
            return truth
        }
    }

    /// Changes `count` top-level tasks (name, section, a new comment; `modified_at` bumped);
    /// returns their item ids.
    @discardableResult
    public func updateTasks(_ count: Int) -> [Int] {
        state.withLock { $0.world.update(count: count, leavesOnly: true) }
    }

    /// Deletes `count` tasks (their subtasks too); returns the item ids removed.
    @discardableResult
    public func deleteTasks(_ count: Int) -> [Int] { state.withLock { $0.world.delete(count: count) } }

    /// Adds `count` tasks; returns their item ids.
    @discardableResult
    public func addTasks(_ count: Int) -> [Int] { state.withLock { $0.world.add(count: count) } }

    /// Renames the task of world item `id` (`modified_at` bumped).
    public func renameTask(item id: Int, to name: String) { state.withLock { $0.world.setSummary(id: id, name) } }

    /// The world item ids of project `index`'s tasks in Asana's order (subtasks excluded).
    public func taskItems(project index: Int) -> [Int] {
        state.withLock { state in
            AsanaDocuments(world: state.world, config: config, index: AsanaIndex(state.world)).tasks(
                project: index, modifiedSince: nil
            ).map(\.id)
        }
    }

    /// The workspace's people: display name and email (nil when the world hides it).
    public var people: [(name: String, email: String?)] {
        state.withLock { state in state.world.users.map { ($0.displayName, $0.email) } }
    }

    /// Every live attachment's size and SHA-256 (lower-case hex), by its gid.
    public var attachmentContents: [String: (size: Int, sha256: String)] {
        state.withLock { state in
            var contents: [String: (size: Int, sha256: String)] = [:]
            for item in state.world.issues.values where !item.isArchived {
                for child in item.attachments {
                    contents[String(1_900_000_000_000 + Int64(child.id))] = (
                        child.size, AttachmentBytes.digest(id: child.id, size: child.size)
                    )
                }
            }
            return contents
        }
    }

    /// Every download link fetched so far: the attachment's gid and the `Authorization` header sent
    /// (`nil`: none, as a pre-signed link needs).
    public var downloadLog: [(gid: String, authorization: String?)] { state.withLock { $0.downloads } }

    /// Requests per endpoint (`GET /projects/{gid}/tasks` …), control endpoints excluded.
    public var requestCounts: [String: Int] { state.withLock { $0.hits } }

    /// Forgets the request counts.
    public func resetRequestCounts() { state.withLock { $0.hits = [:] } }

    /// Answers the next `count` requests 429 (`Retry-After: 1`) whatever the budget says:
    /// rate-limit tests that do not depend on the machine's speed.
    public func rateLimitNext(_ count: Int) { state.withLock { $0.forcedRateLimits = max(0, count) } }

    /// Replaces the fault plan for the requests that follow.
    public func setFaults(_ plan: FaultPlan) { server.setFaults(plan) }

    /// Puts `interceptor` in front of the emulator (hostile answers for reliability tests); `nil` removes it.
    public func intercept(_ interceptor: Interceptor?) { state.withLock { $0.interceptor = interceptor } }
}
