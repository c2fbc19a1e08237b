import ImportCore

extension MigrationReport.Row {
    /// Takes requests, retries, failed records and unmatched people from a run's report (as
    /// `ImportReport.json` writes it, also for runs finished in an earlier invocation of the batch).
    mutating func absorb(_ report: JSONValue) {
        requests = report["requests"]?.intValue ?? requests
        retries = report["retries"]?.intValue ?? retries
        failures = (report["failures"]?.arrayValue ?? []).map { failure in
            (
                failure["record"]?.stringValue ?? failure["externalId"]?.stringValue ?? "?",
                failure["reason"]?.stringValue ?? ""
            )
        }
        for (person, count) in report["unmatchedAssignees"]?.objectValue ?? [:] {
            unmatchedPeople[person, default: 0] += count.intValue ?? 0
        }
    }
}
