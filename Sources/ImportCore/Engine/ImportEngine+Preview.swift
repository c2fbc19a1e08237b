extension ImportEngine {
    /// Maps the `sample` most recently updated records and reports each rule's input and output, and
    /// what an import would do with each record. Nothing is written.
    public func preview(_ config: RunConfig, sample: Int = 10, options: Options = Options()) async throws
        -> ImportPreview
    {
        var dry = options
        dry.dryRun = true
        let (_, plan) = try await self.plan(config, options: dry)
        var query = plan.query
        query.order = .recentFirst
        query.limit = max(1, sample)
        query.updatedSince = nil
        query.pageSize = min(query.pageSize, max(1, sample))
        var preview = ImportPreview()
        preview.warnings = plan.warnings
        preview.mappingTable = plan.importer.evaluator.table.origin
        let target = plan.target()
        do {
            var pipeline = PagePipeline(connection: plan.connection, query: query, from: nil, provider: plan.provider)
            defer { pipeline.cancel() }
            while let (page, _) = try await pipeline.next() {
                for raw in page.records {
                    let label = plan.importer.evaluator.label(of: raw) ?? "?"
                    let (record, traces) = plan.importer.traced(raw)
                    switch record {
                    case .task(let task):
                        do {
                            guard let outcome = try destination.planPage([task], target: target).first else { continue }
                            preview.counts.count(outcome.change)
                            preview.samples.append(
                                .init(record: label, traces: traces, change: outcome.change.planned, error: nil))
                        } catch {
                            preview.counts.failed += 1
                            preview.samples.append(
                                .init(
                                    record: label, traces: traces, change: "fail",
                                    error: RecordImporter.reason(error, redactor: plan.redactor)))
                        }
                    case .failed(let failure):
                        preview.counts.failed += 1
                        preview.samples.append(
                            .init(record: label, traces: traces, change: "fail", error: failure.reason))
                    }
                }
            }
        } catch {
            throw ImportRunError.from(error, jobID: nil, redactor: plan.redactor)
        }
        return preview
    }
}
