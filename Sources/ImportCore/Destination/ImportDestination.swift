/// Where imports land: the role Gitea's `Uploader` plays beside its `Downloader`. The engine hands it
/// canonical records page by page; a page, its failures and the job's checkpoint land in one
/// transaction (`writePage`), so "a page and its checkpoint land together" is a guarantee of this seam.
/// The destination also keeps the bookkeeping that makes runs resumable and audited: jobs, sync
/// state, reference data. The SQLite workspace (`WorkspaceStore`) is the embedded default; the
/// in-memory destination of `ImportTesting` serves tests. Nothing outside a destination knows how it
/// stores anything.
public protocol ImportDestination: Sendable {
    // MARK: Owners and projects

    /// The owner with `email`, created on first use.
    func owner(email: String) throws -> Owner

    /// The owner's project named `name`, if any.
    func projectID(owner: Owner, name: String) throws -> Int64?

    /// The owner's project named `name`, created when missing.
    func createProject(owner: Owner, name: String) throws -> Int64

    // MARK: Runs and jobs

    /// An exclusive lease on running the config with `fingerprint` against this destination; another
    /// process asking for the same one fails until the lease is released (dropped). Survives nothing:
    /// a killed process releases it.
    func acquireRunLease(fingerprint: String) throws -> any RunLease

    /// The newest job with `fingerprint`, if any (to resume an interrupted one).
    func latestJob(owner: Owner, fingerprint: String) throws -> ImportJob?

    /// Opens a job (see `JobOpening`) and returns it.
    func openJob(_ opening: JobOpening) throws -> ImportJob

    /// Writes one page atomically (see `PageWrite`): every record in its own savepoint (a record that
    /// cannot be written becomes a failure), the failures, and the checkpoint.
    func writePage(_ page: PageWrite) throws -> PageResult

    /// What writing `tasks` would do, writing nothing: dry runs and previews.
    func planPage(_ tasks: [CanonicalTask], target: WriteTarget) throws -> [RecordOutcome]

    /// Marks the target's tasks from `containers` whose ids are not in `liveIDs` as deleted, atomically
    /// with the job's record of it; in a dry run (`jobID == nil` and `dryRun`) only counts them.
    func reconcileDeletes(target: WriteTarget, containers: [String], liveIDs: Set<String>, jobID: Int64?, dryRun: Bool)
        throws -> Int

    /// Closes a job (see `JobClosing`).
    func closeJob(_ closing: JobClosing) throws

    /// The owner's job `id`, if any.
    func job(owner: Owner, id: Int64) throws -> ImportJob?

    /// The incremental high-water mark of a sync scope (ISO-8601), if a run of it completed.
    func highWaterMark(owner: Owner, scope: String) throws -> String?

    // MARK: What the source is

    /// Gives the owner's rows from `source` whose instance is `legacy` the instance `instance` (rows
    /// written before instances were recorded carry their connection's base URL). Returns how many.
    func adoptRows(owner: Owner, source: String, from legacy: String, to instance: String) throws -> Int

    /// When the connection's reference data (users, statuses…) was last stored, if ever.
    func referenceDataFetchedAt(owner: Owner, connectionID: Int64) throws -> Timestamp?

    /// Keeps the source's reference data beside the records (replacing the rows of the same kind and id).
    func storeReferenceData(_ records: [ReferenceRecord], owner: Owner, connectionID: Int64) throws

    /// The connection's field list as stored at or after `since`; empty when there is none that fresh.
    func storedFieldCatalog(owner: Owner, connectionID: Int64, since: Timestamp) throws -> [SourceField]

    /// Keeps the connection's field list (so re-imports start with their first request).
    func storeFieldCatalog(_ fields: [SourceField], owner: Owner, connectionID: Int64) throws

    // MARK: Attachment content

    /// Where downloaded attachment content goes; `nil` when the destination keeps metadata only.
    var attachmentContent: (any AttachmentContentStore)? { get }
}
