import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

/// One sandbox world imported through Jira and through Linear (and through Asana) gives the same
/// workspace, field by field, except where a source cannot carry something. The exceptions for
/// Linear, each checked or named:
/// - ids, URLs and update times are each source's own (UUIDs vs numbers, different sites);
/// - worklogs: Linear has none;
/// - descriptions: ADF vs Markdown, both present or absent and at least half their words shared (panels,
///   mentions and status lozenges render differently; #22 holds each format to its reference renderer);
/// - comments: compared as words (whitespace and markers aside);
/// - attachments: Jira reports size and MIME type, Linear's attachments are links (title only);
/// - an epic is a Jira parent but a Linear project: both give the same milestone, only Jira a parent;
/// - a parent with more sub-tasks than `maxChecklistItems`: which ones the checklist lists;
/// - hidden emails: Jira hides some people's, Linear shows every member's;
/// - custom fields are each source's own (Jira's components and fix versions, Linear's cycle).
///
/// For Asana:
/// - tasks have no key: each gid is compared under the Jira key of the same world item;
/// - worklogs: Asana has none;
/// - the type is a "Type" enum field (Asana has none built in), read by the table as the type;
/// - an epic is a Jira parent but an Asana milestone its tasks are dependencies of: both give the
///   same milestone, only Jira a parent (already left out of `parent` for both).
///
/// For ClickUp:
/// - the Jira key is the task's custom task id (display only; the task id is its identity);
/// - the type is a "Type" drop_down field, read by its option's orderindex;
/// - an epic is a Jira parent but a ClickUp milestone (custom_item_id 1) its tasks are related to
///   by a task relationship field: both give the same milestone, only Jira a parent;
/// - a due date is a moment in ClickUp: its UTC day is compared;
/// - time entries carry no comment: worklog counts and seconds are compared, not their texts;
/// - links: Blocks are dependencies; duplicates and clones are linked tasks (Relates).
@Suite("Cross-provider equivalence: one world through Jira and through Linear, Asana or ClickUp")
struct CrossProviderEquivalenceTests {
    @Test("tasks, statuses, priorities, types, labels, dates, estimates, sub-tasks, comments and attachments agree")
    func equivalence() async throws {
        let jira = try await ImportHarness(JiraSandboxConfig(issues: 150, projects: 2, userTimeZone: "Europe/Berlin"))
        let destination: [String: JSONValue] = [
            "project": "Engineering", "createProject": true, "createMilestones": true,
        ]
        _ = try await jira.run(try jira.configFile(destination: destination))
        let linear = try await LinearImportHarness(LinearSandboxConfig(issues: 150, teams: 2))
        _ = try await linear.run(try linear.configFile(destination: destination))

        let jiraTasks = try Self.tasks(jira.workspace.db)
        let linearTasks = try Self.tasks(linear.workspace.db)
        #expect(jiraTasks.count == 150)
        #expect(Set(jiraTasks.keys) == Set(linearTasks.keys))
        var differences: [String] = []
        for (key, jiraTask) in jiraTasks.sorted(by: { $0.key < $1.key }) {
            guard let linearTask = linearTasks[key] else { continue }
            let jiraWords = Set((jiraTask["descriptionWords"] ?? "").split(separator: " "))
            let linearWords = Set((linearTask["descriptionWords"] ?? "").split(separator: " "))
            let shared = jiraWords.intersection(linearWords).count
            if shared * 2 < max(jiraWords.count, linearWords.count) {
                differences.append("\(key).description: fewer than half its words shared")
            }
            for (field, value) in jiraTask where field != "descriptionWords" && linearTask[field] != value {
                differences.append("\(key).\(field): jira \(value) | linear \(linearTask[field] ?? "∅")")
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20).joined(separator: "\n"))")
        #expect(try jira.count("worklogs") > 0)
        #expect(try linear.count("worklogs") == 0)
    }

    @Test(
        "Jira and Asana: the same tasks, statuses, priorities, types, labels, dates, estimates, milestones, subtasks, comments and attachments"
    )
    func asana() async throws {
        let jira = try await ImportHarness(JiraSandboxConfig(issues: 150, projects: 2, userTimeZone: "Europe/Berlin"))
        let destination: [String: JSONValue] = [
            "project": "Engineering", "createProject": true, "createMilestones": true,
        ]
        _ = try await jira.run(try jira.configFile(destination: destination))
        let asana = try await AsanaImportHarness(AsanaSandboxConfig(issues: 150, projects: 2))
        _ = try await asana.run(try asana.configFile(destination: destination))
        // Asana tasks have no key: each gid names the world item whose Jira key it is compared under.
        let keys = Dictionary(uniqueKeysWithValues: asana.sandbox.groundTruth.map { ($0.key, $0.value.key) })
        let jiraTasks = try Self.tasks(jira.workspace.db)
        let asanaTasks = try Self.tasks(asana.workspace.db, keyOf: { keys[$0] })
        #expect(jiraTasks.count == 150)
        #expect(Set(jiraTasks.keys) == Set(asanaTasks.keys))
        let differences = Self.differences(jiraTasks, asanaTasks, source: "asana")
        #expect(differences.isEmpty, "\(differences.prefix(20).joined(separator: "\n"))")
        #expect(try asana.count("worklogs") == 0)
    }

    @Test(
        "Jira and ClickUp: the same tasks, statuses, priorities, types, labels, due days, estimates, milestones, subtasks, comments, worklogs and attachments"
    )
    func clickUp() async throws {
        let jira = try await ImportHarness(JiraSandboxConfig(issues: 150, projects: 2, userTimeZone: "Europe/Berlin"))
        let destination: [String: JSONValue] = [
            "project": "Engineering", "createProject": true, "createMilestones": true,
        ]
        _ = try await jira.run(try jira.configFile(destination: destination))
        let clickUp = try await ClickUpImportHarness(ClickUpSandboxConfig(issues: 150, lists: 2))
        _ = try await clickUp.run(try clickUp.configFile(destination: destination))
        // ClickUp's custom task ids are the Jira keys of the same world items.
        let jiraTasks = try Self.tasks(jira.workspace.db)
        let clickUpTasks = try Self.tasks(clickUp.workspace.db)
        #expect(jiraTasks.count == 150)
        #expect(Set(jiraTasks.keys) == Set(clickUpTasks.keys))
        let differences = Self.differences(jiraTasks, clickUpTasks, source: "clickup")
        #expect(differences.isEmpty, "\(differences.prefix(20).joined(separator: "\n"))")
        // Time entries are worklogs: the same number and the same time, person by person.
        let logged = "SELECT COUNT(*) || ':' || SUM(seconds) FROM worklogs"
        #expect(try jira.workspace.db.scalar(logged).stringValue == clickUp.workspace.db.scalar(logged).stringValue)
        #expect(try jira.count("worklogs") > 0)
        // Links: Jira's Blocks are ClickUp's dependencies (the same side blocks), the other kinds its
        // linked tasks (Relates: ClickUp has no duplicate or clone link).
        let jiraLinks = try Self.links(jira.workspace.db)
        #expect(!jiraLinks.isEmpty)
        #expect(jiraLinks == (try Self.links(clickUp.workspace.db)))
    }

    /// The links between imported tasks by key: `A blocks B` kept in order, the others as pairs.
    static func links(_ db: SQLiteDatabase) throws -> Set<String> {
        let rows = try db.query(
            """
            SELECT l.link_type, f.external_key AS source, t.external_key AS target FROM task_links l
            JOIN tasks f ON f.id = l.from_task_id JOIN tasks t ON t.id = l.to_task_id
            """)
        return Set(
            rows.map { row in
                let ends = [row["source"].stringValue ?? "?", row["target"].stringValue ?? "?"]
                return row["link_type"].stringValue == "Blocks"
                    ? "\(ends[0]) blocks \(ends[1])" : ends.sorted().joined(separator: " ~ ")
            })
    }

    /// Where `other` (imported through `source`) differs from Jira's tasks: every compared field,
    /// and descriptions sharing fewer than half their words.
    static func differences(
        _ jiraTasks: [String: [String: String]], _ other: [String: [String: String]], source: String
    )
        -> [String]
    {
        var differences: [String] = []
        for (key, jiraTask) in jiraTasks.sorted(by: { $0.key < $1.key }) {
            guard let task = other[key] else { continue }
            let jiraWords = Set((jiraTask["descriptionWords"] ?? "").split(separator: " "))
            let words = Set((task["descriptionWords"] ?? "").split(separator: " "))
            if jiraWords.intersection(words).count * 2 < max(jiraWords.count, words.count) {
                differences.append(
                    "\(key).description: fewer than half its words shared: jira \(jiraWords.sorted()) | \(source) \(words.sorted())"
                )
            }
            for (field, value) in jiraTask where field != "descriptionWords" && task[field] != value {
                differences.append("\(key).\(field): jira \(value) | \(source) \(task[field] ?? "∅")")
            }
        }
        return differences
    }

    /// Every task by key with the fields both sources carry, normalised where only the format differs;
    /// `keyOf` names a task whose source has no keys by its external id.
    static func tasks(_ db: SQLiteDatabase, keyOf: (String) -> String? = { _ in nil }) throws -> [String: [String:
        String]]
    {
        var tasks: [String: [String: String]] = [:]
        let rows = try db.query(
            """
            SELECT t.id, t.external_id, t.external_key, t.title, t.status, t.priority, t.category, t.source_type, t.due_date,
                   t.story_points, t.estimated_hours, t.labels_json, t.description, m.title AS milestone,
                   CASE WHEN p.source_type = 'Epic' THEN NULL ELSE p.external_key END AS parent,
                   p.external_id AS parent_id
            FROM tasks t LEFT JOIN tasks p ON p.id = t.parent_task_id LEFT JOIN milestones m ON m.id = t.milestone_id
            """)
        for row in rows {
            guard let key = row["external_key"].stringValue ?? row["external_id"].stringValue.flatMap(keyOf),
                let id = row["id"].stringValue
            else { continue }
            var fields: [String: String] = [:]
            for name in [
                "title", "status", "priority", "category", "source_type", "due_date", "story_points",
                "estimated_hours", "parent", "milestone",
            ] {
                fields[name] = row[name].stringValue ?? "∅"
            }
            if row["external_key"].stringValue == nil, fields["parent"] == "∅",
                let parent = row["parent_id"].stringValue
            {
                fields["parent"] = keyOf(parent) ?? parent
            }
            let labels =
                try JSONParser.parse(row["labels_json"].stringValue ?? "[]").arrayValue?
                .compactMap(\.stringValue).sorted() ?? []
            fields["labels"] = labels.joined(separator: ",")
            // Rich text differs in its markers (ADF panels, mentions by name or handle, status
            // lozenges); what both carry is whether there is a text and how it begins.
            fields["description"] = row["description"].stringValue == nil ? "∅" : "text"
            fields["descriptionWords"] = words(row["description"].stringValue)
            let comments = try db.query(
                "SELECT body, created_at FROM comments WHERE task_id = ? ORDER BY created_at, body", [.text(id)])
            fields["comments"] = comments.map {
                "\($0["created_at"].stringValue ?? "")|\(words($0["body"].stringValue))"
            }
            .joined(separator: "\n")
            let attachments = try db.query(
                "SELECT filename FROM attachments WHERE task_id = ? ORDER BY filename", [.text(id)])
            fields["attachments"] = attachments.compactMap { $0["filename"].stringValue }.joined(separator: ",")
            let checklist = try db.query(
                "SELECT title, done FROM checklist_items WHERE task_id = ? ORDER BY title", [.text(id)])
            // Past maxChecklistItems (30) each source's order decides which sub-tasks are listed;
            // all of them are imported as tasks either way.
            fields["checklist"] =
                checklist.count >= 30
                ? "\(checklist.count) items"
                : checklist.map { "\($0["title"].stringValue ?? "")=\($0["done"].stringValue ?? "")" }.joined(
                    separator: ",")
            tasks[key] = fields
        }
        return tasks
    }

    /// The words of a text: what a reader sees, whatever the markup put around them.
    static func words(_ text: String?) -> String {
        (text ?? "").split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }
}
