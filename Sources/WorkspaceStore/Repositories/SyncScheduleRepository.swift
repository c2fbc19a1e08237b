import ImportCore

/// The configs a `tributary sync` runs on a schedule: when each last ran, how it ended, when it
/// runs next and how many times in a row it failed, for `tributary status`.
public struct SyncScheduleRepository: Sendable {
    let db: SQLiteDatabase

    /// The repository over `db`.
    public init(db: SQLiteDatabase) { self.db = db }

    /// One scheduled config as recorded.
    public struct Entry: Sendable, Equatable {
        /// The owner's email.
        public let owner: String
        /// The config file (an absolute path).
        public let configPath: String
        /// Seconds between runs.
        public let everySeconds: Double
        /// Runs so far.
        public let runs: Int
        /// Failed runs so far.
        public let failures: Int
        /// Failed runs since the last that succeeded.
        public let failuresInRow: Int
        /// When the last run began (ISO 8601 UTC).
        public let lastStartedAt: String?
        /// When it ended.
        public let lastFinishedAt: String?
        /// How it ended (`completed`, `partial`, `failed`, `interrupted`).
        public let lastOutcome: String?
        /// What it said: its counts, or the error's first line.
        public let lastMessage: String?
        /// Its job, when it opened one.
        public let lastJobID: Int64?
        /// When the next run is due (`nil` once the scheduler stopped).
        public let nextRunAt: String?
    }

    /// Records that `owner`'s config at `path` (run every `every` seconds) begins a run now.
    public func started(owner: Owner, path: String, every: Double, at time: Timestamp = .now()) throws {
        try db.execute(
            """
            INSERT INTO sync_schedules (owner_id, config_path, every_seconds, last_started_at, next_run_at, updated_at)
            VALUES (?, ?, ?, ?, NULL, ?)
            ON CONFLICT (owner_id, config_path) DO UPDATE SET
                every_seconds = excluded.every_seconds, last_started_at = excluded.last_started_at,
                next_run_at = NULL, updated_at = excluded.updated_at
            """, [.integer(owner.id), .text(path), .real(every), .text(time.iso8601), .text(time.iso8601)])
    }

    /// Records how the run ended (`succeeded` resets the failures in a row) and when the next is due.
    public func finished(
        owner: Owner, path: String, outcome: String, succeeded: Bool, message: String?, jobID: Int64?,
        next: Timestamp?, at time: Timestamp = .now()
    ) throws {
        try db.execute(
            """
            UPDATE sync_schedules SET runs = runs + 1, failures = failures + ?,
                failures_in_row = CASE WHEN ? THEN 0 ELSE failures_in_row + 1 END,
                last_finished_at = ?, last_outcome = ?, last_message = ?, last_job_id = ?, next_run_at = ?,
                updated_at = ?
            WHERE owner_id = ? AND config_path = ?
            """,
            [
                .integer(succeeded ? 0 : 1), .integer(succeeded ? 1 : 0), .text(time.iso8601), .text(outcome),
                SQLValue(message.map { String($0.prefix(2_000)) }), SQLValue(jobID), SQLValue(next?.iso8601),
                .text(time.iso8601), .integer(owner.id), .text(path),
            ])
    }

    /// Records when the config's next run is due.
    public func finishedNext(owner: Owner, path: String, next: Timestamp, at time: Timestamp = .now()) throws {
        try db.execute(
            "UPDATE sync_schedules SET next_run_at = ?, updated_at = ? WHERE owner_id = ? AND config_path = ?",
            [.text(next.iso8601), .text(time.iso8601), .integer(owner.id), .text(path)])
    }

    /// Records that no run of the config is due any more (the scheduler stopped).
    public func stopped(owner: Owner, path: String, at time: Timestamp = .now()) throws {
        try db.execute(
            "UPDATE sync_schedules SET next_run_at = NULL, updated_at = ? WHERE owner_id = ? AND config_path = ?",
            [.text(time.iso8601), .integer(owner.id), .text(path)])
    }

    /// Every scheduled config, by owner and path.
    public func all() throws -> [Entry] {
        try db.query(
            """
            SELECT o.email, s.* FROM sync_schedules s JOIN owners o ON o.id = s.owner_id
            ORDER BY o.email, s.config_path
            """
        ).map { row in
            Entry(
                owner: row.string("email") ?? "", configPath: row.string("config_path") ?? "",
                everySeconds: row["every_seconds"].doubleValue ?? 0, runs: row.int("runs") ?? 0,
                failures: row.int("failures") ?? 0, failuresInRow: row.int("failures_in_row") ?? 0,
                lastStartedAt: row.string("last_started_at"), lastFinishedAt: row.string("last_finished_at"),
                lastOutcome: row.string("last_outcome"), lastMessage: row.string("last_message"),
                lastJobID: row.int64("last_job_id"), nextRunAt: row.string("next_run_at"))
        }
    }
}
