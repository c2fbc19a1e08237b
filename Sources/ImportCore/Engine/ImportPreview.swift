/// What `tributary preview` shows: for a sample of records, each rule's source value and mapped
/// value, and what an import would do with each record. Nothing is written.
public struct ImportPreview: Sendable {
    public struct Sample: Sendable {
        public let record: String
        public let traces: [RuleTrace]
        /// `create`, `update`, `unchanged`, or `fail`.
        public let change: String
        public let error: String?
    }

    public var samples: [Sample] = []
    public var counts = ImportCounts()
    public var warnings: [String] = []
    public var mappingTable = ""
}

extension ImportEngine {
    /// Maps the `sample` most recently updated records and reports each rule's input and output.
    public func preview(_ config: RunConfig, sample: Int = 10, options: Options = Options()) async throws
        -> ImportPreview
    {
        guard let ownerEmail = config.owner ?? options.ownerEmail else {
            throw ImportRunError(
                kind: .configuration, message: "no owner: set \"owner\" in the config or pass --owner", jobID: nil)
        }
        let owner = try workspace.owner(email: ownerEmail)
        var dry = options
        dry.dryRun = true
        let prepared: Prepared
        do {
            let resolved = try resolveConnection(config, owner: owner, options: dry)
            prepared = try await prepare(config, owner: owner, resolved: resolved, options: dry)
        } catch {
            throw classify(error, jobID: nil, redactor: Redactor())
        }
        var query = prepared.query
        query.order = .recentFirst
        query.limit = max(1, sample)
        query.updatedSince = nil
        query.pageSize = min(query.pageSize, max(1, sample))
        var preview = ImportPreview()
        preview.warnings = prepared.warnings
        preview.mappingTable = prepared.evaluator.table.origin
        let writer = TaskWriter(
            db: workspace.db,
            context: .init(
                owner: owner, projectID: prepared.projectID ?? -1, instance: prepared.instance,
                moveFrom: prepared.moveFrom, jobID: nil,
                createMilestones: config.destination.createMilestones,
                managedChildren: prepared.managedChildren, dryRun: true))
        do {
            for try await page in prepared.resolved.connection.pages(query) {
                for record in page.records {
                    let label = MappingEvaluator.label(of: record) ?? "?"
                    var traces: [RuleTrace] = []
                    do {
                        let (mapped, trace) = try prepared.evaluator.map(record, trace: true)
                        traces = trace
                        let task = try CanonicalBuilder.task(
                            mapped, source: prepared.resolved.provider.id, label: label)
                        let outcome = try writer.write(task)
                        preview.counts.count(outcome.change)
                        preview.samples.append(
                            .init(record: label, traces: traces, change: outcome.change.planned, error: nil))
                    } catch {
                        preview.counts.failed += 1
                        preview.samples.append(
                            .init(
                                record: label, traces: traces, change: "fail",
                                error: Self.reason(error, redactor: prepared.resolved.redactor)))
                    }
                }
            }
        } catch {
            throw classify(error, jobID: nil, redactor: prepared.resolved.redactor)
        }
        return preview
    }
}
