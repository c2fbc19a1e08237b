import Foundation
import ImportCore
import WorkspaceStore

/// The end-of-batch report of `tributary migrate`, for the terminal, as JSON and as a self-contained
/// HTML page. It leads with a verdict (did every run complete?), then gives per run what is now in
/// the workspace (tasks, comments, worklogs, attachments), what the run changed, its failed records
/// with keys and reasons, the people it could not match, its time, requests and retries.
struct MigrationReport {
    /// One run of the batch.
    struct Row {
        let name: String
        let provider: String
        let projects: [String]
        let destination: String
        /// `completed`, `partial`, `failed`, `interrupted`, or `not run` (the batch stopped before it).
        let status: String
        /// What the run did to tasks.
        let counts: ImportCounts
        /// What its scope holds now in the destination project.
        var rows = ImportedRows()
        let jobID: Int64?
        let duration: Double
        var requests = 0
        var retries = 0
        /// Failed records: key (or id) and reason, the first ones.
        var failures: [(record: String, reason: String)] = []
        /// People the run could not match to a workspace user, with how often.
        var unmatchedPeople: [String: Int] = [:]
        let error: String?
        /// Finished in an earlier invocation of the batch: not run again.
        let skipped: Bool
    }

    let batch: String
    let generatedAt: String
    var rows: [Row]
    /// Records per source project (`jira:ENG`) now in the workspace, for the chart.
    var projectTotals: [(project: String, records: Int)]

    /// What the runs changed, added up.
    var totals: ImportCounts { rows.reduce(ImportCounts()) { $0 + $1.counts } }

    /// The one-line answer to "did it work?".
    var verdict: String {
        let total = rows.count
        let failed = rows.filter { $0.status == "failed" }.map(\.name)
        let interrupted = rows.filter { $0.status == "interrupted" || $0.status == "not run" }.map(\.name)
        let partial = rows.filter { $0.status == "partial" }.map(\.name)
        if !failed.isEmpty {
            return "\(failed.count) of \(total) run\(total == 1 ? "" : "s") failed: \(failed.joined(separator: ", "))"
        }
        if !interrupted.isEmpty {
            return
                "interrupted: \(total - interrupted.count) of \(total) runs ended; not finished: \(interrupted.joined(separator: ", "))"
        }
        if !partial.isEmpty {
            return
                "all \(total) runs finished; \(partial.count) with failed records: \(partial.joined(separator: ", "))"
        }
        return total == 1 ? "the run completed" : "all \(total) runs completed"
    }

    // MARK: Terminal

    /// The report as a person reads it in a terminal.
    var lines: [String] {
        var table = TextTable([
            "RUN", "STATUS", "TASKS", "COMMENTS", "WORKLOGS", "ATTACHMENTS", "CREATED", "UPDATED", "FAILED", "TIME",
            "REQUESTS",
        ])
        for row in rows {
            table.add([
                row.name, row.skipped ? "\(row.status) earlier" : row.status, String(row.rows.tasks),
                String(row.rows.comments), String(row.rows.worklogs), String(row.rows.attachments),
                String(row.counts.created), String(row.counts.updated), String(row.counts.failed),
                String(format: "%.1f s", row.duration),
                row.retries > 0 ? "\(row.requests) (\(row.retries) retried)" : String(row.requests),
            ])
        }
        var out = [verdict, "", table.render()]
        for row in rows {
            if let error = row.error, row.status != "not run" { out.append("\(row.name): \(error)") }
            for failure in row.failures.prefix(5) {
                out.append("\(row.name): failed \(failure.record): \(failure.reason)")
            }
            if row.failures.count > 5 || row.counts.failed > row.failures.prefix(5).count {
                out.append(
                    "\(row.name): \(row.counts.failed - min(5, row.failures.count)) more failed records: tributary jobs show \(row.jobID ?? 0)"
                )
            }
            if !row.unmatchedPeople.isEmpty {
                out.append(
                    "\(row.name): unmatched people (no workspace user with that email): "
                        + RunCommand.summary(row.unmatchedPeople, show: 6) { $0 })
            }
        }
        return out
    }

    // MARK: JSON

    /// The report as JSON.
    var json: JSONValue {
        func counts(_ value: ImportCounts) -> JSONValue {
            [
                "created": .number(Double(value.created)), "updated": .number(Double(value.updated)),
                "unchanged": .number(Double(value.unchanged)), "deleted": .number(Double(value.deleted)),
                "failed": .number(Double(value.failed)),
            ]
        }
        return [
            "batch": .string(batch), "generatedAt": .string(generatedAt), "verdict": .string(verdict),
            "ok": .bool(rows.allSatisfy { $0.status == "completed" }), "totals": counts(totals),
            "recordsPerProject": .object(
                projectTotals.reduce(into: [String: JSONValue]()) { $0[$1.project] = .number(Double($1.records)) }),
            "runs": .array(
                rows.map { row in
                    [
                        "name": .string(row.name), "provider": .string(row.provider),
                        "projects": .array(row.projects.map(JSONValue.string)), "destination": .string(row.destination),
                        "status": .string(row.status), "counts": counts(row.counts),
                        "inWorkspace": [
                            "tasks": .number(Double(row.rows.tasks)), "comments": .number(Double(row.rows.comments)),
                            "worklogs": .number(Double(row.rows.worklogs)),
                            "attachments": .number(Double(row.rows.attachments)),
                        ],
                        "failures": .array(
                            row.failures.map { ["record": .string($0.record), "reason": .string($0.reason)] }),
                        "unmatchedPeople": .object(row.unmatchedPeople.mapValues { .number(Double($0)) }),
                        "requests": .number(Double(row.requests)), "retries": .number(Double(row.retries)),
                        "jobId": row.jobID.map { .number(Double($0)) } ?? .null,
                        "durationSeconds": .number((row.duration * 10).rounded() / 10), "error": JSONValue(row.error),
                        "skipped": .bool(row.skipped),
                    ]
                }),
        ]
    }

    // MARK: HTML

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// A page with no external resources: inline CSS and an inline SVG chart.
    var html: String {
        let ok = rows.allSatisfy { $0.status == "completed" }
        var body = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Tributary migration report</title>
            <style>
            body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2rem;color:#1d2330;max-width:80rem}
            h1{font-size:1.5rem;margin-bottom:.2rem}.muted{color:#5b6475}
            .verdict{font-size:1.2rem;padding:.6rem .9rem;border-radius:.4rem}.good{background:#dafbe1}.bad{background:#ffebe9}
            table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{padding:.4rem .6rem;border-bottom:1px solid #dde2ea;text-align:left;vertical-align:top}
            th{background:#f4f6f9}td.n{text-align:right;font-variant-numeric:tabular-nums}
            .completed{color:#1a7f37}.partial{color:#9a6700}.failed,.interrupted{color:#cf222e}.skipped{color:#5b6475}
            </style></head><body>
            <h1>Tributary migration report</h1>
            <p class="muted">Batch \(Self.escape(batch)) · generated \(Self.escape(generatedAt)) · \(rows.count) runs</p>
            <p class="verdict \(ok ? "good" : "bad")">\(Self.escape(verdict))</p>
            <h2>Runs</h2>
            <table><thead><tr><th>Run</th><th>Projects → destination</th><th>Status</th><th>Tasks</th><th>Comments</th><th>Worklogs</th><th>Attachments</th><th>Created</th><th>Updated</th><th>Failed</th><th>Time</th><th>Requests</th><th>Job</th></tr></thead><tbody>

            """
        for row in rows {
            let status = row.skipped ? "\(row.status) earlier" : row.status
            body +=
                "<tr><td>\(Self.escape(row.name))</td><td>\(Self.escape(row.provider)): \(Self.escape(row.projects.joined(separator: ", "))) → \(Self.escape(row.destination))</td>"
            body +=
                "<td class=\"\(Self.escape(row.status))\">\(Self.escape(status))\(row.error.map { "<br><small>\(Self.escape(String($0.prefix(300))))</small>" } ?? "")</td>"
            for number in [row.rows.tasks, row.rows.comments, row.rows.worklogs, row.rows.attachments] {
                body += "<td class=\"n\">\(number)</td>"
            }
            body +=
                "<td class=\"n\">\(row.counts.created)</td><td class=\"n\">\(row.counts.updated)</td><td class=\"n\">\(row.counts.failed)</td>"
            body +=
                "<td class=\"n\">\(String(format: "%.1f s", row.duration))</td><td class=\"n\">\(row.requests)\(row.retries > 0 ? " (\(row.retries) retried)" : "")</td><td class=\"n\">\(row.jobID.map(String.init) ?? "—")</td></tr>\n"
        }
        body += "</tbody></table>\n"
        let failing = rows.filter { !$0.failures.isEmpty }
        if !failing.isEmpty {
            body +=
                "<h2>Failed records</h2>\n<table><thead><tr><th>Run</th><th>Record</th><th>Reason</th></tr></thead><tbody>\n"
            for row in failing {
                for failure in row.failures {
                    body +=
                        "<tr><td>\(Self.escape(row.name))</td><td>\(Self.escape(failure.record))</td><td>\(Self.escape(failure.reason))</td></tr>\n"
                }
            }
            body += "</tbody></table>\n"
        }
        let unmatched = rows.filter { !$0.unmatchedPeople.isEmpty }
        if !unmatched.isEmpty {
            body +=
                "<h2>Unmatched people</h2>\n<p class=\"muted\">No workspace user with that email: not assigned.</p><ul>\n"
            for row in unmatched {
                let people = row.unmatchedPeople.sorted { $0.value > $1.value }.map {
                    "\(Self.escape($0.key)) ×\($0.value)"
                }
                body += "<li><strong>\(Self.escape(row.name))</strong>: \(people.joined(separator: ", "))</li>\n"
            }
            body += "</ul>\n"
        }
        body += "<h2>Records per project</h2>\n\(chart)\n"
        body += "<p class=\"muted\">Details of each job: <code>tributary jobs show ID</code>.</p>\n</body></html>\n"
        return body
    }

    /// Horizontal bars: records of each source project now in the workspace.
    var chart: String {
        let maximum = max(1, projectTotals.map(\.records).max() ?? 1)
        let barHeight = 22
        let labelWidth = 200
        let width = 640
        let height = projectTotals.count * (barHeight + 8) + 10
        var svg =
            "<svg role=\"img\" aria-label=\"Records per project\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width + labelWidth + 80)\" height=\"\(height)\">\n"
        for (index, entry) in projectTotals.enumerated() {
            let y = 5 + index * (barHeight + 8)
            let w = max(1, Int(Double(entry.records) / Double(maximum) * Double(width)))
            svg += "<text x=\"0\" y=\"\(y + 16)\" font-size=\"13\">\(Self.escape(entry.project))</text>\n"
            svg +=
                "<rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(w)\" height=\"\(barHeight)\" fill=\"#2f6feb\"><title>\(Self.escape(entry.project)): \(entry.records) records</title></rect>\n"
            svg +=
                "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 16)\" font-size=\"12\" fill=\"#5b6475\">\(entry.records)</text>\n"
        }
        return svg + "</svg>"
    }
}
