import Foundation

/// A failed import, typed by what the user can do about it. The job (if one was opened) is marked
/// failed and audited; the message never contains a secret.
public struct ImportRunError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case authentication, configuration, failure }
    public let kind: Kind
    public let message: String
    public let jobID: Int64?

    public var description: String {
        jobID.map { "\(message)\n  (job \($0) is recorded as failed; `tributary jobs show \($0)` has the details)" }
            ?? message
    }
}

/// Runs import jobs: provider pages in, mapped records out, into the workspace.
///
/// Idempotent (upserts by provenance, skips unchanged records), atomic per page (records and the
/// job's checkpoint commit together), resumable (a rerun of the same config continues from the last
/// checkpoint), pipelined (the next page is fetched while the current one is written), incremental
/// (by the high-water mark of `updated`, minus an overlap), and audited.
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

        public init(
            incremental: Bool = false, dryRun: Bool = false, ownerEmail: String? = nil,
            requestLog: HTTPClient.Logger? = nil
        ) {
            self.incremental = incremental
            self.dryRun = dryRun
            self.ownerEmail = ownerEmail
            self.requestLog = requestLog
        }
    }

    let workspace: Workspace
    let registry: ProviderRegistry
    let environment: [String: String]
    let observer: any ImportObserver
    let vaultProvider: @Sendable () throws -> CredentialVault
    /// Most planned changes a dry run lists.
    static let plannedChangeLimit = 1000

    public init(
        workspace: Workspace, registry: ProviderRegistry,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        observer: any ImportObserver = SilentObserver(),
        vault: @escaping @Sendable () throws -> CredentialVault = { CredentialVault(key: try EncryptionKey.load()) }
    ) {
        self.workspace = workspace
        self.registry = registry
        self.environment = environment
        self.observer = observer
        self.vaultProvider = vault
    }

    /// Everything a run resolved before it fetched records.
    struct Prepared {
        let owner: Owner
        let resolved: ResolvedConnection
        let evaluator: MappingEvaluator
        let query: RecordQuery
        let mode: String
        let projectID: Int64?
        /// The source instance every row of this run carries.
        let instance: String
        /// Projects whose tasks for the same source items move into the destination (`destination.moveFrom`).
        let moveFrom: [Int64]
        let scope: String
        let warnings: [String]
        let managedChildren: Set<TaskWriter.ChildKind>
        let highWaterMarkBase: String?
    }

    // MARK: Running

    public func run(_ config: RunConfig, options: Options = Options()) async throws -> ImportReport {
        let started = Date()
        let ownerEmail = options.ownerEmail ?? config.owner
        guard let ownerEmail else {
            throw ImportRunError(
                kind: .configuration, message: "no owner: set \"owner\" in the config or pass --owner", jobID: nil)
        }
        let owner = try workspace.owner(email: ownerEmail)
        let resolved: ResolvedConnection
        let prepared: Prepared
        do {
            resolved = try resolveConnection(config, owner: owner, options: options)
        } catch {
            throw classify(error, jobID: nil, redactor: Redactor())
        }
        let redactor = resolved.redactor
        do {
            prepared = try await prepare(config, owner: owner, resolved: resolved, options: options)
        } catch {
            throw classify(error, jobID: nil, redactor: redactor)
        }
        var report = ImportReport(
            provider: prepared.resolved.provider.id, destinationProject: config.destination.project,
            mode: prepared.mode,
            dryRun: options.dryRun)
        report.warnings = prepared.warnings
        if options.dryRun {
            return try await dryRun(config, prepared: prepared, report: report, started: started)
        }

        let lock = try RunLock(database: workspace.path, fingerprint: config.fingerprint)
        defer { withExtendedLifetime(lock) {} }
        let jobFingerprint = ContentHash.short(["config": config.raw, "mode": .string(prepared.mode)])
        var resumedFrom: ImportJob?
        if let previous = try workspace.jobs.latest(owner: owner, fingerprint: jobFingerprint),
            previous.status == .running || (previous.status == .failed && previous.cursor != nil)
        {
            resumedFrom = previous
        }
        var query = prepared.query
        if let resumedFrom { query = Self.query(query, restoring: resumedFrom.query) }
        let projectID =
            try prepared.projectID ?? workspace.projects.findOrCreate(owner: owner, name: config.destination.project)
        let provider = prepared.resolved.provider.id
        let job = try workspace.db.transaction {
            let job = try workspace.jobs.start(
                owner: owner, connectionID: prepared.resolved.record?.id, provider: provider,
                destinationProjectID: projectID,
                configJSON: config.raw.jsonText, fingerprint: jobFingerprint, mode: prepared.mode,
                resumedFrom: resumedFrom, query: Self.describe(query))
            if let resumedFrom {
                try workspace.jobs.markSuperseded(
                    owner: owner, jobID: resumedFrom.id, by: job.id, wasRunning: resumedFrom.status == .running)
            }
            try workspace.audit.record(
                owner: owner, action: AuditAction.importStarted.name(provider: provider), subject: "job \(job.id)",
                detail: [
                    "jobId": .number(Double(job.id)), "connection": .string(prepared.resolved.label),
                    "projects": .array(config.source.projects.map(JSONValue.string)), "mode": .string(prepared.mode),
                    "destination": .string(config.destination.project),
                    "resumedFrom": resumedFrom.map { .number(Double($0.id)) } ?? .null,
                ])
            return job
        }
        report.jobID = job.id
        report.resumedFrom = resumedFrom?.id
        report.counts = job.counts
        report.pages = job.pages
        do {
            try await execute(
                config, prepared: prepared, query: query, job: job, projectID: projectID, report: &report,
                started: started)
            return report
        } catch {
            let failure = classify(error, jobID: job.id, redactor: redactor)
            report.status = .failed
            report.error = failure.message
            report.durationSeconds = Date().timeIntervalSince(started)
            let metrics = prepared.resolved.connection.metrics
            try? workspace.db.transaction {
                let current = try workspace.jobs.find(owner: owner, id: job.id)
                try workspace.jobs.finish(
                    jobID: job.id, status: .failed, error: failure.message, counts: current?.counts ?? report.counts,
                    metrics: metrics, report: report.json)
                try workspace.audit.record(
                    owner: owner, action: AuditAction.importFailed.name(provider: provider), subject: "job \(job.id)",
                    detail: ["jobId": .number(Double(job.id)), "error": .string(failure.message)])
                if let name = prepared.resolved.record?.name, failure.kind == .authentication {
                    try workspace.connections.recordError(owner: owner, name: name, message: failure.message)
                }
            }
            observer.handle(.finished(report))
            throw failure
        }
    }

    /// Opens the connection the config names (no I/O), so every later failure can be redacted with its secrets.
    func resolveConnection(_ config: RunConfig, owner: Owner, options: Options) throws -> ResolvedConnection {
        let source = config.source
        let base = ConnectionOptions(
            maxConcurrentRequests: source.maxConcurrentRequests, requestsPerSecond: source.requestsPerSecond,
            requestTimeout: Double(source.requestTimeoutSeconds), maxResponseBytes: source.maxResponseMegabytes << 20)
        if case .stub? = registry.provider(source.provider)?.descriptor.readiness {
            throw ProviderError.notImplemented(provider: source.provider, part: "fetching records over HTTP")
        }
        // The table first: its problems need no connection to be found.
        _ = try MappingParser.load(path: try MappingLocator.path(for: config, environment: environment))
        return try ConnectionResolver.resolve(
            config.connection, provider: source.provider, owner: owner, workspace: workspace, registry: registry,
            environment: environment, options: base, vault: vaultProvider, requestLog: options.requestLog)
    }

    /// Resolves mapping, destination, source instance and the query for an opened connection.
    func prepare(_ config: RunConfig, owner: Owner, resolved: ResolvedConnection, options: Options) async throws
        -> Prepared
    {
        let source = config.source
        let tablePath = try MappingLocator.path(for: config, environment: environment)
        let table = try MappingParser.load(path: tablePath)
        guard table.provider == resolved.provider.id else {
            throw ConfigError(
                origin: config.origin, path: "mapping.table",
                message: "\(tablePath) maps \(table.provider) records, but the source is \(resolved.provider.id)")
        }
        let catalog = table.customFields.isEmpty ? [] : try await fieldCatalog(resolved, owner: owner, for: table)
        var warnings: [String] = []
        for problem in MappingValidator.validate(table, fields: catalog) where problem.path.hasPrefix("customFields.") {
            warnings.append("\(problem.path): \(problem.message); that field stays empty")
        }
        var params = config.mapping.params
        if params["baseUrl"] == nil || params["baseUrl"]?.stringValue?.isEmpty == true {
            params["baseUrl"] = .string(resolved.connection.siteURL)
        }
        let evaluator = MappingEvaluator(table: table, overrides: params, fields: catalog)

        var projectID = try workspace.projects.find(owner: owner, name: config.destination.project)
        if projectID == nil, !config.destination.createProject, !options.dryRun {
            throw WorkspaceError.projectNotFound(name: config.destination.project)
        }
        if projectID == nil && options.dryRun { projectID = -1 }
        var moveFrom: [Int64] = []
        for (index, name) in config.destination.moveFrom.enumerated() {
            guard let id = try workspace.projects.find(owner: owner, name: name) else {
                throw ConfigError(
                    origin: config.origin, path: "destination.moveFrom[\(index)]",
                    message: "no project named \"\(name)\" in this workspace to move tasks from")
            }
            moveFrom.append(id)
        }
        let instance = try await sourceInstance(resolved, owner: owner)

        var children: Set<RecordQuery.Child> = []
        var managed: Set<TaskWriter.ChildKind> = [.checklist]
        if source.comments {
            children.insert(.comments)
            managed.insert(.comments)
        }
        if source.worklogs {
            children.insert(.worklogs)
            managed.insert(.worklogs)
        }
        if source.attachments {
            children.insert(.attachments)
            managed.insert(.attachments)
        }
        var fields = table.resolvedSourcePaths(fieldIDs: evaluator.fieldIDs)
        if !source.comments { fields.removeAll { $0.hasPrefix("fields.comment") } }
        if !source.worklogs { fields.removeAll { $0.hasPrefix("fields.worklog") } }
        if !source.attachments { fields.removeAll { $0.hasPrefix("fields.attachment") } }

        let scope = ContentHash.short([
            "owner": .number(Double(owner.id)), "provider": .string(resolved.provider.id),
            "connection": .string(resolved.label),
            "projects": .array(source.projects.sorted().map(JSONValue.string)), "jql": JSONValue(source.jql),
            "assignedToMe": .bool(source.assignedToMe), "includeClosed": .bool(source.includeClosed),
            "since": JSONValue(source.since?.iso8601), "destination": .string(config.destination.project),
            "table": .string(SHA256.hex(Array((try? Data(contentsOf: URL(fileURLWithPath: tablePath))) ?? Data()))),
            "params": .object(params),
        ])
        var query = RecordQuery(
            containers: source.projects, filter: source.jql, since: source.since, assignedToMe: source.assignedToMe,
            includeClosed: source.includeClosed, order: .oldestFirst, pageSize: source.pageSize, limit: nil,
            fields: fields,
            children: children)
        try resolved.provider.validate(query)
        var mode = "full"
        let mark = try workspace.jobs.highWaterMark(owner: owner, scope: scope)
        if options.incremental {
            if let mark, let stamp = Timestamp.parse(mark) {
                mode = "incremental"
                query.updatedSince = stamp.adding(milliseconds: -Int64(source.overlapMinutes) * 60_000)
            } else {
                warnings.append("no earlier run of this config to continue from: running a full import")
            }
        } else if let cap = source.cap {
            mode = "capped"
            query.order = .recentFirst
            query.limit = cap
        }
        if !table.records[.task]!.rules.contains(where: { $0.target == "external_updated_at" }) {
            warnings.append("the mapping does not write external_updated_at: incremental runs will import everything")
        }
        return Prepared(
            owner: owner, resolved: resolved, evaluator: evaluator, query: query, mode: mode,
            projectID: projectID == -1 ? nil : projectID, instance: instance, moveFrom: moveFrom, scope: scope,
            warnings: warnings, managedChildren: managed,
            highWaterMarkBase: mark)
    }

    /// The source instance of the run's connection: stored with a named connection once known; rows
    /// written before instances were recorded (their instance is the connection's base URL) are adopted.
    private func sourceInstance(_ resolved: ResolvedConnection, owner: Owner) async throws -> String {
        if let stored = resolved.record?.settings["instance"], !stored.isEmpty { return stored }
        let instance = try await resolved.connection.sourceInstance()
        let legacy = resolved.record?.baseURL ?? resolved.connection.siteURL
        try workspace.db.transaction {
            if let record = resolved.record {
                try workspace.connections.recordInstance(owner: owner, name: record.name, instance: instance)
            }
            if legacy != instance {
                try workspace.adoptRows(owner: owner, source: resolved.provider.id, from: legacy, to: instance)
            }
        }
        return instance
    }

    /// Fetches, maps and writes every page, then reconciles deletes and closes the job.
    private func execute(
        _ config: RunConfig, prepared: Prepared, query: RecordQuery, job: ImportJob, projectID: Int64,
        report: inout ImportReport, started: Date
    ) async throws {
        let owner = prepared.owner
        let connection = prepared.resolved.connection
        let provider = prepared.resolved.provider.id
        let writer = TaskWriter(
            db: workspace.db,
            context: .init(
                owner: owner, projectID: projectID, instance: prepared.instance, moveFrom: prepared.moveFrom,
                jobID: job.id,
                createMilestones: config.destination.createMilestones,
                managedChildren: prepared.managedChildren))
        var counts = job.counts
        var pages = job.pages
        var highWater = job.highWaterMark.flatMap(Timestamp.parse)
        var fetched = 0
        var estimatedTotal: Int?
        let runStart = Date()
        var cursor = job.cursor.map(PageCursor.init)
        var remaining = query.limit.map { max(0, $0 - job.counts.processed) }

        observer.handle(
            .started(jobID: job.id, mode: prepared.mode, estimatedTotal: nil, resumedFrom: job.resumedFromJobID))
        // Reference data is fetched once the first page is in, so it never delays the search chain.
        var referenceTask: Task<Result<[ReferenceRecord], any Error>, Never>?
        var wantsReferenceData =
            try prepared.mode != "incremental"
            && prepared.resolved.record.map { try referenceDataIsStale(owner: owner, connection: $0) }
                ?? false
        func startReferenceData() {
            guard wantsReferenceData else { return }
            wantsReferenceData = false
            referenceTask = Task {
                do {
                    return .success(try await connection.referenceData())
                } catch {
                    return .failure(error)
                }
            }
        }
        if remaining != 0 {
            var pageQuery = query
            pageQuery.limit = remaining
            var next: Task<RecordPage, any Error>? = Self.fetch(connection, pageQuery, cursor)
            var progress = PageProgress(provider: provider, startingAt: cursor)
            while let fetching = next {
                let page = try await fetching.value
                next = nil
                try progress.check(page)
                if let left = remaining { remaining = left - page.records.count }
                let more = page.next != nil && (remaining ?? 1) > 0
                // Pipelining: ask for the next page before writing this one.
                if more {
                    pageQuery.limit = remaining
                    next = Self.fetch(connection, pageQuery, page.next)
                }
                startReferenceData()
                if estimatedTotal == nil, let total = page.estimatedTotal {
                    estimatedTotal = query.limit.map { min($0, total) } ?? total
                }
                let (pageCounts, pageHigh) = try write(
                    page, more: more, writer: writer, evaluator: prepared.evaluator, provider: provider,
                    redactor: prepared.resolved.redactor, job: job,
                    counts: counts, pages: pages + 1, highWater: highWater, metrics: connection.metrics, report: &report
                )
                counts = counts + pageCounts
                pages += 1
                try stopIfDisconnected(prepared, pages: pages)
                fetched += page.records.count
                highWater = pageHigh
                cursor = page.next
                let elapsed = max(Date().timeIntervalSince(runStart), 0.001)
                let rate = Double(fetched) / elapsed
                let done = counts.processed
                observer.handle(
                    .page(
                        .init(
                            pages: pages, records: done, counts: counts, estimatedTotal: estimatedTotal, rate: rate,
                            eta: estimatedTotal.map { total in rate > 0 ? Double(max(0, total - done)) / rate : 0 })))
            }
        }
        _ = cursor

        if config.source.reconcileDeletes {
            let live = try await connection.recordIDs(in: config.source.projects)
            try stopIfDisconnected(prepared, pages: pages)
            let deleted = try workspace.db.transaction {
                try writer.reconcileDeletes(source: provider, containers: config.source.projects, liveIDs: live)
            }
            counts.deleted += deleted
            observer.handle(.reconciled(deleted: deleted))
        }

        // Reference data changes rarely: refreshed by full and capped runs (alongside the pages), at most
        // hourly, never by incremental runs.
        startReferenceData()
        if let references = referenceTask {
            switch await references.value {
            case .success(let data): try storeReferenceData(data, prepared: prepared)
            case .failure(let error):
                report.warnings.append(
                    "reference data was not refreshed: \(Self.reason(error, redactor: prepared.resolved.redactor))")
            }
        }

        let metrics = connection.metrics
        report.counts = counts
        report.pages = pages
        report.requests = job.requests + metrics.requests
        report.retries = job.retries + metrics.retries
        report.status = counts.failed > 0 ? .partial : .completed
        report.durationSeconds = Date().timeIntervalSince(started)
        let finalReport = report
        let totals = RequestMetrics(requests: report.requests, retries: report.retries)
        try workspace.db.transaction {
            try workspace.jobs.finish(
                jobID: job.id, status: finalReport.status, error: nil, counts: counts, metrics: totals,
                report: finalReport.json)
            try workspace.jobs.setHighWaterMark(
                owner: owner, scope: prepared.scope, provider: provider, mark: highWater?.iso8601, jobID: job.id)
            try workspace.audit.record(
                owner: owner, action: AuditAction.importCompleted.name(provider: provider), subject: "job \(job.id)",
                detail: [
                    "jobId": .number(Double(job.id)), "status": .string(finalReport.status.rawValue),
                    "created": .number(Double(counts.created)), "updated": .number(Double(counts.updated)),
                    "unchanged": .number(Double(counts.unchanged)), "deleted": .number(Double(counts.deleted)),
                    "failed": .number(Double(counts.failed)),
                ])
            try workspace.audit.recordActivity(
                projectID: projectID, kind: "imported_from_\(provider)",
                detail: [
                    "jobId": .number(Double(job.id)), "projects": .array(config.source.projects.map(JSONValue.string)),
                    "created": .number(Double(counts.created)), "updated": .number(Double(counts.updated)),
                    "deleted": .number(Double(counts.deleted)),
                ])
            if let name = prepared.resolved.record?.name {
                try workspace.connections.recordVerified(owner: owner, name: name)
            }
        }
        observer.handle(.finished(finalReport))
    }

    /// Ends the run when its stored connection was disconnected meanwhile (`tributary disconnect`):
    /// the token must not go on being used. What was committed stays.
    private func stopIfDisconnected(_ prepared: Prepared, pages: Int) throws {
        guard let record = prepared.resolved.record,
            try !workspace.connections.isActive(owner: prepared.owner, name: record.name)
        else { return }
        throw ImportRunError(
            kind: .configuration,
            message:
                "the connection \"\(record.name)\" was disconnected while this import ran: it stopped after \(pages) page\(pages == 1 ? "" : "s"), which are kept\n  hint: connect again (`tributary connect`) or restore its token (`tributary rotate \(record.name)`), then run again to continue",
            jobID: nil)
    }

    private static func fetch(_ connection: any ProviderConnection, _ query: RecordQuery, _ cursor: PageCursor?)
        -> Task<
            RecordPage, any Error
        >
    {
        Task { try await connection.page(query, from: cursor) }
    }

    /// Maps and writes one page with its checkpoint in one transaction. Records that cannot be mapped
    /// or written are recorded as failures; the rest of the page lands.
    private func write(
        _ page: RecordPage, more: Bool, writer: TaskWriter, evaluator: MappingEvaluator, provider: String,
        redactor: Redactor, job: ImportJob,
        counts: ImportCounts, pages: Int, highWater: Timestamp?, metrics: RequestMetrics, report: inout ImportReport
    ) throws -> (ImportCounts, Timestamp?) {
        var pageCounts = ImportCounts()
        var high = highWater
        var failures: [ImportFailure] = []
        var unmatchedAssignees: [String: Int] = [:]
        var unmatchedMilestones: [String: Int] = [:]
        do {
            try workspace.db.transaction {
                for record in page.records {
                    let label = MappingEvaluator.label(of: record)
                    let externalID = record["id"]?.scalarText ?? record["gid"]?.scalarText
                    do {
                        let task = try evaluator.canonical(record, source: provider)
                        if let updated = task.ref.updatedAt.flatMap(Timestamp.parse),
                            updated > (high ?? updated.adding(milliseconds: -1))
                        {
                            high = updated
                        }
                        let outcome = try workspace.db.transaction { try writer.write(task) }
                        pageCounts.count(outcome.change)
                        for person in outcome.unmatchedAssignees { unmatchedAssignees[person, default: 0] += 1 }
                        if let title = outcome.unmatchedMilestone { unmatchedMilestones[title, default: 0] += 1 }
                    } catch {
                        let failure = ImportFailure(
                            recordKey: label, externalID: externalID, reason: Self.reason(error, redactor: redactor))
                        failures.append(failure)
                        pageCounts.failed += 1
                        try workspace.jobs.recordFailure(jobID: job.id, failure: failure)
                    }
                }
                try workspace.jobs.checkpoint(
                    jobID: job.id, cursor: more ? page.next?.value : nil, counts: counts + pageCounts,
                    highWaterMark: high?.iso8601, pages: pages,
                    metrics: RequestMetrics(
                        requests: job.requests + metrics.requests, retries: job.retries + metrics.retries))
            }
        } catch {
            writer.resetCaches()
            throw error
        }
        for failure in failures {
            if report.failures.count < 1000 { report.failures.append(failure) }
            observer.handle(.recordFailed(failure))
        }
        report.unmatchedAssignees.merge(unmatchedAssignees, uniquingKeysWith: +)
        report.unmatchedMilestones.merge(unmatchedMilestones, uniquingKeysWith: +)
        return (pageCounts, high)
    }

    /// The source's field list: stored with the reference data and reused for an hour, so re-imports
    /// start with their first search. A cached list that lacks a custom field the table names is
    /// fetched again (the field may have been created since).
    private func fieldCatalog(_ resolved: ResolvedConnection, owner: Owner, for table: MappingTable) async throws
        -> [SourceField]
    {
        guard let record = resolved.record else { return try await resolved.connection.fieldCatalog() }
        let cutoff = Timestamp.now().adding(milliseconds: -3_600_000).iso8601
        let cached = try workspace.db.query(
            "SELECT data_json FROM reference_data WHERE owner_id = ? AND connection_id = ? AND kind = 'fields' AND fetched_at > ?",
            [.integer(owner.id), .integer(record.id), .text(cutoff)]
        ).compactMap { row -> SourceField? in
            guard let data = try? JSONParser.parse(row.string("data_json") ?? ""), let id = data["id"]?.stringValue
            else { return nil }
            return SourceField(
                id: id, name: data["name"]?.stringValue ?? id, isCustom: data["custom"]?.boolValue ?? false,
                type: data["type"]?.stringValue)
        }
        if !cached.isEmpty,
            table.customFields.values.allSatisfy({ MappingValidator.resolve($0, in: cached) != nil })
        {
            return cached
        }
        let fields = try await resolved.connection.fieldCatalog()
        try storeReferenceData(
            fields.map { field in
                ReferenceRecord(
                    kind: "fields", id: field.id, name: field.name,
                    data: [
                        "id": .string(field.id), "name": .string(field.name), "custom": .bool(field.isCustom),
                        "type": JSONValue(field.type),
                    ])
            }, owner: owner, connectionID: record.id)
        return fields
    }

    /// Whether the connection's reference data is missing or older than an hour.
    private func referenceDataIsStale(owner: Owner, connection: ConnectionRecord) throws -> Bool {
        let newest = try workspace.db.scalar(
            "SELECT MAX(fetched_at) FROM reference_data WHERE owner_id = ? AND connection_id = ? AND kind != 'fields'",
            [.integer(owner.id), .integer(connection.id)]
        ).stringValue.flatMap(Timestamp.parse)
        guard let newest else { return true }
        return Timestamp.now().millisecondsSince1970 - newest.millisecondsSince1970 > 3_600_000
    }

    /// Keeps the source's reference data (users, statuses…) beside the records.
    private func storeReferenceData(_ data: [ReferenceRecord], prepared: Prepared) throws {
        guard let record = prepared.resolved.record else { return }
        try storeReferenceData(data, owner: prepared.owner, connectionID: record.id)
    }

    private func storeReferenceData(_ data: [ReferenceRecord], owner: Owner, connectionID: Int64) throws {
        let now = Timestamp.now().iso8601
        try workspace.db.transaction {
            for item in data {
                try workspace.db.execute(
                    """
                    INSERT INTO reference_data (owner_id, connection_id, kind, external_id, name, data_json, fetched_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (owner_id, connection_id, kind, external_id) DO UPDATE SET
                        name = excluded.name, data_json = excluded.data_json, fetched_at = excluded.fetched_at
                    """,
                    [
                        .integer(owner.id), .integer(connectionID), .text(item.kind), .text(item.id),
                        SQLValue(item.name),
                        .text(item.data.jsonText), .text(now),
                    ])
            }
        }
    }

    // MARK: Dry run

    private func dryRun(_ config: RunConfig, prepared: Prepared, report: ImportReport, started: Date) async throws
        -> ImportReport
    {
        var report = report
        let connection = prepared.resolved.connection
        let writer = TaskWriter(
            db: workspace.db,
            context: .init(
                owner: prepared.owner, projectID: prepared.projectID ?? -1, instance: prepared.instance,
                moveFrom: prepared.moveFrom, jobID: nil,
                createMilestones: config.destination.createMilestones, managedChildren: prepared.managedChildren,
                dryRun: true))
        do {
            var progress = PageProgress(provider: prepared.resolved.provider.id, startingAt: nil)
            for try await page in connection.pages(prepared.query) {
                try progress.check(page)
                for record in page.records {
                    let label = MappingEvaluator.label(of: record) ?? "?"
                    do {
                        let task = try prepared.evaluator.canonical(record, source: prepared.resolved.provider.id)
                        let outcome = try writer.write(task)
                        report.counts.count(outcome.change)
                        if outcome.change != .unchanged, report.plannedChanges.count < Self.plannedChangeLimit {
                            report.plannedChanges.append(
                                .init(
                                    record: task.ref.label, change: outcome.change.planned,
                                    fields: outcome.fieldChanges))
                        }
                        for person in outcome.unmatchedAssignees { report.unmatchedAssignees[person, default: 0] += 1 }
                        if let title = outcome.unmatchedMilestone { report.unmatchedMilestones[title, default: 0] += 1 }
                    } catch {
                        report.counts.failed += 1
                        report.failures.append(
                            ImportFailure(
                                recordKey: label, externalID: record["id"]?.scalarText,
                                reason: Self.reason(error, redactor: prepared.resolved.redactor)))
                    }
                }
                report.pages += 1
            }
            if config.source.reconcileDeletes {
                let live = try await connection.recordIDs(in: config.source.projects)
                report.counts.deleted = try writer.reconcileDeletes(
                    source: prepared.resolved.provider.id, containers: config.source.projects, liveIDs: live)
            }
        } catch {
            throw classify(error, jobID: nil, redactor: prepared.resolved.redactor)
        }
        report.requests = connection.metrics.requests
        report.retries = connection.metrics.retries
        report.status = report.counts.failed > 0 ? .partial : .completed
        report.durationSeconds = Date().timeIntervalSince(started)
        observer.handle(.finished(report))
        return report
    }

    // MARK: Helpers

    /// Why one record failed, redacted (a record's own values may echo a secret).
    static func reason(_ error: any Error, redactor: Redactor) -> String {
        if let mapping = error as? MappingError { return redactor.redact("\(mapping.location): \(mapping.message)") }
        return redactor.redact(String(describing: error))
    }

    /// The run's failure as the user sees it, every text redacted with the connection's secrets before
    /// it is stored (job, report, audit, connection) or printed.
    func classify(_ error: any Error, jobID: Int64?, redactor: Redactor) -> ImportRunError {
        if let error = error as? ImportRunError {
            return ImportRunError(
                kind: error.kind, message: redactor.redact(error.message), jobID: error.jobID ?? jobID)
        }
        let kind: ImportRunError.Kind
        switch error {
        case let provider as ProviderError:
            kind =
                provider.kind == .authentication
                ? .authentication : provider.kind == .configuration ? .configuration : .failure
        case is ConfigError, is MappingValidationError, is URLPolicyError: kind = .configuration
        default: kind = .failure
        }
        return ImportRunError(kind: kind, message: redactor.redact(String(describing: error)), jobID: jobID)
    }

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
