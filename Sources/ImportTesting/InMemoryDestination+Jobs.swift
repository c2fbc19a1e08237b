import ImportCore

extension InMemoryDestination {
    /// `job` with another status and error (a resumed job superseded).
    static func changed(_ job: ImportJob, status: JobStatus, error: String?, finishedAt: String?) -> ImportJob {
        rebuilt(job, status: status, error: error, finishedAt: finishedAt)
    }

    /// `job` after a page.
    static func checkpointed(
        _ job: ImportJob, cursor: String?, counts: ImportCounts, highWaterMark: String?, pages: Int,
        metrics: RequestMetrics
    ) -> ImportJob {
        rebuilt(
            job, counts: counts, cursor: .some(cursor), highWaterMark: .some(highWaterMark), pages: pages,
            requests: metrics.requests, retries: metrics.retries)
    }

    /// `job` closed.
    static func finished(
        _ job: ImportJob, status: JobStatus, error: String?, counts: ImportCounts, metrics: RequestMetrics,
        report: JSONValue, at time: String
    ) -> ImportJob {
        rebuilt(
            job, status: status, error: error, finishedAt: time, counts: counts, requests: metrics.requests,
            retries: metrics.retries, report: report)
    }

    private static func rebuilt(
        _ job: ImportJob, status: JobStatus? = nil, error: String? = nil, finishedAt: String? = nil,
        counts: ImportCounts? = nil, cursor: String?? = nil, highWaterMark: String?? = nil, pages: Int? = nil,
        requests: Int? = nil, retries: Int? = nil, report: JSONValue? = nil
    ) -> ImportJob {
        ImportJob(
            id: job.id, ownerID: job.ownerID, connectionID: job.connectionID, provider: job.provider,
            destinationProjectID: job.destinationProjectID, configJSON: job.configJSON, fingerprint: job.fingerprint,
            mode: job.mode, status: status ?? job.status, startedAt: job.startedAt,
            finishedAt: finishedAt ?? job.finishedAt, counts: counts ?? job.counts, cursor: cursor ?? job.cursor,
            error: error ?? job.error, resumedFromJobID: job.resumedFromJobID,
            highWaterMark: highWaterMark ?? job.highWaterMark, pages: pages ?? job.pages,
            requests: requests ?? job.requests, retries: retries ?? job.retries, report: report ?? job.report,
            query: job.query)
    }
}
