import ImportCore

extension Workspace: ImportDestination {
    /// The owner's project named `name`, if there is one.
    public func projectID(owner: Owner, name: String) throws -> Int64? {
        try projects.find(owner: owner, name: name)
    }

    /// Creates the owner's project `name` and returns its id.
    public func createProject(owner: Owner, name: String) throws -> Int64 {
        try projects.findOrCreate(owner: owner, name: name)
    }

    /// The lock beside the database that keeps two runs of one config apart.
    public func acquireRunLease(fingerprint: String) throws -> any RunLease {
        try RunLock(database: path, fingerprint: fingerprint)
    }

    /// The last job of this config, for resuming.
    public func latestJob(owner: Owner, fingerprint: String) throws -> ImportJob? {
        try jobs.latest(owner: owner, fingerprint: fingerprint)
    }

    /// Opens a job (superseding the one it resumes) and audits its start.
    public func openJob(_ opening: JobOpening) throws -> ImportJob {
        try db.transaction {
            let job = try jobs.start(
                owner: opening.owner, connectionID: opening.connectionID, provider: opening.provider,
                destinationProjectID: opening.projectID, configJSON: opening.configJSON,
                fingerprint: opening.fingerprint, mode: opening.mode.rawValue, resumedFrom: opening.resumedFrom,
                query: opening.query)
            if let resumed = opening.resumedFrom {
                try jobs.markSuperseded(
                    owner: opening.owner, jobID: resumed.id, by: job.id, wasRunning: resumed.status == .running)
            }
            if let replaced = opening.replaces {
                try jobs.markReplaced(owner: opening.owner, jobID: replaced.id, by: job.id)
            }
            // What the job changes is journaled from here on; the project it had created for it first.
            try db.execute("UPDATE import_jobs SET journaled = 1 WHERE id = ?", [.integer(job.id)])
            if opening.createdProject {
                try db.execute(
                    "INSERT INTO change_journal (job_id, table_name, row_id, action) VALUES (?, 'projects', ?, 'insert')",
                    [.integer(job.id), .integer(opening.projectID)])
            }
            try audit.record(
                owner: opening.owner, action: AuditAction.importStarted.name(provider: opening.provider),
                subject: "job \(job.id)",
                detail: [
                    "jobId": .number(Double(job.id)), "connection": .string(opening.connectionLabel),
                    "projects": .array(opening.containers.map(JSONValue.string)),
                    "mode": .string(opening.mode.rawValue), "destination": .string(opening.projectName),
                    "resumedFrom": opening.resumedFrom.map { .number(Double($0.id)) } ?? .null,
                ])
            return job
        }
    }

    /// Writes a page, its failures and its checkpoint in one transaction.
    public func writePage(_ page: PageWrite) throws -> PageResult {
        guard let projectID = page.target.projectID else {
            throw WorkspaceError.invalid("a page cannot be written without a destination project")
        }
        let planner = TaskPlanner(db: db, target: page.target)
        let writer = TaskPlanWriter(db: db, target: page.target, projectID: projectID, jobID: page.jobID)
        return try journal.recording(jobID: page.jobID) {
            var results: [Result<RecordOutcome, ImportFailure>] = []
            var counts = ImportCounts()
            for record in page.records {
                switch record {
                case .task(let task):
                    do {
                        // Each record in its own savepoint: one that cannot be written fails alone.
                        let outcome = try db.transaction { try writer.apply(try planner.plan(task), planner: planner) }
                        counts.count(outcome.change)
                        results.append(.success(outcome))
                    } catch {
                        let failure = ImportFailure(
                            recordKey: task.ref.label, externalID: task.ref.id, reason: String(describing: error))
                        try jobs.recordFailure(jobID: page.jobID, failure: failure)
                        counts.failed += 1
                        results.append(.failure(failure))
                    }
                case .failed(let failure):
                    try jobs.recordFailure(jobID: page.jobID, failure: failure)
                    counts.failed += 1
                    results.append(.failure(failure))
                }
            }
            let checkpoint = page.checkpoint
            try jobs.checkpoint(
                jobID: page.jobID, cursor: checkpoint.cursor, counts: checkpoint.countsBefore + counts,
                highWaterMark: checkpoint.highWaterMark, pages: checkpoint.pages, metrics: checkpoint.metrics)
            return PageResult(records: results, counts: counts)
        }
    }

    /// What writing `tasks` would do, without writing (dry runs).
    public func planPage(_ tasks: [CanonicalTask], target: WriteTarget) throws -> [RecordOutcome] {
        let planner = TaskPlanner(db: db, target: target)
        return try tasks.map { task in
            let plan = try planner.plan(task)
            return RecordOutcome(
                change: plan.change, taskID: plan.stored?.id, fieldChanges: try planner.fieldChanges(plan),
                unmatchedAssignees: plan.unmatchedAssignees, unmatchedMilestone: plan.unmatchedMilestone,
                rowsWritten: 0)
        }
    }

    /// Marks deleted the rows of this scope the source no longer lists.
    public func reconcileDeletes(
        target: WriteTarget, containers: [String], liveIDs: Set<String>, jobID: Int64?, dryRun: Bool
    ) throws -> Int {
        guard let projectID = target.projectID else { return 0 }
        return try journal.recording(jobID: dryRun ? nil : jobID) {
            var marked = 0
            let now = Timestamp.now().iso8601
            for container in containers {
                let rows = try db.query(
                    """
                    SELECT id, external_id FROM tasks
                    WHERE owner_id = ? AND project_id = ? AND external_source = ? AND external_instance = ?
                        AND external_container = ? AND deleted_at IS NULL
                    """,
                    [
                        .integer(target.owner.id), .integer(projectID), .text(target.source), .text(target.instance),
                        .text(container),
                    ])
                for row in rows where !liveIDs.contains(row.string("external_id") ?? "") {
                    guard let id = row.int64("id") else { continue }
                    if !dryRun {
                        try db.execute(
                            "UPDATE tasks SET deleted_at = ?, updated_at = ?, import_job_id = ? WHERE id = ?",
                            [.text(now), .text(now), SQLValue(jobID), .integer(id)])
                    }
                    marked += 1
                }
            }
            return marked
        }
    }

    /// Closes a job with its outcome, report and audit entry.
    public func closeJob(_ closing: JobClosing) throws {
        let owner = closing.owner
        let counts = closing.counts
        try journal.recording(jobID: closing.jobID) {
            switch closing.outcome {
            case .completed(let status, let scope, let highWaterMark):
                try jobs.finish(
                    jobID: closing.jobID, status: status, error: nil, counts: counts, metrics: closing.metrics,
                    report: closing.report)
                if let scope {
                    try jobs.setHighWaterMark(
                        owner: owner, scope: scope, provider: closing.provider, mark: highWaterMark,
                        jobID: closing.jobID)
                }
                try audit.record(
                    owner: owner, action: AuditAction.importCompleted.name(provider: closing.provider),
                    subject: "job \(closing.jobID)",
                    detail: [
                        "jobId": .number(Double(closing.jobID)), "status": .string(status.rawValue),
                        "created": .number(Double(counts.created)), "updated": .number(Double(counts.updated)),
                        "unchanged": .number(Double(counts.unchanged)), "deleted": .number(Double(counts.deleted)),
                        "failed": .number(Double(counts.failed)),
                    ])
                try audit.recordActivity(
                    projectID: closing.projectID, kind: "imported_from_\(closing.provider)",
                    detail: [
                        "jobId": .number(Double(closing.jobID)),
                        "projects": .array(closing.containers.map(JSONValue.string)),
                        "created": .number(Double(counts.created)), "updated": .number(Double(counts.updated)),
                        "deleted": .number(Double(counts.deleted)),
                    ])
                if let name = closing.connectionName { try connections.recordVerified(owner: owner, name: name) }
            case .failed(let message, let credentialsRefused):
                try jobs.finish(
                    jobID: closing.jobID, status: .failed, error: message, counts: counts, metrics: closing.metrics,
                    report: closing.report)
                try audit.record(
                    owner: owner, action: AuditAction.importFailed.name(provider: closing.provider),
                    subject: "job \(closing.jobID)",
                    detail: ["jobId": .number(Double(closing.jobID)), "error": .string(message)])
                if let name = closing.connectionName, credentialsRefused {
                    try connections.recordError(owner: owner, name: name, message: message)
                }
            case .interrupted(let reason):
                try jobs.finish(
                    jobID: closing.jobID, status: .interrupted, error: reason, counts: counts,
                    metrics: closing.metrics, report: closing.report)
                try audit.record(
                    owner: owner, action: AuditAction.importInterrupted.name(provider: closing.provider),
                    subject: "job \(closing.jobID)",
                    detail: [
                        "jobId": .number(Double(closing.jobID)), "reason": .string(reason),
                        "created": .number(Double(counts.created)), "updated": .number(Double(counts.updated)),
                        "unchanged": .number(Double(counts.unchanged)), "failed": .number(Double(counts.failed)),
                    ])
            }
        }
        try pruneJournals(owner: owner)
    }

    /// The owner's job `id`.
    public func job(owner: Owner, id: Int64) throws -> ImportJob? { try jobs.find(owner: owner, id: id) }

    /// Where the next incremental run of this scope starts.
    public func highWaterMark(owner: Owner, scope: String) throws -> String? {
        try jobs.highWaterMark(owner: owner, scope: scope)
    }

    /// When this connection's reference data was last stored.
    public func referenceDataFetchedAt(owner: Owner, connectionID: Int64) throws -> Timestamp? {
        try referenceData.fetchedAt(owner: owner, connectionID: connectionID)
    }

    /// Replaces this connection's reference data.
    public func storeReferenceData(_ records: [ReferenceRecord], owner: Owner, connectionID: Int64) throws {
        try referenceData.store(records, owner: owner, connectionID: connectionID)
    }

    /// This connection's field catalog, if stored after `since`.
    public func storedFieldCatalog(owner: Owner, connectionID: Int64, since: Timestamp) throws -> [SourceField] {
        try referenceData.fields(owner: owner, connectionID: connectionID, since: since)
    }

    /// Replaces this connection's field catalog.
    public func storeFieldCatalog(_ fields: [SourceField], owner: Owner, connectionID: Int64) throws {
        try referenceData.storeFields(fields, owner: owner, connectionID: connectionID)
    }
}
