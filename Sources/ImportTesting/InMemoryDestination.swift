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
        /// When delete reconciliation marked it deleted.
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

    // MARK: ImportDestination

    public func owner(email: String) throws -> Owner {
        let key = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard key.contains("@") else { throw WorkspaceError.invalid("\"\(email)\" is not an email address") }
        return state.withLock { state in
            if let owner = state.owners[key] { return owner }
            let owner = Owner(id: state.newID(), email: key)
            state.owners[key] = owner
            return owner
        }
    }

    public func projectID(owner: Owner, name: String) throws -> Int64? {
        state.withLock { state in state.projects.first { $0.value.owner == owner.id && $0.value.name == name }?.key }
    }

    public func createProject(owner: Owner, name: String) throws -> Int64 {
        if let id = try projectID(owner: owner, name: name) { return id }
        return state.withLock { state in
            let id = state.newID()
            state.projects[id] = (owner.id, name)
            return id
        }
    }

    /// A lease held in this process: a second one for the same fingerprint is refused until released.
    final class Lease: RunLease {
        let release: @Sendable () -> Void
        init(release: @escaping @Sendable () -> Void) { self.release = release }
        deinit { release() }
    }

    public func acquireRunLease(fingerprint: String) throws -> any RunLease {
        let taken = state.withLock { !$0.leases.insert(fingerprint).inserted }
        if taken { throw WorkspaceError.invalid("another import of the same config is running") }
        return Lease { [self] in _ = state.withLock { $0.leases.remove(fingerprint) } }
    }

    public func latestJob(owner: Owner, fingerprint: String) throws -> ImportJob? {
        state.withLock { state in
            state.jobs.values.map(\.job).filter { $0.ownerID == owner.id && $0.fingerprint == fingerprint }
                .max { $0.id < $1.id }
        }
    }

    public func openJob(_ opening: JobOpening) throws -> ImportJob {
        state.withLock { state in
            let id = state.newID()
            let resumed = opening.resumedFrom
            let job = ImportJob(
                id: id, ownerID: opening.owner.id, connectionID: opening.connectionID, provider: opening.provider,
                destinationProjectID: opening.projectID, configJSON: opening.configJSON,
                fingerprint: opening.fingerprint, mode: opening.mode.rawValue, status: .running,
                startedAt: Timestamp.now().iso8601, finishedAt: nil, counts: resumed?.counts ?? ImportCounts(),
                cursor: resumed?.cursor, error: nil, resumedFromJobID: resumed?.id,
                highWaterMark: resumed?.highWaterMark, pages: resumed?.pages ?? 0, requests: 0, retries: 0,
                report: [:], query: resumed?.query ?? opening.query)
            state.jobs[id] = JobRow(job: job)
            if let resumed, let row = state.jobs[resumed.id] {
                state.jobs[resumed.id]?.job = Self.changed(
                    row.job, status: .failed, error: "resumed by job \(id)", finishedAt: Timestamp.now().iso8601)
            }
            Self.audit(
                &state, owner: opening.owner, action: AuditAction.importStarted.name(provider: opening.provider),
                subject: "job \(id)")
            return job
        }
    }

    public func writePage(_ page: PageWrite) throws -> PageResult {
        guard let projectID = page.target.projectID else {
            throw WorkspaceError.invalid("a page cannot be written without a destination project")
        }
        return state.withLock { state in
            // Work on a copy: the page lands whole (the copy replaces the state) or not at all.
            var next = state
            var results: [Result<RecordOutcome, ImportFailure>] = []
            var counts = ImportCounts()
            for record in page.records {
                switch record {
                case .task(let task):
                    let outcome = Self.write(
                        task, target: page.target, projectID: projectID, jobID: page.jobID, in: &next)
                    counts.count(outcome.change)
                    results.append(.success(outcome))
                case .failed(let failure):
                    next.jobs[page.jobID]?.failures.append(failure)
                    counts.failed += 1
                    results.append(.failure(failure))
                }
            }
            if let row = next.jobs[page.jobID] {
                let checkpoint = page.checkpoint
                next.jobs[page.jobID]?.job = Self.checkpointed(
                    row.job, cursor: checkpoint.cursor, counts: checkpoint.countsBefore + counts,
                    highWaterMark: checkpoint.highWaterMark, pages: checkpoint.pages, metrics: checkpoint.metrics)
            }
            state = next
            return PageResult(records: results, counts: counts)
        }
    }

    public func planPage(_ tasks: [CanonicalTask], target: WriteTarget) throws -> [RecordOutcome] {
        state.withLock { state in
            var copy = state
            return tasks.map { task in
                guard let projectID = target.projectID else {
                    return RecordOutcome(
                        change: .created, taskID: nil, fieldChanges: [], unmatchedAssignees: [],
                        unmatchedMilestone: nil, rowsWritten: 0)
                }
                let outcome = Self.write(task, target: target, projectID: projectID, jobID: nil, in: &copy)
                return RecordOutcome(
                    change: outcome.change, taskID: outcome.change == .created ? nil : outcome.taskID, fieldChanges: [],
                    unmatchedAssignees: outcome.unmatchedAssignees, unmatchedMilestone: outcome.unmatchedMilestone,
                    rowsWritten: 0)
            }
        }
    }

    public func reconcileDeletes(
        target: WriteTarget, containers: [String], liveIDs: Set<String>, jobID: Int64?, dryRun: Bool
    ) throws -> Int {
        state.withLock { state in
            var marked = 0
            for (id, stored) in state.tasks
            where stored.projectID == target.projectID && stored.instance == target.instance
                && stored.task.ref.source == target.source && stored.deletedAt == nil
                && containers.contains(stored.task.container ?? "") && !liveIDs.contains(stored.task.ref.id)
            {
                marked += 1
                if !dryRun {
                    state.tasks[id]?.deletedAt = Timestamp.now().iso8601
                    state.tasks[id]?.jobID = jobID
                }
            }
            return marked
        }
    }

    public func closeJob(_ closing: JobClosing) throws {
        state.withLock { state in
            guard let row = state.jobs[closing.jobID] else { return }
            let now = Timestamp.now().iso8601
            switch closing.outcome {
            case .completed(let status, let scope, let mark):
                state.jobs[closing.jobID]?.job = Self.finished(
                    row.job, status: status, error: nil, counts: closing.counts, metrics: closing.metrics,
                    report: closing.report, at: now)
                let key = "\(closing.owner.id)|\(scope)"
                if let mark, mark > (state.highWaterMarks[key] ?? "") { state.highWaterMarks[key] = mark }
                Self.audit(
                    &state, owner: closing.owner, action: AuditAction.importCompleted.name(provider: closing.provider),
                    subject: "job \(closing.jobID)")
                state.activity.append((closing.projectID, "imported_from_\(closing.provider)"))
            case .failed(let message, _):
                state.jobs[closing.jobID]?.job = Self.finished(
                    row.job, status: .failed, error: message, counts: closing.counts, metrics: closing.metrics,
                    report: closing.report, at: now)
                Self.audit(
                    &state, owner: closing.owner, action: AuditAction.importFailed.name(provider: closing.provider),
                    subject: "job \(closing.jobID)")
            }
        }
    }

    public func job(owner: Owner, id: Int64) throws -> ImportJob? {
        state.withLock { state in state.jobs[id].map(\.job).flatMap { $0.ownerID == owner.id ? $0 : nil } }
    }

    public func highWaterMark(owner: Owner, scope: String) throws -> String? {
        state.withLock { $0.highWaterMarks["\(owner.id)|\(scope)"] }
    }

    public func adoptRows(owner: Owner, source: String, from legacy: String, to instance: String) throws -> Int {
        0
    }

    public func referenceDataFetchedAt(owner: Owner, connectionID: Int64) throws -> Timestamp? {
        state.withLock { $0.referenceData[connectionID]?.at }
    }

    public func storeReferenceData(_ records: [ReferenceRecord], owner: Owner, connectionID: Int64) throws {
        state.withLock { $0.referenceData[connectionID] = (Timestamp.now(), records) }
    }

    public func storedFieldCatalog(owner: Owner, connectionID: Int64, since: Timestamp) throws -> [SourceField] {
        state.withLock { state in
            guard let stored = state.fields[connectionID], stored.at > since else { return [] }
            return stored.fields
        }
    }

    public func storeFieldCatalog(_ fields: [SourceField], owner: Owner, connectionID: Int64) throws {
        state.withLock { $0.fields[connectionID] = (Timestamp.now(), fields) }
    }

    // MARK: ConnectionStore

    public func connection(owner: Owner, name: String) throws -> ConnectionRecord? {
        state.withLock { $0.connections["\(owner.id)|\(name)"]?.record }
    }

    public func credentials(owner: Owner, name: String, vault: CredentialVault) throws -> Credentials {
        guard let entry = state.withLock({ $0.connections["\(owner.id)|\(name)"] }) else {
            throw WorkspaceError.connectionNotFound(name: name, owner: owner.email)
        }
        guard let credentials = entry.credentials else { throw WorkspaceError.connectionRevoked(name: name) }
        return credentials
    }

    public func isActive(owner: Owner, name: String) throws -> Bool {
        state.withLock { $0.connections["\(owner.id)|\(name)"]?.credentials != nil }
    }

    public func recordInstance(owner: Owner, name: String, instance: String) throws {}
}
