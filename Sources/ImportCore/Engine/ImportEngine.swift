import Foundation

/// Runs import jobs: provider pages in, mapped records out, into a destination.
///
/// Idempotent (the destination upserts by provenance and skips unchanged records), atomic per page
/// (records and the job's checkpoint land together), resumable (a rerun of the same config continues
/// from the last checkpoint), pipelined (`PagePipeline`), incremental (by the high-water mark of
/// `updated`, minus an overlap), and audited. The engine holds no SQL and knows no store: it talks
/// to an `ImportDestination` and a `ConnectionStore`.
public final class ImportEngine: Sendable {
    /// How one run should behave beyond its config.
    public struct Options: Sendable {
        /// Only records updated since the last run's high-water mark.
        public var incremental: Bool
        /// Plan the changes without writing anything.
        public var dryRun: Bool
        /// The owner, as the command line resolved it; it wins over the config's `owner`.
        public var ownerEmail: String?
        /// Receives one redacted line per HTTP request and retry (`--verbose`).
        public var requestLog: HTTPClient.Logger?
        /// Why the run's task was cancelled ("stopped by Ctrl-C"), for the interrupted job's record.
        public var stopReason: @Sendable () -> String?
        /// Whether the run records where the next incremental run of its scope starts (a run of a
        /// few named records, such as a webhook batch, does not: its scope is its own).
        public var keepsHighWaterMark = true

        /// Options for one run.
        public init(
            incremental: Bool = false, dryRun: Bool = false, ownerEmail: String? = nil,
            requestLog: HTTPClient.Logger? = nil, stopReason: @escaping @Sendable () -> String? = { nil }
        ) {
            self.incremental = incremental
            self.dryRun = dryRun
            self.ownerEmail = ownerEmail
            self.requestLog = requestLog
            self.stopReason = stopReason
        }
    }

    let destination: any ImportDestination
    let connections: any ConnectionStore
    let observer: any ImportObserver
    let planner: RunPlanner
    /// Most planned changes a dry run lists.
    static let plannedChangeLimit = 1000

    /// An engine writing to `destination`, opening named connections from `connections`.
    public init(
        destination: any ImportDestination, connections: any ConnectionStore, registry: ProviderRegistry,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        observer: any ImportObserver = SilentObserver(),
        vault: @escaping @Sendable () throws -> CredentialVault = { CredentialVault(key: try EncryptionKey.load()) }
    ) {
        self.destination = destination
        self.connections = connections
        self.observer = observer
        self.planner = RunPlanner(
            destination: destination, connections: connections, registry: registry, environment: environment,
            vault: vault)
    }

    // MARK: Running

    /// Runs `config` once (resuming an interrupted run of it) and returns the report.
    public func run(_ config: RunConfig, options: Options = Options()) async throws -> ImportReport {
        let started = Date()
        let (owner, plan) = try await self.plan(config, options: options)
        var report = ImportReport(
            provider: plan.provider, destinationProject: config.destination.project, mode: plan.mode.rawValue,
            dryRun: options.dryRun)
        report.warnings = plan.warnings
        if options.dryRun { return try await dryRun(plan, report: report, started: started) }

        let lease = try destination.acquireRunLease(fingerprint: config.fingerprint)
        defer { withExtendedLifetime(lease) {} }
        let fingerprint = ContentHash.short(["config": config.raw, "mode": .string(plan.mode.rawValue)])
        // An unfinished job with a checkpoint is resumed: its counts and cursor carry on. One that never
        // closed without a checkpoint (its process died after the last page, or before the first) is
        // replaced: this job reads everything again, so carrying its counts on would count twice.
        var resumedFrom: ImportJob?
        var replaced: ImportJob?
        if let previous = try destination.latestJob(owner: owner, fingerprint: fingerprint) {
            let unclosed = previous.status == .running || previous.status == .interrupted
            if previous.cursor != nil, unclosed || previous.status == .failed {
                resumedFrom = previous
            } else if previous.status == .running {
                replaced = previous
            }
        }
        var query = plan.query
        if let resumedFrom { query = Self.query(query, restoring: resumedFrom.query) }
        let projectID = try plan.projectID ?? destination.createProject(owner: owner, name: config.destination.project)
        var opening = JobOpening(
            owner: owner, connectionID: plan.resolved.record?.id, connectionLabel: plan.resolved.label,
            provider: plan.provider, projectID: projectID, projectName: config.destination.project,
            containers: config.source.containers, configJSON: config.raw.jsonText, fingerprint: fingerprint,
            mode: plan.mode, resumedFrom: resumedFrom, replaces: replaced, query: Self.describe(query))
        opening.createdProject = plan.projectID == nil
        let job = try destination.openJob(opening)
        report.jobID = job.id
        report.resumedFrom = resumedFrom?.id
        report.counts = job.counts
        report.pages = job.pages
        do {
            try await execute(
                plan, query: query, job: job, projectID: projectID, report: &report, started: started,
                keepsHighWaterMark: options.keepsHighWaterMark)
            return report
        } catch  where Task.isCancelled || error is CancellationError {
            let reason = options.stopReason() ?? "stopped on request"
            let stored = try? destination.job(owner: owner, id: job.id)
            let counts = stored?.counts ?? report.counts
            let pages = stored?.pages ?? report.pages
            let metrics = plan.connection.metrics
            report.status = .interrupted
            report.counts = counts
            report.pages = pages
            report.error = reason
            report.durationSeconds = Date().timeIntervalSince(started)
            try? destination.closeJob(
                JobClosing(
                    owner: owner, jobID: job.id, provider: plan.provider, projectID: projectID,
                    containers: config.source.containers, connectionName: plan.resolved.record?.name,
                    outcome: .interrupted(reason: reason), counts: counts,
                    metrics: RequestMetrics(
                        requests: job.requests + metrics.requests, retries: job.retries + metrics.retries),
                    report: report.json))
            observer.handle(.finished(report))
            throw ImportRunError(
                kind: .interrupted,
                message:
                    "job \(job.id) \(reason) after \(pages) page\(pages == 1 ? "" : "s") (\(counts.processed) records): every page written is kept; run it again to resume where it stopped",
                jobID: job.id)
        } catch {
            let failure = ImportRunError.from(error, jobID: job.id, redactor: plan.redactor)
            report.status = .failed
            report.error = failure.message
            report.durationSeconds = Date().timeIntervalSince(started)
            let metrics = plan.connection.metrics
            let counts = (try? destination.job(owner: owner, id: job.id))?.counts ?? report.counts
            try? destination.closeJob(
                JobClosing(
                    owner: owner, jobID: job.id, provider: plan.provider, projectID: projectID,
                    containers: config.source.containers, connectionName: plan.resolved.record?.name,
                    outcome: .failed(message: failure.message, credentialsRefused: failure.kind == .authentication),
                    counts: counts,
                    metrics: RequestMetrics(
                        requests: job.requests + metrics.requests, retries: job.retries + metrics.retries),
                    report: report.json))
            observer.handle(.finished(report))
            throw failure
        }
    }

    /// The run's owner and plan; any failure comes out as an `ImportRunError`, redacted.
    func plan(_ config: RunConfig, options: Options) async throws -> (Owner, RunPlan) {
        guard let ownerEmail = options.ownerEmail ?? config.owner else {
            throw ImportRunError(
                kind: .configuration, message: "no owner: set \"owner\" in the config or pass --owner", jobID: nil)
        }
        let owner = try destination.owner(email: ownerEmail)
        let resolved: ResolvedConnection
        do {
            resolved = try planner.resolveConnection(config, owner: owner, requestLog: options.requestLog)
        } catch {
            throw ImportRunError.from(error, jobID: nil, redactor: Redactor())
        }
        do {
            let plan = try await planner.plan(
                config, owner: owner, resolved: resolved, incremental: options.incremental, dryRun: options.dryRun)
            return (owner, plan)
        } catch {
            throw ImportRunError.from(error, jobID: nil, redactor: resolved.redactor)
        }
    }

    /// Fetches, maps and writes every page, then reconciles deletes and closes the job.
    private func execute(
        _ plan: RunPlan, query: RecordQuery, job: ImportJob, projectID: Int64, report: inout ImportReport,
        started: Date, keepsHighWaterMark: Bool
    ) async throws {
        let owner = plan.owner
        let connection = plan.connection
        let target = plan.target(projectID: projectID)
        var counts = job.counts
        var pages = job.pages
        var highWater = job.highWaterMark.flatMap(Timestamp.parse)
        var fetched = 0
        var estimatedTotal: Int?
        let runStart = Date()
        var pageQuery = query
        pageQuery.limit = query.limit.map { max(0, $0 - job.counts.processed) }

        observer.handle(
            .started(jobID: job.id, mode: plan.mode.rawValue, estimatedTotal: nil, resumedFrom: job.resumedFromJobID))
        // Reference data is fetched once the first page is in, so it never delays the listing chain;
        // it changes rarely: refreshed by full and capped runs, at most hourly, never by incremental runs.
        var referenceData = ReferenceDataRefresh(
            wanted: try plan.mode != .incremental
                && plan.resolved.record.map {
                    try SourceFacts(destination: destination).referenceDataIsStale(owner: owner, connection: $0)
                } ?? false,
            connection: connection)
        let downloads = attachmentDownloader(plan, target: target, jobID: job.id, report: &report)
        defer { downloads?.stop() }
        var pipeline = PagePipeline(
            connection: connection, query: pageQuery, from: job.cursor.map(PageCursor.init), provider: plan.provider,
            mapping: plan.importer)
        defer { pipeline.cancel() }
        while let (page, records) = try await pipeline.next() {
            try Task.checkCancellation()
            referenceData.start()
            if estimatedTotal == nil, let total = page.estimatedTotal {
                estimatedTotal = query.limit.map { min($0, total) } ?? total
            }
            for case .task(let task) in records {
                if let updated = task.ref.updatedAt.flatMap(Timestamp.parse),
                    updated > (highWater ?? updated.adding(milliseconds: -1))
                {
                    highWater = updated
                }
            }
            let metrics = connection.metrics
            let result = try destination.writePage(
                PageWrite(
                    jobID: job.id, target: target, records: records,
                    checkpoint: Checkpoint(
                        cursor: page.next?.value, countsBefore: counts, highWaterMark: highWater?.iso8601,
                        pages: pages + 1,
                        metrics: RequestMetrics(
                            requests: job.requests + metrics.requests, retries: job.retries + metrics.retries))))
            report.absorb(result)
            for case .failure(let failure) in result.records { observer.handle(.recordFailed(failure)) }
            counts = counts + result.counts
            pages += 1
            if pages % FreedMemory.pagesBetweenReturns == 0 { FreedMemory.returnToSystem() }
            await downloads?.nudge()
            try stopIfDisconnected(plan, pages: pages)
            fetched += page.records.count
            let elapsed = max(Date().timeIntervalSince(runStart), 0.001)
            let rate = Double(fetched) / elapsed
            let done = counts.processed
            observer.handle(
                .page(
                    .init(
                        pages: pages, records: done, counts: counts, estimatedTotal: estimatedTotal, rate: rate,
                        eta: estimatedTotal.map { total in rate > 0 ? Double(max(0, total - done)) / rate : 0 })))
        }

        // A stopped run must not look finished: above all, deletes are never reconciled after it.
        try Task.checkCancellation()
        if plan.config.source.reconcileDeletes {
            let live = try await connection.recordIDs(in: plan.config.source.containers)
            try Task.checkCancellation()
            try stopIfDisconnected(plan, pages: pages)
            let deleted = try destination.reconcileDeletes(
                target: target, containers: plan.config.source.containers, liveIDs: live, jobID: job.id, dryRun: false)
            counts.deleted += deleted
            observer.handle(.reconciled(deleted: deleted))
        }

        referenceData.start()
        if let outcome = await referenceData.result(), let record = plan.resolved.record {
            switch outcome {
            case .success(let data): try destination.storeReferenceData(data, owner: owner, connectionID: record.id)
            case .failure(let error as ProviderError) where error.kind == .notSupported: break
            case .failure(let error):
                report.warnings.append(
                    "reference data was not refreshed: \(RecordImporter.reason(error, redactor: plan.redactor))")
            }
        }

        if let downloads {
            let content = await downloads.finish()
            try Task.checkCancellation()
            report.attachmentContent = content
            if !content.missing.isEmpty {
                report.warnings.append(
                    "\(content.missing.count) attachment file\(content.missing.count == 1 ? "" : "s") could not be fetched; the report lists each with the reason, and the next run tries again"
                )
            }
        }

        let metrics = connection.metrics
        report.counts = counts
        report.pages = pages
        report.requests = job.requests + metrics.requests
        report.retries = job.retries + metrics.retries
        report.pacing = await connection.pacing()?.description
        report.status = counts.failed > 0 ? .partial : .completed
        report.durationSeconds = Date().timeIntervalSince(started)
        try destination.closeJob(
            JobClosing(
                owner: owner, jobID: job.id, provider: plan.provider, projectID: projectID,
                containers: plan.config.source.containers, connectionName: plan.resolved.record?.name,
                outcome: .completed(
                    status: report.status, scope: keepsHighWaterMark ? plan.scope : nil,
                    highWaterMark: highWater?.iso8601),
                counts: counts, metrics: RequestMetrics(requests: report.requests, retries: report.retries),
                report: report.json))
        observer.handle(.finished(report))
    }

    /// The downloader of attachment content, when the run asks for it and the destination keeps it.
    private func attachmentDownloader(
        _ plan: RunPlan, target: WriteTarget, jobID: Int64, report: inout ImportReport
    ) -> AttachmentDownloader? {
        let source = plan.config.source
        guard source.attachments, source.attachmentContent else { return nil }
        guard let store = destination.attachmentContent else {
            report.warnings.append(
                "this destination keeps attachment metadata only: attachments: \"content\" is ignored")
            return nil
        }
        return AttachmentDownloader(
            connection: plan.connection, store: store, target: target, jobID: jobID,
            limits: .init(
                maxFileBytes: source.attachmentMaxMegabytes << 20, budgetBytes: source.attachmentBudgetMegabytes << 20,
                concurrency: source.attachmentConcurrency, seconds: Double(source.attachmentTimeoutSeconds)),
            redactor: plan.redactor)
    }

    /// Ends the run when its stored connection was disconnected meanwhile (`tributary disconnect`):
    /// the token must not go on being used. What was committed stays.
    private func stopIfDisconnected(_ plan: RunPlan, pages: Int) throws {
        guard let record = plan.resolved.record, try !connections.isActive(owner: plan.owner, name: record.name)
        else { return }
        throw ImportRunError(
            kind: .configuration,
            message:
                "the connection \"\(record.name)\" was disconnected while this import ran: it stopped after \(pages) page\(pages == 1 ? "" : "s"), which are kept\n  hint: connect again (`tributary connect`) or restore its token (`tributary rotate \(record.name)`), then run again to continue",
            jobID: nil)
    }

    // MARK: Helpers

    /// The effective query, as stored with the job.
    static func describe(_ query: RecordQuery) -> JSONValue {
        [
            "order": .string(query.order.rawValue), "limit": query.limit.map { .number(Double($0)) } ?? .null,
            "updatedSince": JSONValue(query.updatedSince?.iso8601),
        ]
    }

    /// A query with the order, cap and bound of the job being resumed.
    static func query(_ query: RecordQuery, restoring stored: JSONValue) -> RecordQuery {
        var restored = query
        if let order = stored["order"]?.stringValue.flatMap(RecordQuery.Order.init(rawValue:)) {
            restored.order = order
        }
        if let limit = stored["limit"] { restored.limit = limit.intValue }
        if let since = stored["updatedSince"] { restored.updatedSince = since.stringValue.flatMap(Timestamp.parse) }
        return restored
    }
}
