import Foundation
import ImportCore

// Controls tests call in-process: change the world, read what was asked, inject faults and limits.
extension LinearSandbox {
    /// Number of issues in the world (archived and trashed ones included).
    public var issueCount: Int { state.withLock { $0.world.issues.count } }

    /// The UUIDs of every issue (archived and trashed ones included), as Linear shows them.
    public var issueUUIDs: Set<String> {
        state.withLock { state in Set(currentView(&state).uuidOfItem.values) }
    }

    /// The UUID Linear shows for world item `id`.
    public func uuid(ofItem id: Int) -> String? { state.withLock { state in currentView(&state).uuidOfItem[id] } }

    /// Changes `count` issues (title, state, a new comment; `updatedAt` bumped); returns their item ids.
    @discardableResult
    public func updateIssues(_ count: Int) -> [Int] {
        state.withLock { $0.world.update(count: count, leavesOnly: true) }
    }

    /// Deletes `count` issues for good (their sub-issues too); returns the item ids removed.
    @discardableResult
    public func deleteIssues(_ count: Int) -> [Int] { state.withLock { $0.world.delete(count: count) } }

    /// Adds `count` issues; returns their item ids.
    @discardableResult
    public func addIssues(_ count: Int) -> [Int] { state.withLock { $0.world.add(count: count) } }

    /// Moves `count` issues to the next team: new identifier, the old one in `previousIdentifiers`.
    @discardableResult
    public func moveIssues(_ count: Int) -> [Int] { state.withLock { $0.world.move(count: count) } }

    /// Archives `count` issues (`archivedAt` set; hidden unless `includeArchived`), or trashes them.
    @discardableResult
    public func archiveIssues(_ count: Int, trash: Bool = false) -> [Int] {
        state.withLock { $0.world.archive(count: count, trash: trash) }
    }

    /// Brings archived or trashed issues back; returns those that were archived.
    @discardableResult
    public func restoreIssues(_ ids: [Int]) -> [Int] { state.withLock { $0.world.restore(ids) } }

    /// The sandbox's people: display name and email as Linear shows them.
    public var people: [(name: String, email: String)] {
        state.withLock { state in
            let view = currentView(&state)
            return view.world.users.map { ($0.displayName, view.email($0)) }
        }
    }

    /// What every issue holds, by its UUID (archived and trashed ones included).
    public var groundTruth: [String: LinearGroundTruth] {
        state.withLock { state in
            let view = currentView(&state)
            var truth: [String: LinearGroundTruth] = [:]
            for (uuid, item) in view.itemsByUUID {
                truth[uuid] = LinearGroundTruth(
                    identifier: item.key, title: item.summary, comments: item.comments.count,
                    replies: item.comments.filter { $0.replyTo != nil }.count, attachments: item.attachments.count,
                    subIssues: view.children[item.id]?.count ?? 0, labels: item.labels,
                    assigneeEmail: item.assignee.map { view.email(view.world.users[$0]) }, archived: item.isArchived)
            }
            return truth
        }
    }

    /// The team keys (`DEMO`, `OPS`, …).
    public var teamKeys: [String] { state.withLock { $0.world.projectKeys } }

    /// Requests per endpoint (`POST /graphql`, `GET /uploads`), control endpoints excluded.
    public var requestCounts: [String: Int] { state.withLock { $0.hits } }

    /// The complexity of every GraphQL request so far, in order.
    public var complexities: [Int] { state.withLock { $0.complexities } }

    /// Forgets the request counts and complexities.
    public func resetRequestCounts() {
        state.withLock { state in
            state.hits = [:]
            state.complexities = []
        }
    }

    /// Answers the next `count` GraphQL requests RATELIMITED (with the window's reset headers),
    /// whatever the budget says: rate-limit tests that do not depend on the machine's speed.
    public func rateLimitNext(_ count: Int) { state.withLock { $0.forcedRateLimits = max(0, count) } }

    /// Replaces the fault plan for the requests that follow.
    public func setFaults(_ plan: FaultPlan) { server.setFaults(plan) }

    /// Puts `interceptor` in front of the emulator; `nil` removes it.
    public func intercept(_ interceptor: Interceptor?) { state.withLock { $0.interceptor = interceptor } }
}
