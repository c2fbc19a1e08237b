import Foundation
import ImportCore
import ProviderSandbox

/// `tributary demo`: a complete import on a fresh machine, with nothing configured.
enum DemoCommand {
    static let definition = CommandDefinition(
        name: "demo",
        summary:
            "Start a sandbox (Jira, Linear, Asana or ClickUp), connect to it and import a demo project into SQLite.",
        usage: ["demo [--provider jira|linear|asana|clickup] [--db PATH] [--owner EMAIL] [--issues N]"],
        details: """
            Starts the Jira sandbox (or with --provider linear, asana or clickup that one) in this
            process, creates the encryption key file if there is none, adds a small local team (so
            some assignees match), connects as "demo-sandbox" ("demo-linear", "demo-asana",
            "demo-clickup"; verified, token stored encrypted), runs Config/demo.json (or
            Config/demo-linear.json, -asana.json, -clickup.json) into ./tributary-demo.sqlite (or
            --db), prints the report and where to look next. Run it twice: the second run writes nothing.
            """,
        options: [
            OptionSpec(
                "provider", value: "ID", help: "The sandbox to import from: jira (default), linear, asana or clickup."),
            OptionSpec("db", value: "PATH", help: "Database to import into (default ./tributary-demo.sqlite)."),
            OptionSpec("owner", value: "EMAIL", help: "Owner of the demo rows (default demo@tributary.test)."),
            OptionSpec("issues", value: "N", help: "Issues in the sandbox (default 240, half in the demo project)."),
        ],
        run: run)

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
        let source = try DemoSource.start(context.arguments.value("provider") ?? "jira", issues: issues)
        defer { source.stop() }
        if human { console.out(source.banner) }

        // 3. The workspace, its owner, and a local team: some sandbox people exist here, some do not.
        let workspace = try context.openWorkspace(path: database)
        let vault = try context.vault(for: workspace)
        let owner = try workspace.owner(email: ownerEmail)
        for person in source.people.prefix(5) {
            if let email = person.email {
                try workspace.projects.addUser(owner: owner, email: email, displayName: person.name)
            }
        }
        var runConfig = try RunConfig.parse(Data(source.runConfig.utf8), origin: "the demo config")
        let project = try workspace.projects.findOrCreate(owner: owner, name: runConfig.destination.project)
        for title in source.milestoneTitles
        where try workspace.projects.milestone(projectID: project, title: title) == nil {
            _ = try workspace.projects.createMilestone(
                owner: owner, projectID: project, title: title, ref: nil, jobID: nil)
        }

        // 4. The connection, verified against the sandbox like a real site.
        let provider = try context.registry.require(source.provider)
        let credentials = source.credentials
        let name = source.connectionName
        let account = try await provider.verify(credentials, at: source.url)
        if try workspace.connections.find(owner: owner, name: name) == nil {
            try workspace.connections.create(
                owner: owner, name: name, provider: source.provider, baseURL: source.url, authKind: credentials.kind,
                login: credentials.username, account: account, secret: credentials.secret, vault: vault)
            if human {
                console.out(
                    "connected \(name) as \(account.displayName) <\(account.email ?? "")>; token stored encrypted")
            }
        } else {
            try workspace.connections.rotate(
                owner: owner, name: name, secret: credentials.secret, account: account, baseURL: source.url,
                vault: vault)
            if human { console.out("re-verified the \(name) connection") }
        }

        // 5. The import itself.
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
            console.json(["database": .string(database), "sandbox": .string(source.url), "report": report.json])
            return report.status == .partial ? .partial : .ok
        }
        console.out("")
        RunCommand.printReport(report, console: console, database: database)
        let tasks = try workspace.taskCount(owner: owner)
        console.out("")
        console.out(
            "\(database) now holds \(tasks) tasks with comments, \(source.provider == "jira" ? "worklogs, " : "")attachments and checklist items."
        )
        console.out("Where to look next:")
        console.out("  tributary jobs --db \(database) --owner \(ownerEmail)")
        console.out("  tributary jobs show \(report.jobID ?? 1) --db \(database) --owner \(ownerEmail)")
        console.out("  tributary audit --db \(database) --owner \(ownerEmail)")
        console.out("  sqlite3 \(database)       # any SQLite tool opens it: the tasks table holds the import")
        console.out(
            "  tributary demo\(source.provider == "jira" ? "" : " --provider \(source.provider)")            # again: idempotent, nothing is rewritten"
        )
        console.out("  tributary --help          # connect your own Jira, preview, run, migrate")
        return report.status == .partial ? .partial : .ok
    }

    /// The Jira demo's run config, built in so that the demo runs from any folder; `Config/demo.json`
    /// is the same config as a file to read and copy (a test keeps the two equal).
    static var builtInConfig: String { DemoSource.jiraConfig }
}
