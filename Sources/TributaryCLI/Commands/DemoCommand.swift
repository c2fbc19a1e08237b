import Foundation
import ImportCore
import ProviderSandbox

/// `tributary demo`: a complete import on a fresh machine, with nothing configured.
enum DemoCommand {
    static let definition = CommandDefinition(
        name: "demo", summary: "Start the Jira sandbox, connect to it and import a demo project into SQLite.",
        usage: ["demo [--db PATH] [--owner EMAIL] [--issues N]"],
        details: """
            Starts the Jira sandbox in this process, creates the encryption key file if there is none,
            adds a small local team (so some assignees match), connects as "demo-sandbox" (verified,
            token stored encrypted), runs Config/demo.json into ./tributary-demo.sqlite (or --db), prints
            the report and where to look next. Run it twice: the second run writes nothing.
            """,
        options: [
            OptionSpec("db", value: "PATH", help: "Database to import into (default ./tributary-demo.sqlite)."),
            OptionSpec("owner", value: "EMAIL", help: "Owner of the demo rows (default demo@tributary.test)."),
            OptionSpec("issues", value: "N", help: "Issues in the sandbox (default 240, half in the demo project)."),
        ],
        run: run)

    static let fixedPort: UInt16 = 47_089

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let database = context.arguments.value("db") ?? "tributary-demo.sqlite"
        let ownerEmail = context.arguments.value("owner") ?? "demo@tributary.test"
        let issues = try context.arguments.int("issues") ?? 240
        guard issues >= 1 && issues <= 200_000 else { throw CLIError.usage("--issues takes 1 to 200000") }
        let console = context.console
        let human = !context.json

        // 1. A key for the vault, created on first use like `tributary init` would.
        if (context.environment["TRIBUTARY_ENCRYPTION_KEY"] ?? "").isEmpty {
            let keyFile = EncryptionKey.defaultKeyFile(environment: context.environment)
            if !FileManager.default.fileExists(atPath: keyFile) {
                try EncryptionKey.createKeyFile(at: keyFile)
                if human { console.out("created the encryption key file \(keyFile) (mode 0600)") }
            }
        }

        // 2. The sandbox, on a fixed port when free so that re-runs keep the same URLs.
        let config = JiraSandboxConfig(issues: issues, projects: 2, seed: 42)
        let sandbox: JiraSandbox
        if let onFixedPort = try? JiraSandbox(config: config, port: fixedPort) {
            sandbox = onFixedPort
        } else {
            sandbox = try JiraSandbox(config: config, port: 0)
        }
        defer { sandbox.stop() }
        if human {
            console.out(
                "Jira sandbox: \(sandbox.baseURL) (\(issues) issues in \(sandbox.projectKeys.joined(separator: ", ")))")
        }

        // 3. The workspace, its owner, and a local team: some sandbox people exist here, some do not.
        let workspace = try context.openWorkspace(path: database)
        let vault = try context.vault(for: workspace)
        let owner = try workspace.owner(email: ownerEmail)
        for person in sandbox.people.prefix(5) {
            if let email = person.email {
                try workspace.projects.addUser(owner: owner, email: email, displayName: person.name)
            }
        }
        let project = try workspace.projects.findOrCreate(owner: owner, name: "Demo import")
        for epic in sandbox.epics(project: "DEMO").prefix(2) {
            if try workspace.projects.milestone(projectID: project, title: epic.summary) == nil {
                _ = try workspace.projects.createMilestone(
                    owner: owner, projectID: project, title: epic.summary, ref: nil, jobID: nil)
            }
        }

        // 4. The connection, verified against the sandbox like a real site.
        let provider = try context.registry.require("jira")
        let credentials = Credentials.emailToken(email: config.email, token: config.apiToken)
        let account = try await provider.verify(credentials, at: sandbox.baseURL)
        if try workspace.connections.find(owner: owner, name: "demo-sandbox") == nil {
            try workspace.connections.create(
                owner: owner, name: "demo-sandbox", provider: "jira", baseURL: sandbox.baseURL, authKind: .emailToken,
                login: config.email, account: account, secret: credentials.secret, vault: vault)
            if human {
                console.out(
                    "connected demo-sandbox as \(account.displayName) <\(account.email ?? "")>; token stored encrypted")
            }
        } else {
            try workspace.connections.rotate(
                owner: owner, name: "demo-sandbox", secret: credentials.secret, account: account,
                baseURL: sandbox.baseURL, vault: vault)
            if human { console.out("re-verified the demo-sandbox connection") }
        }

        // 5. The import itself.
        var runConfig = try RunConfig.parse(Data(builtInConfig.utf8), origin: "the demo config")
        runConfig.owner = ownerEmail
        runConfig.database = database
        let style: ProgressPrinter.Style = context.json ? .quiet : console.isTTY ? .bar : .lines
        let engine = ImportEngine(
            workspace: workspace, registry: context.registry, environment: context.environment,
            observer: ProgressPrinter(console: console, style: style), vault: { vault })
        let report: ImportReport
        do {
            report = try await engine.run(
                runConfig, options: .init(ownerEmail: ownerEmail, stopReason: { context.stop.reason?.description }))
        } catch let error as ImportRunError where error.kind == .interrupted {
            throw CLIError("\(error.message)\n  resume: \(context.resumeCommand)", exitCode: .interrupted)
        }
        if context.json {
            console.json(["database": .string(database), "sandbox": .string(sandbox.baseURL), "report": report.json])
            return report.status == .partial ? .partial : .ok
        }
        console.out("")
        RunCommand.printReport(report, console: console, database: database)
        let tasks = try workspace.taskCount(owner: owner)
        console.out("")
        console.out("\(database) now holds \(tasks) tasks with comments, worklogs, attachments and checklist items.")
        console.out("Where to look next:")
        console.out("  tributary jobs --db \(database) --owner \(ownerEmail)")
        console.out("  tributary jobs show \(report.jobID ?? 1) --db \(database) --owner \(ownerEmail)")
        console.out("  tributary audit --db \(database) --owner \(ownerEmail)")
        console.out("  sqlite3 \(database)       # any SQLite tool opens it: the tasks table holds the import")
        console.out("  tributary demo            # again: idempotent, nothing is rewritten")
        console.out("  tributary --help          # connect your own Jira, preview, run, migrate")
        return report.status == .partial ? .partial : .ok
    }

    /// The demo's run config, built in so that the demo runs from any folder; `Config/demo.json` is
    /// the same config as a file to read and copy (a test keeps the two equal).
    static let builtInConfig = """
        {"connection": "demo-sandbox",
         "source": {"provider": "jira", "containers": ["DEMO"], "includeClosed": true, "cap": null,
                    "comments": true, "worklogs": true, "attachments": true, "reconcileDeletes": true},
         "destination": {"project": "Demo import", "createProject": true, "createMilestones": false},
         "mapping": {"params": {"hoursPerStoryPoint": 2.0}}}
        """
}
