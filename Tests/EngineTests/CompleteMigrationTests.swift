import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

/// A complete migration keeps what Jira knew: links once per pair with their direction, the whole
/// changelog for the mapped fields, original dates, reporters and sprints.
@Suite("Complete migration: links, history, original dates, sprints")
struct CompleteMigrationTests {
    static let historyFields: Set<String> = ["status", "assignee", "priority", "resolution"]

    /// The stored links as (id, type, outward issue, inward issue).
    static func storedLinks(_ harness: ImportHarness) throws -> Set<JiraSandbox.LinkFact> {
        Set(
            try harness.workspace.db.query(
                "SELECT external_id, link_type, from_external_id, to_external_id FROM task_links"
            ).map {
                JiraSandbox.LinkFact(
                    id: $0.string("external_id") ?? "", type: $0.string("link_type") ?? "",
                    outwardIssue: $0.string("from_external_id") ?? "", inwardIssue: $0.string("to_external_id") ?? "")
            })
    }

    @Test("Cloud: links per type and direction, history past 100 histories, dates, reporter, sprints; idempotent")
    func cloud() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 320))
        let config = try harness.configFile()
        let first = try await harness.run(config)
        #expect(first.status == .completed && first.counts.created == 320)

        let facts = harness.sandbox.linkFacts
        #expect(facts.count > 20)
        #expect(try Self.storedLinks(harness) == Set(facts))
        #expect(try harness.count("task_links") == facts.count, "each link once, whichever end carried it")
        #expect(try harness.count("task_links", "from_task_id IS NULL OR to_task_id IS NULL") == 0)
        for type in ["Blocks", "Relates", "Duplicate", "Cloners"] {
            #expect(try harness.count("task_links", "link_type = '\(type)'") == facts.filter { $0.type == type }.count)
        }
        // "A blocks B": the outward end is the task whose record says outwardIssue is the other.
        #expect(
            try harness.count("task_links", "link_type = 'Blocks' AND outward = 'blocks' AND inward = 'is blocked by'")
                == facts.filter { $0.type == "Blocks" }.count)

        let changes = harness.sandbox.changeFacts.filter { Self.historyFields.contains($0.field) }
        let stored = Set(
            try harness.workspace.db.query("SELECT external_id, field, from_value, to_value FROM task_history").map {
                "\($0.string("external_id") ?? "")|\($0.string("from_value") ?? "-")|\($0.string("to_value") ?? "-")"
            })
        #expect(
            stored == Set(changes.map { "\($0.issue):\($0.history):\($0.field)|\($0.from ?? "-")|\($0.to ?? "-")" }))
        let longest =
            try harness.workspace.db.scalar(
                "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM task_history GROUP BY task_id)"
            ).intValue ?? 0
        #expect(longest > 100, "an issue with more than 100 histories is read whole")
        // Past what a fetch embeds, changelogs come through the bulk listing (or, searched, their own pages).
        let counts = harness.sandbox.requestCounts
        #expect(
            counts["POST /rest/api/3/changelog/bulkfetch", default: 0]
                + counts["GET /rest/api/3/issue/{id}/changelog", default: 0] > 0)
        #expect(try harness.count("task_history", "changed_at IS NULL OR author_name IS NULL") == 0)

        #expect(try harness.count("tasks", "source_created_at IS NULL OR reporter_name IS NULL") == 0)
        #expect(
            try harness.count("tasks", "source_created_at = created_at") == 0, "the source's date, not the import's")
        #expect(try harness.count("tasks", "source_resolved_at IS NOT NULL") > 0)
        #expect(try harness.count("tasks", "sprints_json LIKE '%\"name\":\"Sprint %'") > 300)
        #expect(
            try harness.count(
                "tasks", "sprints_json LIKE '%\"state\":\"closed\"%' AND sprints_json LIKE '%completeDate%'") > 0)

        let again = try await harness.run(config)
        #expect(again.counts == ImportCounts(unchanged: 320))
    }

    @Test("a link removed at the source is removed on the next incremental run; the rest stay")
    func unlinked() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 200))
        let config = try harness.configFile()
        _ = try await harness.run(config)
        let before = try harness.count("task_links")
        #expect(harness.sandbox.unlinkIssues(3) == 3)
        let report = try await harness.run(config, incremental: true)
        #expect(report.status == .completed)
        #expect(try harness.count("task_links") == before - 3)
        #expect(try Self.storedLinks(harness) == Set(harness.sandbox.linkFacts))
    }

    @Test("links across two runs into two projects resolve to both local tasks, in either order")
    func acrossProjects() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 240))
        _ = try await harness.run(
            try harness.configFile(
                name: "ops.json", projects: ["OPS"], destination: ["project": "Ops", "createProject": true]))
        let pending = try harness.count("task_links", "from_task_id IS NULL OR to_task_id IS NULL")
        #expect(pending > 0, "links to issues not imported yet wait for them")
        _ = try await harness.run(
            try harness.configFile(
                name: "demo.json", projects: ["DEMO"], destination: ["project": "Demo", "createProject": true]))
        #expect(try harness.count("task_links", "from_task_id IS NULL OR to_task_id IS NULL") == 0)
        #expect(try Self.storedLinks(harness) == Set(harness.sandbox.linkFacts))
        let crossing =
            try harness.workspace.db.scalar(
                """
                SELECT COUNT(*) FROM task_links l JOIN tasks a ON a.id = l.from_task_id JOIN tasks b ON b.id = l.to_task_id
                WHERE a.project_id != b.project_id
                """
            ).intValue ?? 0
        #expect(crossing > 0)
    }

    @Test("Data Center: the whole changelog comes with the search; sprints arrive as Sprint@…[…] texts")
    func dataCenter() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 180, deployment: .dataCenter))
        let report = try await harness.run(try harness.configFile())
        #expect(report.status == .completed)
        let changes = harness.sandbox.changeFacts.filter { Self.historyFields.contains($0.field) }
        #expect(try harness.count("task_history") == changes.count)
        #expect(
            try harness.count("task_history", "field = 'assignee' AND from_value IS NULL AND to_id IS NOT NULL") > 0)
        #expect(try harness.count("tasks", "sprints_json LIKE '%\"name\":\"Sprint %\"startDate\":\"2024-%Z\"%'") > 100)
        #expect(try Self.storedLinks(harness) == Set(harness.sandbox.linkFacts))
    }
}
