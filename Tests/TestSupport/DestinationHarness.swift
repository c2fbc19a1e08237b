import Foundation
import ImportCore
import ImportTesting
import JiraProvider
import ProviderSandbox
import WorkspaceStore

/// A Jira sandbox connected to either destination (the SQLite workspace or the in-memory one), for
/// engine tests that must hold against both, with a snapshot of what was imported in one neutral form.
public final class DestinationHarness: Sendable {
    /// Which destination the engine writes to.
    public enum Kind: String, CaseIterable, Sendable, CustomStringConvertible {
        case sqlite, memory
        public var description: String { rawValue }
    }

    public let kind: Kind
    public let fixture: JiraSandboxFixture
    public let folder: TemporaryDirectory
    public let owner: Owner
    let workspace: Workspace?
    let memory: InMemoryDestination?
    let key: EncryptionKey

    public var sandbox: JiraSandbox { fixture.sandbox }
    public var destination: any ImportDestination { workspace ?? memory! }
    public var connections: any ConnectionStore { workspace ?? memory! }

    public init(_ kind: Kind, _ config: JiraSandboxConfig = JiraSandboxConfig()) async throws {
        self.kind = kind
        folder = TemporaryDirectory("tributary-destination")
        fixture = try JiraSandboxFixture(config)
        key = try EncryptionKey.generate()
        let credentials = fixture.validCredentials
        let account = try await JiraProvider().verify(credentials, at: fixture.url, options: fixture.options())
        let settings = account.settings.merging(["gatewayURL": fixture.sandbox.gatewayURL]) { $1 }
        switch kind {
        case .sqlite:
            let store = try Workspace(path: folder.file("workspace.sqlite"))
            owner = try store.owner(email: "alice@example.com")
            try store.connections.create(
                owner: owner, name: "work", provider: "jira", baseURL: fixture.url, authKind: credentials.kind,
                login: credentials.username,
                account: Account(
                    id: account.id, displayName: account.displayName, email: account.email,
                    timeZone: account.timeZone, settings: settings),
                secret: credentials.secret, vault: CredentialVault(key: key))
            workspace = store
            memory = nil
        case .memory:
            let store = InMemoryDestination()
            owner = try store.owner(email: "alice@example.com")
            store.addConnection(
                owner: owner, name: "work", provider: "jira", baseURL: fixture.url, credentials: credentials,
                settings: settings)
            workspace = nil
            memory = store
        }
    }

    /// A run config for the sandbox's projects into `destination`.
    public func config(
        containers: [String] = ["DEMO", "OPS"], extraSource: [String: JSONValue] = [:],
        destination: String = "Engineering"
    ) throws -> RunConfig {
        var source: [String: JSONValue] = [
            "provider": "jira", "containers": .array(containers.map(JSONValue.string)), "cap": .null, "pageSize": 40,
        ]
        for (name, value) in extraSource { source[name] = value }
        let json: JSONValue = [
            "owner": .string(owner.email), "connection": "work", "source": .object(source),
            "destination": ["project": .string(destination), "createProject": true],
            "mapping": [
                "table": .string(CLIProcess.repositoryRoot.appendingPathComponent("Providers/jira/mapping.json").path)
            ],
        ]
        return try RunConfig.parse(JSONWriter().data(json), origin: "test config")
    }

    public func engine(observer: any ImportObserver = SilentObserver()) -> ImportEngine {
        let key = self.key
        return ImportEngine(
            destination: destination, connections: connections, registry: ProviderRegistry([JiraProvider()]),
            environment: [:], observer: observer, vault: { CredentialVault(key: key) })
    }

    public func run(_ config: RunConfig, incremental: Bool = false, dryRun: Bool = false) async throws -> ImportReport {
        try await engine().run(config, options: .init(incremental: incremental, dryRun: dryRun))
    }

    /// What was imported, one line per task in a form both destinations give alike: provenance, mapped
    /// values, project, milestone, parent, deletion, and each child collection's ids.
    public func snapshot() throws -> [String] {
        if let workspace { return try Self.snapshot(workspace, site: fixture.url) }
        guard let memory else { return [] }
        return memory.tasks(owner: owner).map { stored in
            let task = stored.task
            let number = { (value: Double?) in value.map { JSONValue.format(number: $0) } ?? "∅" }
            return [
                task.ref.source, task.ref.id, task.ref.key ?? "∅",
                (task.ref.url ?? "∅").replacingOccurrences(
                    of: fixture.url, with: "SITE"), task.ref.updatedAt ?? "∅", task.title, task.description ?? "∅",
                task.status, task.priority ?? "∅", task.category ?? "∅", task.dueDate ?? "∅",
                number(task.estimatedHours), number(task.storyPoints),
                JSONValue.array(task.labels.map(JSONValue.string)).jsonText, JSONValue.object(task.custom).jsonText,
                task.parentExternalID ?? "∅", stored.milestoneID.flatMap(memory.milestoneTitle) ?? "∅",
                memory.projectName(stored.projectID) ?? "∅", stored.deletedAt == nil ? "live" : "deleted",
                "comments:" + task.comments.map(\.ref.id).sorted().joined(separator: ","),
                "worklogs:" + task.worklogs.map(\.ref.id).sorted().joined(separator: ","),
                "attachments:" + task.attachments.map(\.ref.id).sorted().joined(separator: ","),
                "checklist:" + task.checklist.map(\.ref.id).sorted().joined(separator: ","),
            ].joined(separator: "|")
        }.sorted()
    }

    static func snapshot(_ workspace: Workspace, site: String) throws -> [String] {
        func ids(_ table: String, _ task: Int64) throws -> String {
            try workspace.db.query(
                "SELECT external_id FROM \(table) WHERE task_id = ? ORDER BY external_id", [.integer(task)]
            ).compactMap { $0.string("external_id") }.joined(separator: ",")
        }
        return try workspace.db.query(
            """
            SELECT t.id, t.external_source, t.external_id, t.external_key, t.external_url, t.external_updated_at,
                t.title, t.description, t.status, t.priority, t.category, t.due_date, t.estimated_hours,
                t.story_points, t.labels_json, t.custom_fields_json, t.parent_external_id, m.title AS milestone,
                p.name AS project, t.deleted_at IS NOT NULL AS deleted
            FROM tasks t JOIN projects p ON p.id = t.project_id LEFT JOIN milestones m ON m.id = t.milestone_id
            """
        ).map { row in
            let text = { (name: String) in row.string(name) ?? "∅" }
            let number = { (name: String) in row[name].doubleValue.map { JSONValue.format(number: $0) } ?? "∅" }
            let id = row.int64("id") ?? 0
            return [
                text("external_source"), text("external_id"), text("external_key"),
                text("external_url").replacingOccurrences(of: site, with: "SITE"), text("external_updated_at"),
                text("title"), text("description"), text("status"), text("priority"), text("category"),
                text("due_date"), number("estimated_hours"), number("story_points"), text("labels_json"),
                text("custom_fields_json"), text("parent_external_id"), text("milestone"), text("project"),
                row.bool("deleted") ? "deleted" : "live",
                "comments:" + (try ids("comments", id)), "worklogs:" + (try ids("worklogs", id)),
                "attachments:" + (try ids("attachments", id)), "checklist:" + (try ids("checklist_items", id)),
            ].joined(separator: "|")
        }.sorted()
    }
}
