import Foundation

extension ImportEngine {
    /// Fetches and maps everything, asks the destination what it would change, and writes nothing.
    func dryRun(_ plan: RunPlan, report: ImportReport, started: Date) async throws -> ImportReport {
        var report = report
        let target = plan.target()
        do {
            var pipeline = PagePipeline(
                connection: plan.connection, query: plan.query, from: nil, provider: plan.provider,
                mapping: plan.importer)
            defer { pipeline.cancel() }
            while let (_, records) = try await pipeline.next() {
                let tasks = records.compactMap { record -> CanonicalTask? in
                    if case .task(let task) = record { return task }
                    return nil
                }
                var outcomes = try destination.planPage(tasks, target: target)[...]
                for record in records {
                    switch record {
                    case .task(let task):
                        guard let outcome = outcomes.popFirst() else { continue }
                        report.counts.count(outcome.change)
                        if outcome.change != .unchanged, report.plannedChanges.count < Self.plannedChangeLimit {
                            report.plannedChanges.append(
                                .init(
                                    record: task.ref.label, change: outcome.change.planned, fields: outcome.fieldChanges
                                ))
                        }
                        for person in outcome.unmatchedAssignees { report.unmatchedAssignees[person, default: 0] += 1 }
                        if let title = outcome.unmatchedMilestone { report.unmatchedMilestones[title, default: 0] += 1 }
                    case .failed(let failure):
                        report.counts.failed += 1
                        report.failures.append(failure)
                    }
                }
                report.pages += 1
            }
            if plan.config.source.reconcileDeletes {
                let live = try await plan.connection.recordIDs(in: plan.config.source.containers)
                report.counts.deleted = try destination.reconcileDeletes(
                    target: target, containers: plan.config.source.containers, liveIDs: live, jobID: nil, dryRun: true)
            }
        } catch {
            throw ImportRunError.from(error, jobID: nil, redactor: plan.redactor)
        }
        report.requests = plan.connection.metrics.requests
        report.retries = plan.connection.metrics.retries
        report.status = report.counts.failed > 0 ? .partial : .completed
        report.durationSeconds = Date().timeIntervalSince(started)
        observer.handle(.finished(report))
        return report
    }
}
