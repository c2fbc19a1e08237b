import ImportCore

/// Import jobs, their checkpoints and failures, and the incremental sync state; scoped by owner.
public struct JobRepository: Sendable {
    let db: SQLiteDatabase

    /// Opens a job in `running` state.
    public func start(
        owner: Owner, connectionID: Int64?, provider: String, destinationProjectID: Int64?, configJSON: String,
        fingerprint: String, mode: String, resumedFrom: ImportJob?, query: JSONValue = [:]
    ) throws -> ImportJob {
        let counts = resumedFrom?.counts ?? ImportCounts()
        try db.execute(
            """
            INSERT INTO import_jobs (owner_id, connection_id, provider, destination_project_id, config_json,
                config_fingerprint, mode, status, started_at, cursor, resumed_from_job_id, high_water_mark,
                created_count, updated_count, unchanged_count, deleted_count, failed_count, pages_count, query_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .integer(owner.id), SQLValue(connectionID), .text(provider), SQLValue(destinationProjectID),
                .text(configJSON), .text(fingerprint), .text(mode), .text(Timestamp.now().iso8601),
                SQLValue(resumedFrom?.cursor), SQLValue(resumedFrom?.id), SQLValue(resumedFrom?.highWaterMark),
                .integer(Int64(counts.created)), .integer(Int64(counts.updated)), .integer(Int64(counts.unchanged)),
                .integer(Int64(counts.deleted)), .integer(Int64(counts.failed)),
                .integer(Int64(resumedFrom?.pages ?? 0)),
                .text((resumedFrom?.query ?? query).jsonText),
            ])
        return try find(owner: owner, id: db.lastInsertRowID)!
    }

    /// Records progress after a page; call inside the page's transaction so both land or neither does.
    public func checkpoint(
        jobID: Int64, cursor: String?, counts: ImportCounts, highWaterMark: String?, pages: Int, metrics: RequestMetrics
    ) throws {
        try db.execute(
            """
            UPDATE import_jobs SET cursor = ?, created_count = ?, updated_count = ?, unchanged_count = ?,
                deleted_count = ?, failed_count = ?, high_water_mark = ?, pages_count = ?, requests_count = ?,
                retries_count = ?
            WHERE id = ?
            """,
            [
                SQLValue(cursor), .integer(Int64(counts.created)), .integer(Int64(counts.updated)),
                .integer(Int64(counts.unchanged)), .integer(Int64(counts.deleted)), .integer(Int64(counts.failed)),
                SQLValue(highWaterMark), .integer(Int64(pages)), .integer(Int64(metrics.requests)),
                .integer(Int64(metrics.retries)), .integer(jobID),
            ])
    }

    /// Closes a job.
    public func finish(
        jobID: Int64, status: JobStatus, error: String?, counts: ImportCounts, metrics: RequestMetrics,
        report: JSONValue
    ) throws {
        try db.execute(
            """
            UPDATE import_jobs SET status = ?, error = ?, finished_at = ?, created_count = ?, updated_count = ?,
                unchanged_count = ?, deleted_count = ?, failed_count = ?, requests_count = ?, retries_count = ?,
                report_json = ?
            WHERE id = ?
            """,
            [
                .text(status.rawValue), SQLValue(error), .text(Timestamp.now().iso8601),
                .integer(Int64(counts.created)),
                .integer(Int64(counts.updated)), .integer(Int64(counts.unchanged)), .integer(Int64(counts.deleted)),
                .integer(Int64(counts.failed)), .integer(Int64(metrics.requests)), .integer(Int64(metrics.retries)),
                .text(report.jsonText), .integer(jobID),
            ])
    }

    /// Marks a job that never closed although all its pages landed as replaced by a job that reads
    /// everything again (nothing of it is carried on).
    public func markReplaced(owner: Owner, jobID: Int64, by newJobID: Int64) throws {
        let note = "the process ended after the last page, before the job was closed; job \(newJobID) runs it again"
        try db.execute(
            """
            UPDATE import_jobs SET status = 'interrupted', finished_at = COALESCE(finished_at, ?), cursor = NULL,
                error = ?
            WHERE owner_id = ? AND id = ?
            """,
            [.text(Timestamp.now().iso8601), .text(note), .integer(owner.id), .integer(jobID)])
    }

    /// Closes as interrupted the owner's jobs still marked running whose config says
    /// `source.<key>` is `value` (the webhook batches of one listener, whose process died: no run
    /// of theirs resumes them); returns how many.
    @discardableResult
    public func closeAbandoned(owner: Owner, sourceKey key: String, equals value: String, note: String) throws -> Int {
        try db.execute(
            """
            UPDATE import_jobs SET status = 'interrupted', finished_at = COALESCE(finished_at, ?), cursor = NULL,
                error = ?
            WHERE owner_id = ? AND status = 'running' AND json_extract(config_json, '$.source.' || ?) = ?
            """,
            [.text(Timestamp.now().iso8601), .text(note), .integer(owner.id), .text(key), .text(value)])
    }

    /// Marks a job whose process died, that was interrupted or that failed as superseded by a resuming
    /// job: a job whose process died becomes `interrupted`, the others keep their status.
    public func markSuperseded(owner: Owner, jobID: Int64, by newJobID: Int64, wasRunning: Bool) throws {
        let note =
            wasRunning
            ? "interrupted: the process ended before the job finished; resumed by job \(newJobID)"
            : "resumed by job \(newJobID)"
        try db.execute(
            """
            UPDATE import_jobs SET status = CASE WHEN status = 'running' THEN 'interrupted' ELSE status END,
                finished_at = COALESCE(finished_at, ?),
                error = CASE WHEN error IS NULL OR error = '' THEN ? ELSE error || ' (' || ? || ')' END
            WHERE owner_id = ? AND id = ?
            """,
            [.text(Timestamp.now().iso8601), .text(note), .text(note), .integer(owner.id), .integer(jobID)])
    }

    /// Records one failed record of a job.
    public func recordFailure(jobID: Int64, failure: ImportFailure) throws {
        try db.execute(
            "INSERT INTO import_failures (job_id, record_key, external_id, reason, at) VALUES (?, ?, ?, ?, ?)",
            [
                .integer(jobID), SQLValue(failure.recordKey), SQLValue(failure.externalID), .text(failure.reason),
                .text(Timestamp.now().iso8601),
            ])
    }

    /// The failures of the owner's job `jobID`.
    public func failures(owner: Owner, jobID: Int64, limit: Int = 1000) throws -> [ImportFailure] {
        try db.query(
            """
            SELECT f.record_key, f.external_id, f.reason FROM import_failures f
            JOIN import_jobs j ON j.id = f.job_id
            WHERE j.owner_id = ? AND f.job_id = ? ORDER BY f.id LIMIT ?
            """, [.integer(owner.id), .integer(jobID), .integer(Int64(limit))]
        ).map {
            ImportFailure(
                recordKey: $0.string("record_key"), externalID: $0.string("external_id"),
                reason: $0.string("reason") ?? "")
        }
    }

    /// The owner's job `id`.
    public func find(owner: Owner, id: Int64) throws -> ImportJob? {
        try db.queryOne("SELECT * FROM import_jobs WHERE owner_id = ? AND id = ?", [.integer(owner.id), .integer(id)])
            .map(Self.job)
    }

    /// The owner's most recent jobs, newest first.
    public func list(owner: Owner, limit: Int = 20) throws -> [ImportJob] {
        try db.query(
            "SELECT * FROM import_jobs WHERE owner_id = ? ORDER BY id DESC LIMIT ?",
            [.integer(owner.id), .integer(Int64(limit))]
        ).map(Self.job)
    }

    /// The newest job with this fingerprint that was not reverted (a reverted job is never resumed), if any.
    public func latest(owner: Owner, fingerprint: String) throws -> ImportJob? {
        try db.queryOne(
            """
            SELECT * FROM import_jobs WHERE owner_id = ? AND config_fingerprint = ? AND reverted_by_job_id IS NULL
            ORDER BY id DESC LIMIT 1
            """,
            [.integer(owner.id), .text(fingerprint)]
        ).map(Self.job)
    }

    /// The incremental high-water mark stored for a sync scope.
    public func highWaterMark(owner: Owner, scope: String) throws -> String? {
        try db.scalar(
            "SELECT high_water_mark FROM sync_state WHERE owner_id = ? AND scope_fingerprint = ?",
            [.integer(owner.id), .text(scope)]
        ).stringValue
    }

    /// Raises the scope's high-water mark (never lowers it).
    public func setHighWaterMark(owner: Owner, scope: String, provider: String, mark: String?, jobID: Int64) throws {
        try db.execute(
            """
            INSERT INTO sync_state (owner_id, scope_fingerprint, provider, high_water_mark, last_job_id, updated_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (owner_id, scope_fingerprint) DO UPDATE SET
                high_water_mark = COALESCE(MAX(excluded.high_water_mark, sync_state.high_water_mark),
                                           excluded.high_water_mark, sync_state.high_water_mark),
                last_job_id = excluded.last_job_id, updated_at = excluded.updated_at
            """,
            [
                .integer(owner.id), .text(scope), .text(provider), SQLValue(mark), .integer(jobID),
                .text(Timestamp.now().iso8601),
            ])
    }

    static func job(_ row: SQLRow) -> ImportJob {
        ImportJob(
            id: row.int64("id")!, ownerID: row.int64("owner_id")!, connectionID: row.int64("connection_id"),
            provider: row.string("provider") ?? "", destinationProjectID: row.int64("destination_project_id"),
            configJSON: row.string("config_json") ?? "{}", fingerprint: row.string("config_fingerprint") ?? "",
            mode: row.string("mode") ?? "full", status: JobStatus(rawValue: row.string("status") ?? "") ?? .failed,
            startedAt: row.string("started_at") ?? "", finishedAt: row.string("finished_at"),
            counts: ImportCounts(
                created: row.int("created_count") ?? 0, updated: row.int("updated_count") ?? 0,
                unchanged: row.int("unchanged_count") ?? 0, deleted: row.int("deleted_count") ?? 0,
                failed: row.int("failed_count") ?? 0),
            cursor: row.string("cursor"), error: row.string("error"),
            resumedFromJobID: row.int64("resumed_from_job_id"), highWaterMark: row.string("high_water_mark"),
            pages: row.int("pages_count") ?? 0, requests: row.int("requests_count") ?? 0,
            retries: row.int("retries_count") ?? 0,
            report: (try? JSONParser.parse(row.string("report_json") ?? "{}")) ?? [:],
            query: (try? JSONParser.parse(row.string("query_json") ?? "{}")) ?? [:])
    }
}
