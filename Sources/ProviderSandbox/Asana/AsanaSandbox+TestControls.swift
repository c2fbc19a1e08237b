import Foundation
import ImportCore

// Controls tests call in-process: change the world, read what was asked.
extension AsanaSandbox {
    /// Number of tasks in the world (deleted ones excluded).
    public var taskCount: Int { state.withLock { $0.world.issues.values.filter { !$0.isArchived }.count } }

    /// The gids of the workspace's projects, in the world's order.
    public var projectGIDs: [String] {
        state.withLock { state in (0..<state.world.projectCount).map(AsanaDocuments.projectGID) }
    }

    /// Requests per endpoint (`GET /projects/{gid}/tasks` …), control endpoints excluded.
    public var requestCounts: [String: Int] { state.withLock { $0.hits } }

    /// Forgets the request counts.
    public func resetRequestCounts() { state.withLock { $0.hits = [:] } }

    /// Puts `interceptor` in front of the emulator (hostile answers for reliability tests); `nil` removes it.
    public func intercept(_ interceptor: Interceptor?) { state.withLock { $0.interceptor = interceptor } }
}
