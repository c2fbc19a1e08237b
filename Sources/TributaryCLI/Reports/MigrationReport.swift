import Foundation
import ImportCore

/// The end-of-batch report of `tributary migrate`: JSON for machines and a self-contained HTML page
/// (a per-project table and a bar chart of records per project) for people.
struct MigrationReport {
    struct Row {
        let name: String
        let provider: String
        let projects: [String]
        let destination: String
        let status: String
        let counts: ImportCounts
        let jobID: Int64?
        let duration: Double
        let error: String?
        let skipped: Bool
    }

    let batch: String
    let generatedAt: String
    var rows: [Row]
    /// Records per source project (`jira:ENG`) now in the workspace, for the chart.
    var projectTotals: [(project: String, records: Int)]

    var totals: ImportCounts { rows.reduce(ImportCounts()) { $0 + $1.counts } }

    var json: JSONValue {
        func counts(_ value: ImportCounts) -> JSONValue {
            [
                "created": .number(Double(value.created)), "updated": .number(Double(value.updated)),
                "unchanged": .number(Double(value.unchanged)), "deleted": .number(Double(value.deleted)),
                "failed": .number(Double(value.failed)),
            ]
        }
        return [
            "batch": .string(batch), "generatedAt": .string(generatedAt), "totals": counts(totals),
            "recordsPerProject": .object(
                projectTotals.reduce(into: [String: JSONValue]()) { $0[$1.project] = .number(Double($1.records)) }),
            "runs": .array(
                rows.map { row in
                    [
                        "name": .string(row.name), "provider": .string(row.provider),
                        "projects": .array(row.projects.map(JSONValue.string)), "destination": .string(row.destination),
                        "status": .string(row.status), "counts": counts(row.counts),
                        "jobId": row.jobID.map { .number(Double($0)) } ?? .null,
                        "durationSeconds": .number((row.duration * 10).rounded() / 10), "error": JSONValue(row.error),
                        "skipped": .bool(row.skipped),
                    ]
                }),
        ]
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// A page with no external resources: inline CSS and an inline SVG chart.
    var html: String {
        let total = totals
        var body = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Tributary migration report</title>
            <style>
            body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:2rem;color:#1d2330;max-width:72rem}
            h1{font-size:1.5rem;margin-bottom:.2rem}.muted{color:#5b6475}
            table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{padding:.4rem .6rem;border-bottom:1px solid #dde2ea;text-align:left}
            th{background:#f4f6f9}td.n{text-align:right;font-variant-numeric:tabular-nums}
            .completed{color:#1a7f37}.partial{color:#9a6700}.failed{color:#cf222e}.skipped{color:#5b6475}
            .legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem;vertical-align:middle}
            </style></head><body>
            <h1>Tributary migration report</h1>
            <p class="muted">Batch \(Self.escape(batch)) · generated \(Self.escape(generatedAt)) · \(rows.count) runs</p>
            <p><strong>\(total.created)</strong> created · <strong>\(total.updated)</strong> updated · <strong>\(total.unchanged)</strong> unchanged · <strong>\(total.deleted)</strong> deleted · <strong>\(total.failed)</strong> failed</p>
            <h2>Records per project</h2>
            \(chart)
            <h2>Runs</h2>
            <table><thead><tr><th>Run</th><th>Provider</th><th>Projects</th><th>Destination</th><th>Status</th><th>Created</th><th>Updated</th><th>Unchanged</th><th>Deleted</th><th>Failed</th><th>Job</th><th>Seconds</th></tr></thead><tbody>

            """
        for row in rows {
            let status = row.skipped ? "skipped (\(row.status) earlier)" : row.status
            body +=
                "<tr><td>\(Self.escape(row.name))</td><td>\(Self.escape(row.provider))</td><td>\(Self.escape(row.projects.joined(separator: ", ")))</td><td>\(Self.escape(row.destination))</td>"
            body +=
                "<td class=\"\(row.skipped ? "skipped" : Self.escape(row.status))\">\(Self.escape(status))\(row.error.map { "<br><small>\(Self.escape(String($0.prefix(300))))</small>" } ?? "")</td>"
            body +=
                "<td class=\"n\">\(row.counts.created)</td><td class=\"n\">\(row.counts.updated)</td><td class=\"n\">\(row.counts.unchanged)</td><td class=\"n\">\(row.counts.deleted)</td><td class=\"n\">\(row.counts.failed)</td>"
            body +=
                "<td class=\"n\">\(row.jobID.map(String.init) ?? "—")</td><td class=\"n\">\(String(format: "%.1f", row.duration))</td></tr>\n"
        }
        body +=
            "</tbody></table>\n<p class=\"muted\">Details of each job: <code>tributary jobs show ID</code>.</p>\n</body></html>\n"
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
