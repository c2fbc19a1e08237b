import Foundation
import ImportCore

// The destination role: projects, jobs, pages with their checkpoints, deletes, reference data.
extension InMemoryDestination {
    /// The owner with `email`, created on first use.
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

    /// The owner's project named `name`, if there is one.
    public func projectID(owner: Owner, name: String) throws -> Int64? {
        state.withLock { state in state.projects.first { $0.value.owner == owner.id && $0.value.name == name }?.key }
    }

    /// Creates the owner's project `name` and returns its id.
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

    /// A lease per fingerprint; a second one while the first is held fails.
    public func acquireRunLease(fingerprint: String) throws -> any RunLease {
        let taken = state.withLock { !$0.leases.insert(fingerprint).inserted }
        if taken { throw WorkspaceError.invalid("another import of the same config is running") }
        return Lease { [self] in _ = state.withLock { $0.leases.remove(fingerprint) } }
    }

    /// The last job of this config, for resuming.
    public func latestJob(owner: Owner, fingerprint: String) throws -> ImportJob? {
        state.withLock { state in
            state.jobs.values.map(\.job).filter { $0.ownerID == owner.id && $0.fingerprint == fingerprint }
                .max { $0.id < $1.id }
        }
    }

    /// Opens a job (superseding the one it resumes).
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
                let status: JobStatus = row.job.status == .failed ? .failed : .interrupted
                state.jobs[resumed.id]?.job = Self.changed(
                    row.job, status: status, error: "resumed by job \(id)", finishedAt: Timestamp.now().iso8601)
            }
            if let replaced = opening.replaces, let row = state.jobs[replaced.id] {
                state.jobs[replaced.id]?.job = Self.changed(
                    row.job, status: .interrupted, error: "closed by nobody; job \(id) runs it again",
                    finishedAt: Timestamp.now().iso8601)
            }
            Self.audit(
                &state, owner: opening.owner, action: AuditAction.importStarted.name(provider: opening.provider),
                subject: "job \(id)")
            return job
        }
    }

    /// Writes a page, its failures and its checkpoint at once.
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

    /// What writing `tasks` would do, without writing.
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

    /// Marks deleted the rows of this scope the source no longer lists.
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

    /// Closes a job with its outcome and report.
    public func closeJob(_ closing: JobClosing) throws {
        state.withLock { state in
            guard let row = state.jobs[closing.jobID] else { return }
            let now = Timestamp.now().iso8601
            switch closing.outcome {
            case .completed(let status, let scope, let mark):
                state.jobs[closing.jobID]?.job = Self.finished(
                    row.job, status: status, error: nil, counts: closing.counts, metrics: closing.metrics,
                    report: closing.report, at: now)
                if let scope, let mark, mark > (state.highWaterMarks["\(closing.owner.id)|\(scope)"] ?? "") {
                    state.highWaterMarks["\(closing.owner.id)|\(scope)"] = mark
                }
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
            case .interrupted(let reason):
                state.jobs[closing.jobID]?.job = Self.finished(
                    row.job, status: .interrupted, error: reason, counts: closing.counts, metrics: closing.metrics,
                    report: closing.report, at: now)
                Self.audit(
                    &state, owner: closing.owner,
                    action: AuditAction.importInterrupted.name(provider: closing.provider),
                    subject: "job \(closing.jobID)")
            }
        }
    }

    /// The owner's job `id`.
    public func job(owner: Owner, id: Int64) throws -> ImportJob? {
        state.withLock { state in state.jobs[id].map(\.job).flatMap { $0.ownerID == owner.id ? $0 : nil } }
    }

    /// Where the next incremental run of this scope starts.
    public func highWaterMark(owner: Owner, scope: String) throws -> String? {
        state.withLock { $0.highWaterMarks["\(owner.id)|\(scope)"] }
    }

    /// Moves rows recorded under the legacy instance to `instance`.
    public func adoptRows(owner: Owner, source: String, from legacy: String, to instance: String) throws -> Int {
        0
    }

    /// When this connection's reference data was last stored.
    public func referenceDataFetchedAt(owner: Owner, connectionID: Int64) throws -> Timestamp? {
        state.withLock { $0.referenceData[connectionID]?.at }
    }

    /// Replaces this connection's reference data.
    public func storeReferenceData(_ records: [ReferenceRecord], owner: Owner, connectionID: Int64) throws {
        state.withLock { $0.referenceData[connectionID] = (Timestamp.now(), records) }
    }

    /// This connection's field catalog, if stored after `since`.
    public func storedFieldCatalog(owner: Owner, connectionID: Int64, since: Timestamp) throws -> [SourceField] {
        state.withLock { state in
            guard let stored = state.fields[connectionID], stored.at > since else { return [] }
            return stored.fields
        }
    }

    /// Replaces this connection's field catalog.
    public func storeFieldCatalog(_ fields: [SourceField], owner: Owner, connectionID: Int64) throws {
        state.withLock { $0.fields[connectionID] = (Timestamp.now(), fields) }
    }
}
