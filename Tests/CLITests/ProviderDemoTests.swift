import Foundation
import ImportCore
import TestSupport
import Testing
import WorkspaceStore

/// `tributary demo --provider P` for each provider with a sandbox besides Jira's: it imports with
/// nothing configured (no key, no database, no owner), brings every kind of child the provider has,
/// and a second demo writes nothing.
@Suite("The demo of each provider, from the built binary")
struct ProviderDemoTests {
    /// One provider's demo and what it must bring.
    struct DemoCase: Sendable, CustomStringConvertible {
        let provider: String
        /// How the demo names its sandbox's address (`Linear sandbox: `).
        let banner: String
        let connection: String
        /// The tasks the demo container holds, when the world fixes it.
        let tasks: Int?
        /// Queries that must each count at least one row.
        let present: [String]
        var description: String { provider }
    }

    static let cases = [
        DemoCase(
            provider: "linear", banner: "Linear sandbox: ", connection: "demo-linear", tasks: nil,
            present: ["SELECT COUNT(*) FROM comments", "SELECT COUNT(*) FROM milestones"]),
        DemoCase(
            provider: "asana", banner: "Asana sandbox: ", connection: "demo-asana", tasks: 40,
            present: [
                "SELECT COUNT(*) FROM comments", "SELECT COUNT(*) FROM attachments",
                "SELECT COUNT(*) FROM checklist_items", "SELECT COUNT(*) FROM tasks WHERE parent_task_id IS NOT NULL",
                "SELECT COUNT(*) FROM milestones",
            ]),
        DemoCase(
            provider: "clickup", banner: "ClickUp sandbox: ", connection: "demo-clickup", tasks: 40,
            present: [
                "SELECT COUNT(*) FROM comments", "SELECT COUNT(*) FROM attachments", "SELECT COUNT(*) FROM worklogs",
                "SELECT COUNT(*) FROM checklist_items", "SELECT COUNT(*) FROM tasks WHERE parent_task_id IS NOT NULL",
                "SELECT COUNT(*) FROM milestones",
            ]),
    ]

    @Test("the demo imports the sandbox with nothing configured; twice writes nothing", arguments: cases)
    func demo(_ demo: DemoCase) async throws {
        let cli = try CLIHarness()
        var environment = cli.environment()
        environment["TRIBUTARY_ENCRYPTION_KEY"] = nil
        environment["TRIBUTARY_DB"] = nil
        environment["TRIBUTARY_OWNER"] = nil
        let arguments = ["demo", "--provider", demo.provider, "--issues", "80"]
        let first = try await CLIProcess.run(arguments, environment: environment, directory: cli.folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains(demo.banner + "http://127.0.0.1:"))
        #expect(first.stdout.contains("connected \(demo.connection)"))
        let database = try Workspace(path: cli.folder.file("tributary-demo.sqlite"))
        let count = { (sql: String) in try database.db.scalar(sql).intValue ?? 0 }
        let imported = "SELECT COUNT(*) FROM tasks WHERE external_source = '\(demo.provider)'"
        let tasks = try count(imported)
        #expect(tasks == (demo.tasks ?? max(tasks, 21)), "\(tasks) tasks")
        for query in demo.present { #expect(try count(query) > 0, "\(query)") }
        let second = try await CLIProcess.run(arguments, environment: environment, directory: cli.folder.path)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try count(imported) == tasks, "a second demo never duplicates")
        // The sandbox takes its usual port when it is free; when another demo holds it (another
        // test run on the machine), the attachments' URLs differ: rewritten, never duplicated.
        let site = { (output: String) in output.split(separator: "\n").first { $0.hasPrefix(demo.banner) } }
        let row = { (name: String) in second.stdout.split(separator: "\n").first { $0.hasPrefix(name) } }
        if site(first.stdout) == site(second.stdout) {
            #expect(row("unchanged")?.contains(String(tasks)) == true, "\(second.stdout)")
        } else {
            #expect(row("created")?.hasSuffix(" 0") == true, "\(second.stdout)")
        }
    }
}
