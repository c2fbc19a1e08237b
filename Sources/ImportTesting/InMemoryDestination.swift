import Foundation
import ImportCore
import Synchronization

/// A destination that keeps everything in memory: for the engine's own tests (which run against it
/// and against the SQLite workspace) and for provider authors who want to see what an import of
/// their provider would write, without a database. It keeps the same guarantees as the SQLite
/// workspace: a page lands whole or not at all, records are upserted by their provenance identity
/// (owner, destination project, source, instance, id), unchanged records are not rewritten, and
/// local ids never change. It is also a `ConnectionStore` for connections added with `addConnection`.
public final class InMemoryDestination: ImportDestination, ConnectionStore {
    /// A task as this destination holds it.
    public struct StoredTask: Sendable, Hashable {
        /// The local id.
        public let id: Int64
        /// The destination project.
        public var projectID: Int64
        /// The provenance instance.
        public let instance: String
        /// The task as last written (children of kinds a run did not manage kept from before).
        public var task: CanonicalTask
        /// The milestone it resolved to, if any.
        public var milestoneID: Int64?
        /// The people it resolved to.
        public var assigneeIDs: [Int64]
        /// When delete reconciliation marked it deleted, or the source archived it.
        public var deletedAt: String?
        /// The job that last wrote it.
        public var jobID: Int64?
    }

    /// A job as this destination holds it.
    struct JobRow {
        var job: ImportJob
        var failures: [ImportFailure] = []
    }

    struct State {
        var nextID: Int64 = 1
        var owners: [String: Owner] = [:]
        var projects: [Int64: (owner: Int64, name: String)] = [:]
        var milestones: [Int64: (project: Int64, title: String, externalID: String?)] = [:]
        var users: [Int64: [String: Int64]] = [:]
        var tasks: [Int64: StoredTask] = [:]
        var jobs: [Int64: JobRow] = [:]
        var audit: [Int64: [AuditEntry]] = [:]
        var activity: [(project: Int64, kind: String)] = []
        var highWaterMarks: [String: String] = [:]
        var referenceData: [Int64: (at: Timestamp, records: [ReferenceRecord])] = [:]
        var fields: [Int64: (at: Timestamp, fields: [SourceField])] = [:]
        var connections: [String: (record: ConnectionRecord, credentials: Credentials?)] = [:]
        var leases: Set<String> = []

        mutating func newID() -> Int64 {
            defer { nextID += 1 }
            return nextID
        }
    }

    let state = Mutex(State())

    /// An empty destination.
    public init() {}

    // MARK: Set-up for tests

    /// Adds a person to the owner's workspace (imports never add people).
    public func addUser(owner: Owner, email: String) {
        state.withLock { state in
            let id = state.newID()
            state.users[owner.id, default: [:]][email.lowercased()] = id
        }
    }

    /// Adds a milestone to a project (imports create milestones only when the config says so).
    public func addMilestone(projectID: Int64, title: String) {
        state.withLock { state in
            let id = state.newID()
            state.milestones[id] = (projectID, title, nil)
        }
    }

    /// Stores a connection whose credentials are kept as they are (in memory only).
    @discardableResult
    public func addConnection(
        owner: Owner, name: String, provider: String, baseURL: String, credentials: Credentials,
        settings: [String: String] = [:]
    ) -> ConnectionRecord {
        state.withLock { state in
            let record = ConnectionRecord(
                id: state.newID(), ownerID: owner.id, name: name, provider: provider, baseURL: baseURL,
                accountEmail: credentials.username, accountID: nil, accountName: nil, authKind: credentials.kind,
                login: credentials.username, hasSecret: true, settings: settings, createdAt: Timestamp.now().iso8601,
                verifiedAt: nil, revokedAt: nil, lastError: nil)
            state.connections["\(owner.id)|\(name)"] = (record, credentials)
            return record
        }
    }

    /// Forgets a connection's credentials, as `tributary disconnect` does.
    public func disconnect(owner: Owner, name: String) {
        state.withLock { state in state.connections["\(owner.id)|\(name)"]?.credentials = nil }
    }

    // MARK: Inspection

    /// The owner's tasks, by local id.
    public func tasks(owner: Owner) -> [StoredTask] {
        state.withLock { state in
            state.tasks.values.filter { task in
                state.projects[task.projectID]?.owner == owner.id
            }.sorted { $0.id < $1.id }
        }
    }

    /// The name of a project.
    public func projectName(_ id: Int64) -> String? { state.withLock { $0.projects[id]?.name } }

    /// The title of a milestone.
    public func milestoneTitle(_ id: Int64) -> String? { state.withLock { $0.milestones[id]?.title } }

    /// The owner's audit entries, oldest first.
    public func auditEntries(owner: Owner) -> [AuditEntry] { state.withLock { $0.audit[owner.id] ?? [] } }

    /// The failures recorded for a job.
    public func failures(jobID: Int64) -> [ImportFailure] { state.withLock { $0.jobs[jobID]?.failures ?? [] } }
}
