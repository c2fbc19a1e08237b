import ImportCore

/// Where each run of a migration batch stands, so `migrate` can resume a batch.
public struct BatchRunRepository: Sendable {
    let db: SQLiteDatabase

    /// The repository over `db`.
    public init(db: SQLiteDatabase) { self.db = db }

    /// One run of a batch as recorded.
    public struct Entry: Sendable {
        /// Its place in the batch.
        public let index: Int
        /// Its name.
        public let name: String
        /// How it ended (`completed`, `failed`, …).
        public let status: String
        /// Its job.
        public let jobID: Int64?
        /// Its report.
        public let report: JSONValue
    }

    /// The recorded runs of batch `batch`, by place.
    public func entries(owner: Owner, batch: String) throws -> [Int: Entry] {
        var result: [Int: Entry] = [:]
        for row in try db.query(
            "SELECT run_index, name, status, job_id, report_json FROM batch_runs WHERE owner_id = ? AND batch_fingerprint = ?",
            [.integer(owner.id), .text(batch)])
        {
            let index = row.int("run_index") ?? 0
            result[index] = Entry(
                index: index, name: row.string("name") ?? "", status: row.string("status") ?? "",
                jobID: row.int64("job_id"),
                report: (try? JSONParser.parse(row.string("report_json") ?? "{}")) ?? [:])
        }
        return result
    }

    /// Records how one run of a batch ended.
    public func record(
        owner: Owner, batch: String, index: Int, name: String, status: String, jobID: Int64?, report: JSONValue
    ) throws {
        try db.execute(
            """
            INSERT INTO batch_runs (owner_id, batch_fingerprint, run_index, name, status, job_id, report_json, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (owner_id, batch_fingerprint, run_index) DO UPDATE SET
                name = excluded.name, status = excluded.status, job_id = COALESCE(excluded.job_id, batch_runs.job_id),
                report_json = excluded.report_json, updated_at = excluded.updated_at
            """,
            [
                .integer(owner.id), .text(batch), .integer(Int64(index)), .text(name), .text(status), SQLValue(jobID),
                .text(report.jsonText), .text(Timestamp.now().iso8601),
            ])
    }
}
