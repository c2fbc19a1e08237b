import ImportCore

extension Workspace {
    /// What reverting the owner's job `jobID` would do; throws `RevertRefusal` when it cannot be
    /// reverted at all (later changes are listed in the plan, for the caller to refuse or force).
    public func revertPlan(owner: Owner, jobID: Int64) throws -> RevertPlan {
        guard let job = try jobs.find(owner: owner, id: jobID) else { throw WorkspaceError.jobNotFound(id: jobID) }
        let state = try db.queryOne(
            "SELECT journaled, journal_pruned_at, reverted_by_job_id FROM import_jobs WHERE id = ?", [.integer(jobID)])
        if let by = state?.int64("reverted_by_job_id") { throw RevertRefusal.alreadyReverted(jobID: jobID, by: by) }
        if let at = state?.string("journal_pruned_at") { throw RevertRefusal.pruned(jobID: jobID, at: at) }
        guard state?.int("journaled") == 1 else { throw RevertRefusal.notJournaled(jobID: jobID) }
        guard job.status != .running else { throw RevertRefusal.running(jobID: jobID) }
        return RevertPlan(job: job, summary: try journal.summary(jobID: jobID), laterChanges: try laterChanges(jobID))
    }

    /// Reverts the owner's job `jobID` in one transaction: what it created is removed, what it
    /// updated or deleted is put back as it was, and the job is marked reverted. The revert is a job
    /// of its own, journaled and audited. Refuses (`RevertRefusal.laterChanges`) when later jobs
    /// changed the same rows, unless `force`, which puts those rows back as they were before the job.
    public func revert(owner: Owner, jobID: Int64, force: Bool) throws -> RevertOutcome {
        try db.transaction {
            let plan = try revertPlan(owner: owner, jobID: jobID)
            if !plan.laterChanges.isEmpty, !force {
                throw RevertRefusal.laterChanges(jobID: jobID, later: plan.laterChanges)
            }
            // A row and the rows that refer to it come back in any order: references are checked at commit.
            try db.execute("PRAGMA defer_foreign_keys = ON")
            let job = plan.job
            let revertJob = try jobs.start(
                owner: owner, connectionID: job.connectionID, provider: job.provider,
                destinationProjectID: job.destinationProjectID, configJSON: job.configJSON,
                fingerprint: "revert:\(jobID)", mode: "revert", resumedFrom: nil)
            try db.execute(
                "UPDATE import_jobs SET journaled = 1, reverts_job_id = ? WHERE id = ?",
                [.integer(jobID), .integer(revertJob.id)])
            var counts = (removed: 0, restored: 0, reinserted: 0)
            try journal.recording(jobID: revertJob.id) {
                var undoer = JournalUndoer(db: db, force: force)
                var below = Int64.max
                while true {
                    let batch = try db.query(
                        """
                        SELECT id, table_name, row_id, action, before_json FROM change_journal
                        WHERE job_id = ? AND id < ? ORDER BY id DESC LIMIT 500
                        """, [.integer(jobID), .integer(below)])
                    guard let last = batch.last?.int64("id") else { break }
                    for row in batch {
                        switch try undoer.undo(row) {
                        case .insert: counts.removed += 1
                        case .update: counts.restored += 1
                        case .delete: counts.reinserted += 1
                        }
                    }
                    below = last
                }
                try db.execute(
                    "UPDATE import_jobs SET reverted_by_job_id = ? WHERE id = ?",
                    [.integer(revertJob.id), .integer(jobID)])
                // Reverting a revert puts its job's changes back: that job counts as not reverted again.
                try db.execute(
                    """
                    UPDATE import_jobs SET reverted_by_job_id = NULL
                    WHERE id = (SELECT reverts_job_id FROM import_jobs WHERE id = ?)
                    """, [.integer(jobID)])
            }
            let later: JSONValue = .array(
                plan.laterChanges.map {
                    ["job": $0.jobID.map { .number(Double($0)) } ?? .null, "rows": .number(Double($0.rows))]
                })
            let detail: JSONValue = [
                "jobId": .number(Double(jobID)), "revertJobId": .number(Double(revertJob.id)),
                "removed": .number(Double(counts.removed)), "restored": .number(Double(counts.restored)),
                "reinserted": .number(Double(counts.reinserted)), "forced": .bool(force && !plan.laterChanges.isEmpty),
                "laterChanges": later,
            ]
            try jobs.finish(
                jobID: revertJob.id, status: .completed, error: nil,
                counts: ImportCounts(created: counts.reinserted, updated: counts.restored, deleted: counts.removed),
                metrics: RequestMetrics(requests: 0, retries: 0), report: detail)
            try audit.record(
                owner: owner, action: AuditAction.importReverted.name(provider: job.provider),
                subject: "job \(jobID)", detail: detail)
            return RevertOutcome(
                revertJobID: revertJob.id, revertedJobID: jobID, removed: counts.removed, restored: counts.restored,
                reinserted: counts.reinserted, laterChanges: plan.laterChanges)
        }
    }

    /// The job that reverted the owner's job `jobID`, if one did (and was not itself reverted).
    public func revertingJob(owner: Owner, jobID: Int64) throws -> Int64? {
        try db.scalar(
            "SELECT reverted_by_job_id FROM import_jobs WHERE owner_id = ? AND id = ?",
            [.integer(owner.id), .integer(jobID)]
        ).int64Value
    }

    /// Later jobs' changes a revert of `jobID` would undo: the rows they changed after it, and the
    /// rows that refer to a row it created (a comment a later job added to a task it created).
    func laterChanges(_ jobID: Int64) throws -> [LaterChange] {
        var rows: [Int64?: Int] = [:]
        // The job's rows, keyed for the probe (the journal itself is indexed by job only).
        try db.execute("DROP TABLE IF EXISTS temp.revert_rows")
        try db.execute(
            "CREATE TEMP TABLE revert_rows (table_name TEXT, row_id INTEGER, PRIMARY KEY (table_name, row_id))")
        defer { _ = try? db.execute("DROP TABLE IF EXISTS temp.revert_rows") }
        try db.execute(
            "INSERT OR IGNORE INTO temp.revert_rows SELECT table_name, row_id FROM change_journal WHERE job_id = ?",
            [.integer(jobID)])
        for row in try db.query(
            """
            SELECT later.job_id AS job, COUNT(DISTINCT later.table_name || ':' || later.row_id) AS n
            FROM change_journal later
            JOIN import_jobs lj ON lj.id = later.job_id
            WHERE later.job_id > ?1 AND lj.reverted_by_job_id IS NULL AND COALESCE(lj.reverts_job_id, 0) <= ?1
                AND EXISTS (
                    SELECT 1 FROM temp.revert_rows mine
                    WHERE mine.table_name = later.table_name AND mine.row_id = later.row_id)
            GROUP BY later.job_id
            """, [.integer(jobID)])
        {
            rows[row.int64("job"), default: 0] += row.int("n") ?? 0
        }
        for table in ChangeJournal.tables {
            let columns = try ChangeJournal.columns(of: table, in: db).map(\.name)
            let job = columns.contains("import_job_id") ? "import_job_id" : "NULL"
            for reference in try db.query("PRAGMA main.foreign_key_list(\(table))") {
                guard let parent = reference.string("table"), ChangeJournal.tables.contains(parent),
                    let column = reference.string("from")
                else { continue }
                for row in try db.query(
                    """
                    SELECT \(job) AS job, COUNT(*) AS n FROM \(table)
                    WHERE "\(column)" IN (
                        SELECT row_id FROM change_journal WHERE job_id = ?1 AND table_name = ?2 AND action = 'insert')
                      AND rowid NOT IN (SELECT row_id FROM change_journal WHERE job_id = ?1 AND table_name = ?3)
                    GROUP BY job
                    """, [.integer(jobID), .text(parent), .text(table)])
                {
                    rows[row.int64("job"), default: 0] += row.int("n") ?? 0
                }
            }
        }
        return rows.filter { $0.value > 0 }.map { LaterChange(jobID: $0.key, rows: $0.value) }.sorted {
            ($0.jobID ?? 0) < ($1.jobID ?? 0)
        }
    }
}
