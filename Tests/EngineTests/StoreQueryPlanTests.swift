import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

/// Every statement an import runs per record finds its rows by their key. One that searches the
/// owner's or the instance's rows instead costs a little at a thousand issues and makes a large
/// import quadratic (at 12,000 issues the writer took 9.5 s where 3,000 took 0.2 s).
@Suite("Query plans of an import's statements")
struct StoreQueryPlanTests {
    /// Tables that grow with the import: a scan of one of them per record is quadratic.
    static let growingTables: Set<String> = [
        "tasks", "comments", "worklogs", "attachments", "checklist_items", "task_history", "task_links",
        "task_assignees", "user_profiles", "milestones", "activity_events", "audit_log", "import_failures",
        "source_people",
    ]

    /// The columns that only name a scope (an owner, a project, a source and its instance): a search
    /// constrained by these alone reads every row of the scope.
    static let scopeColumns: Set<String> = [
        "owner_id", "project_id", "external_source", "external_instance", "external_container",
    ]

    /// The tables of `sql` by the aliases it gives them (a plan names a table by its alias).
    static func aliases(in sql: String) -> [String: String] {
        let words = sql.split(whereSeparator: { $0.isWhitespace || $0 == "(" || $0 == ")" || $0 == "," }).map(
            String.init)
        var aliases: [String: String] = [:]
        for (index, word) in words.enumerated() where ["FROM", "JOIN", "UPDATE"].contains(word.uppercased()) {
            guard index + 2 < words.count else { continue }
            let alias = words[index + 1 + (words[index + 2].uppercased() == "AS" ? 2 : 1)]
            if index + 1 < words.count, growingTables.contains(words[index + 1]) { aliases[alias] = words[index + 1] }
        }
        return aliases
    }

    /// The plan lines of `sql` that read a growing table by scope only, or whole. Planned on a
    /// connection without the change journal's triggers: a statement with triggers is planned with
    /// the foreign-key scans SQLite runs only while deferred violations are outstanding (never
    /// during an import), which would hide the statement's own reads.
    static func scopeReads(_ sql: String, on db: SQLiteDatabase) throws -> [String] {
        // The parameters do not change the plan (no statistics are kept): nulls stand in for them.
        let parameters = Array(repeating: SQLValue.null, count: sql.filter { $0 == "?" }.count)
        let plan = try db.query("EXPLAIN QUERY PLAN \(sql)", parameters).compactMap {
            $0.string("detail")
        }
        return plan.filter { line in
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 2, words[0] == "SCAN" || words[0] == "SEARCH" else { return false }
            guard growingTables.contains(aliases(in: sql)[words[1]] ?? words[1]) else { return false }
            if words[0] == "SCAN" { return true }
            guard let open = line.lastIndex(of: "("), let close = line.lastIndex(of: ")"), open < close else {
                return true
            }
            let constrained = line[line.index(after: open)..<close].components(separatedBy: " AND ").map {
                String($0.prefix { $0.isLetter || $0 == "_" })
            }
            return constrained.allSatisfy(scopeColumns.contains)
        }
    }

    @Test("a fresh, an unchanged and an incremental import search every growing table by key")
    func keyedSearches() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 120))
        let config = try harness.configFile()
        let first = try await harness.run(config)
        #expect(first.status == .completed && first.counts.created == 120)
        _ = try await harness.run(config)
        harness.sandbox.updateIssues(5, leavesOnly: false)
        harness.sandbox.deleteIssues(2)
        _ = try await harness.run(config)

        let statements = harness.workspace.db.preparedStatements
        #expect(try harness.count("task_links") > 0 && harness.count("task_history") > 0)
        let planner = try SQLiteDatabase(path: harness.databasePath, readOnly: true)
        var offenders: [String: [String]] = [:]
        for sql in statements {
            let trimmed = sql.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
            guard
                trimmed.hasPrefix("SELECT") || trimmed.hasPrefix("INSERT") || trimmed.hasPrefix("UPDATE")
                    || trimmed.hasPrefix("DELETE")
            else { continue }
            let reads = try Self.scopeReads(sql, on: planner)
            if !reads.isEmpty { offenders[sql] = reads }
        }
        #expect(offenders.isEmpty, "\(offenders.map { "\($0.key)\n  → \($0.value)" }.joined(separator: "\n"))")
    }
}
