import ImportCore

// Change journals are kept for a while (`journal.keepDays`, 30 days unless set), then dropped.
extension Workspace {
    /// Drops the change journals of the owner's jobs that finished more than `keepDays` days ago
    /// (by default the workspace's `journal.keepDays`, 30 unless set), then the attachment files that
    /// only those journals could have brought back; says how many jobs lost theirs and what files went.
    /// Files are looked at only when a journal went, unless `sweepingFiles` (a file can also lose its
    /// last row outside any job): not at every job's close.
    @discardableResult
    public func pruneJournals(owner: Owner, keepDays: Int? = nil, sweepingFiles: Bool = false) throws
        -> PrunedJournals
    {
        let days = try keepDays ?? settings.value(Self.journalKeepDaysSetting).flatMap(Int.init) ?? 30
        let cutoff = Timestamp(millisecondsSince1970: Timestamp.now().millisecondsSince1970 - Int64(days) * 86_400_000)
        let jobs = try db.transaction {
            let jobs = try db.query(
                """
                SELECT id FROM import_jobs WHERE owner_id = ? AND journaled = 1 AND journal_pruned_at IS NULL
                    AND finished_at IS NOT NULL AND finished_at <= ?
                """, [.integer(owner.id), .text(cutoff.iso8601)]
            ).compactMap { $0.int64("id") }
            let now = Timestamp.now().iso8601
            for id in jobs {
                try db.execute("DELETE FROM change_journal WHERE job_id = ?", [.integer(id)])
                try db.execute(
                    "UPDATE import_jobs SET journal_pruned_at = ? WHERE id = ?", [.text(now), .integer(id)])
            }
            return jobs.count
        }
        let files = jobs > 0 || sweepingFiles ? try contentStore.removeUnreferencedFiles() : RemovedFiles()
        return PrunedJournals(jobs: jobs, files: files)
    }

    /// The workspace setting that says how many days change journals are kept.
    public static let journalKeepDaysSetting = "journal.keepDays"
}
