import Foundation
import ImportCore

/// `tributary wizard`: the guided flow (connection → project → preview → destination → run) that
/// writes the run config it used, so the same import can be repeated with `run`.
enum WizardCommand {
    static let definition = CommandDefinition(
        name: "wizard", summary: "Guided import on a terminal: pick connection, project, preview, destination, run.",
        usage: ["wizard [--config-out PATH]"],
        details:
            "Writes the config it used (default Config/<connection>-<project>.json) so `tributary run` can repeat it.",
        options: [OptionSpec("config-out", value: "PATH", help: "Where to write the run config.")]
            + CommandDefinition.storeOptions,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let console = context.console
        if context.json {
            throw CLIError.usage(
                "the wizard asks questions on a terminal and has no --json output\n  hint: for scripts, `tributary new-config NAME --container KEY` writes a config and `tributary run CONFIG --json` runs it."
            )
        }
        guard console.isTTY && console.stdinIsTTY else {
            throw CLIError.usage(
                "the wizard needs a terminal\n  hint: write a config (see Config/jira.example.json) and use `tributary run CONFIG`"
            )
        }
        let database = context.databasePath()
        let workspace = try context.openWorkspace(path: database, creating: false)
        let owner = try context.owner(in: workspace)
        let connections = try workspace.connections.list(owner: owner).filter(\.hasSecret)
        guard !connections.isEmpty else {
            console.out(
                "no connections yet for \(owner.email); create one first (your site and email in place of these):")
            console.out(
                "  printf %s \"$JIRA_TOKEN\" | "
                    + context.nextCommand([
                        "connect", "jira", "--name", "work", "--url", "https://yourcompany.atlassian.net", "--email",
                        "you@example.com", "--token-stdin",
                    ]))
            return .failure
        }
        console.out("Step 1 of 5: connection")
        let connection = connections[
            try choose(
                connections.map { "\($0.name) — \($0.provider) \($0.baseURL) (\($0.accountEmail ?? ""))" },
                console: console)]

        console.out("Step 2 of 5: project")
        let resolved = try ConnectionResolver.resolve(
            .named(connection.name), provider: connection.provider, owner: owner, connections: workspace,
            registry: context.registry,
            environment: context.environment, options: ConnectionOptions(), vault: { try context.vault(for: workspace) }
        )
        let containers = try await resolved.connection.containers()
        guard !containers.isEmpty else {
            console.out("this account sees no projects: ask an admin for Browse Projects permission")
            return .failure
        }
        let container = containers[try choose(containers.map { "\($0.key) — \($0.name)" }, console: console)]

        console.out("Step 3 of 5: destination")
        let projects = try workspace.projects.list(owner: owner)
        let options = projects.map { "\($0.name) (\($0.tasks) tasks)" } + ["a new project…"]
        let pick = try choose(options, console: console)
        var destination: String
        var create = false
        if pick == projects.count {
            destination = ask("Name of the new project", default: container.name, console: console)
            create = true
        } else {
            destination = projects[pick].name
        }
        let capText = ask(
            "How many of the most recently updated issues (a number, or \"all\")", default: "100", console: console)
        let cap: JSONValue = capText.lowercased() == "all" ? .null : .number(Double(Int(capText) ?? 100))
        let includeClosed = ask("Include closed issues? (y/n)", default: "y", console: console).lowercased().hasPrefix(
            "y")
        var starter = StarterConfig(
            connection: connection.name, provider: connection.provider, container: container.key,
            destination: destination, createProject: create, includeClosed: includeClosed)
        starter.cap = cap.intValue
        var path =
            context.arguments.value("config-out")
            ?? StarterConfig.defaultPath(connection: connection.name, container: container.key)
        if FileManager.default.fileExists(atPath: path),
            !ask("\(path) exists. Replace it? (y/n)", default: "n", console: console).lowercased().hasPrefix("y")
        {
            path = ask("Write the config to", default: freePath(near: path), console: console)
        }
        try starter.write(to: path, replace: true)
        let config = try RunConfig.load(path: path)

        console.out("Step 4 of 5: preview (nothing is written)")
        let engine = ImportEngine(
            workspace: workspace, registry: context.registry, environment: context.environment,
            vault: { try context.vault(for: workspace) })
        let preview = try await engine.preview(config, sample: 3, options: .init(ownerEmail: owner.email))
        for sample in preview.samples {
            var table = TextTable(["TARGET", "SOURCE VALUE", "MAPPED VALUE"])
            table.maxCellWidth = 40
            for trace in sample.traces where trace.kind == .task {
                table.add([trace.target, PreviewCommand.show(trace.input), PreviewCommand.show(trace.output)])
            }
            console.out("\(sample.record) → \(sample.change)")
            console.out(table.render())
        }

        console.out("Step 5 of 5: run")
        console.out("config written to \(path)")
        guard ask("Run the import now? (y/n)", default: "y", console: console).lowercased().hasPrefix("y") else {
            console.out("later: \(context.nextCommand(["run", path]))")
            return .ok
        }
        let runner = ImportEngine(
            workspace: workspace, registry: context.registry, environment: context.environment,
            observer: ProgressPrinter(console: console, style: .bar), vault: { try context.vault(for: workspace) })
        let report = try await runner.run(config, options: .init(ownerEmail: owner.email))
        RunCommand.printReport(report, console: console, database: database)
        console.out("repeat it with: \(context.nextCommand(["run", path]))")
        return report.status == .partial ? .partial : .ok
    }

    /// A file name like `path` that is not taken yet (`work-demo-2.json`).
    static func freePath(near path: String) -> String {
        let base = (path as NSString).deletingPathExtension
        let suffix = (path as NSString).pathExtension
        var number = 2
        while FileManager.default.fileExists(atPath: "\(base)-\(number).\(suffix)") { number += 1 }
        return "\(base)-\(number).\(suffix)"
    }

    /// Asks for one of `options` by number; the only option is taken without asking.
    static func choose(_ options: [String], console: Console) throws -> Int {
        if options.count == 1 {
            console.out("  \(options[0])  (the only one)")
            return 0
        }
        for (index, option) in options.enumerated() { console.out("  \(index + 1). \(option)") }
        for _ in 0..<5 {
            console.outRaw("Choose 1-\(options.count): ")
            guard let line = console.readLine() else { throw CLIError.usage("no answer on stdin; the wizard stopped") }
            if let number = Int(line.trimmingCharacters(in: .whitespaces)), (1...options.count).contains(number) {
                return number - 1
            }
            console.out("please type a number from 1 to \(options.count)")
        }
        throw CLIError.usage("no valid choice; the wizard stopped")
    }

    static func ask(_ question: String, default fallback: String, console: Console) -> String {
        console.outRaw("\(question) [\(fallback)]: ")
        let answer = console.readLine()?.trimmingCharacters(in: .whitespaces) ?? ""
        return answer.isEmpty ? fallback : answer
    }
}
