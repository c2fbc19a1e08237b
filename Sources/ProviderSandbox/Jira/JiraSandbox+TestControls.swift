import Foundation
import ImportCore

// Controls tests call in-process: change the world, read what was asked, inject faults.
extension JiraSandbox {
    /// Number of issues currently served.
    public var issueCount: Int { state.withLock { $0.world.issues.count } }

    /// Every issue id, ascending.
    public var issueIDs: [Int] { state.withLock { $0.world.issues.keys.sorted() } }

    /// Changes `count` issues (new `updated`); returns their ids. By default only issues no other
    /// issue embeds change, so exactly `count` records differ; `leavesOnly: false` also picks parents,
    /// epics and subtasks, whose changes show in their relatives too.
    @discardableResult
    public func updateIssues(_ count: Int, leavesOnly: Bool = true) -> [Int] {
        let ids = state.withLock { $0.world.update(count: count, leavesOnly: leavesOnly) }
        announce("jira:issue_updated", ids: ids)
        return ids
    }

    /// Logs time on every done issue with story points, `hoursPerPoint` hours a point with a fixed
    /// ±20 % spread and every 25th issue six times that; returns how many issues (calibration tests).
    @discardableResult
    public func logTimeByStoryPoints(hoursPerPoint: Double) -> Int {
        state.withLock { $0.world.logTime(hoursPerPoint: hoursPerPoint) }
    }

    /// Bumps the `updated` of the issues `ids`, as an edit during a run would: they move in the search order.
    public func touchIssues(_ ids: [Int]) { state.withLock { $0.world.touch(ids) } }

    /// Deletes `count` issues (their subtasks too); returns the ids removed.
    @discardableResult
    public func deleteIssues(_ count: Int) -> [Int] {
        let ids = state.withLock { $0.world.delete(count: count) }
        announce("jira:issue_deleted", ids: ids)
        return ids
    }

    /// Adds `count` issues; returns their ids.
    @discardableResult
    public func addIssues(_ count: Int) -> [Int] {
        let ids = state.withLock { $0.world.add(count: count) }
        announce("jira:issue_created", ids: ids)
        return ids
    }

    /// Moves `count` issues to the next project, as Jira's "Move" does: each keeps its id, gets a new
    /// key there (the old one still finds it) and a "Key" change in its history; returns their ids.
    @discardableResult
    public func moveIssues(_ count: Int) -> [Int] { state.withLock { $0.world.move(count: count) } }

    /// Archives `count` issues (hidden from search as Jira archives hide them), or trashes them;
    /// returns their ids.
    @discardableResult
    public func archiveIssues(_ count: Int, trash: Bool = false) -> [Int] {
        state.withLock { $0.world.archive(count: count, trash: trash) }
    }

    /// Brings archived or trashed issues back; returns those that were archived.
    @discardableResult
    public func restoreIssues(_ ids: [Int]) -> [Int] { state.withLock { $0.world.restore(ids) } }

    /// Serves `json` (raw bytes, not validated) in place of issue `id`'s rendering.
    public func replaceIssueJSON(id: Int, with json: [UInt8]) {
        state.withLock { state in
            state.hostile[id] = json
            state.world.setSummary(id: id, state.world.issues[id]?.summary ?? "")
        }
    }

    /// The keys of the sandbox's projects (`DEMO`, `OPS`, …).
    public var projectKeys: [String] { state.withLock { $0.world.projectKeys } }

    /// The epics of a project (key and summary), oldest first: demos create matching milestones.
    public func epics(project: String) -> [(key: String, summary: String)] {
        state.withLock { state in
            state.world.issues.values.filter { $0.type == "Epic" && projects.key($0.project) == project }
                .sorted { $0.id < $1.id }.map { ($0.key, $0.summary) }
        }
    }

    /// The sandbox's people: display name and email (nil when hidden).
    public var people: [(name: String, email: String?)] {
        state.withLock { $0.world.users.map { ($0.displayName, $0.email) } }
    }

    /// Requests per endpoint (`GET /rest/api/3/search/jql` …), control endpoints excluded.
    public var requestCounts: [String: Int] { state.withLock { $0.hits } }

    /// Forgets the request counts (between phases of a test).
    public func resetRequestCounts() { state.withLock { $0.hits = [:] } }

    /// Replaces the fault plan (rate limits, errors, dropped bodies) for the requests that follow.
    public func setFaults(_ plan: FaultPlan) { server.setFaults(plan) }

    /// Puts `interceptor` in front of the emulator (hostile answers for reliability tests); `nil` removes it.
    public func intercept(_ interceptor: Interceptor?) { state.withLock { $0.interceptor = interceptor } }
}
