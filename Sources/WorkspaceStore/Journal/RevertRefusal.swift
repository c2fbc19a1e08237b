import ImportCore

/// Why a job cannot be reverted as asked; nothing was changed.
public enum RevertRefusal: Error, Sendable, Equatable, CustomStringConvertible, CategorizedError {
    /// The job ran before this workspace journaled changes (schema 12).
    case notJournaled(jobID: Int64)
    /// The job's journal was pruned.
    case pruned(jobID: Int64, at: String)
    /// A revert job undid it already.
    case alreadyReverted(jobID: Int64, by: Int64)
    /// It has not closed.
    case running(jobID: Int64)
    /// Later jobs changed rows the revert would put back or remove.
    case laterChanges(jobID: Int64, later: [LaterChange])

    /// A refusal is the command's failure (exit 1).
    public var category: ErrorCategory { .failure }

    /// What went wrong and what to do next.
    public var description: String {
        switch self {
        case .notJournaled(let id):
            return
                "job \(id) ran before this workspace kept change journals, so what it changed was not recorded; nothing was reverted\n  hint: jobs from now on can be reverted; `tributary jobs` lists them."
        case .pruned(let id, let at):
            return
                "the change journal of job \(id) was pruned on \(at); nothing was reverted\n  hint: `tributary jobs prune --keep-days N` sets how long journals are kept."
        case .alreadyReverted(let id, let by):
            return
                "job \(id) was already reverted by job \(by); nothing was changed\n  hint: `tributary revert \(by)` puts back what job \(id) had changed."
        case .running(let id):
            return
                "job \(id) has not finished (or its process died before closing it); nothing was reverted\n  hint: wait for it to end, or run its config again, which closes it, then revert."
        case .laterChanges(let id, let later):
            let list = later.map(\.description).joined(separator: ", ")
            let newest = later.compactMap(\.jobID).max()
            let first = newest.map { "revert the later jobs first, newest first (`tributary revert \($0)`), or " } ?? ""
            return
                "later changes touch what job \(id) wrote: \(list); reverting it would undo them too, so nothing was reverted\n  hint: \(first)run `tributary revert \(id) --force` to put those rows back as they were before job \(id)."
        }
    }
}

/// Rows a later job changed that a revert would also undo.
public struct LaterChange: Sendable, Equatable, CustomStringConvertible {
    /// The later job (`nil`: rows no job's journal names, such as a person added by hand).
    public let jobID: Int64?
    /// How many rows.
    public let rows: Int

    /// "job 3 (12 rows)".
    public var description: String {
        let rows = "\(self.rows) row\(self.rows == 1 ? "" : "s")"
        return jobID.map { "job \($0) (\(rows))" } ?? "rows no job wrote (\(rows))"
    }
}
