import Foundation
import ImportCore

/// `tributary new-config NAME --container KEY`: writes a first run config for one container of a
/// connection, to preview and run as it is or to edit (docs/CONFIG.md lists every key).
enum NewConfigCommand {
    static let definition = CommandDefinition(
        name: "new-config", summary: "Write a first run config for one project of a connection.",
        usage: ["new-config NAME --container KEY [--destination PROJECT] [--out PATH] [--all] [--force]"],
        details: """
            The config imports the 100 most recently updated records of the container (--all: every
            record) into the destination project (default: the container's name, created when missing).
            It names no owner and no database, so it works from any folder: the owner follows from the
            connection, the database from --db, TRIBUTARY_DB or ./tributary.sqlite.
            """,
        options: [
            OptionSpec("container", value: "KEY", help: "The project (list, team) to import: a key from `containers`."),
            OptionSpec("destination", value: "PROJECT", help: "The workspace project to import into."),
            OptionSpec("out", value: "PATH", help: "Where to write it (default NAME-KEY.json here)."),
            OptionSpec("all", help: "Import every record, not the 100 most recent."),
            OptionSpec("force", help: "Replace the file if it exists."),
        ] + CommandDefinition.storeOptions,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let name = try context.singleArgument(
            hint: "give the connection name: `tributary new-config NAME --container KEY`")
        guard let key = context.arguments.value("container"), !key.isEmpty else {
            throw CLIError.usage(
                "--container KEY is required: \(context.nextCommand(["containers", name])) lists the keys")
        }
        let workspace = try context.openWorkspace(path: context.databasePath(), creating: false)
        let owner = try context.owner(in: workspace, connection: name)
        let record = try workspace.connections.require(owner: owner, name: name)
        let resolved = try ConnectionResolver.resolve(
            .named(name), provider: record.provider, owner: owner, connections: workspace, registry: context.registry,
            environment: context.environment, options: ConnectionOptions(),
            vault: { try context.vault(for: workspace) })
        let containers = try await resolved.connection.containers()
        guard let container = containers.first(where: { $0.key.caseInsensitiveCompare(key) == .orderedSame }) else {
            let known = containers.prefix(10).map(\.key).joined(separator: ", ")
            throw CLIError.usage(
                "\"\(key)\" is not a \(resolved.provider.descriptor.containerNoun) this account can see"
                    + (known.isEmpty ? "" : " (it sees \(known)\(containers.count > 10 ? ", …" : ""))")
                    + "\n  hint: \(context.nextCommand(["containers", name])) lists them.")
        }
        var starter = StarterConfig(
            connection: name, provider: record.provider, container: container.key,
            destination: context.arguments.value("destination") ?? container.name)
        if context.arguments.flag("all") { starter.cap = nil }
        let path =
            context.arguments.value("out") ?? StarterConfig.defaultPath(connection: name, container: container.key)
        try starter.write(to: path, replace: context.arguments.flag("force"))
        if context.json {
            context.console.json(["config": .string(path), "run": starter.json])
        } else {
            context.console.out(
                "wrote \(path): \(starter.cap.map { "the \($0) most recently updated" } ?? "every") \(container.key) record\(starter.cap == 1 ? "" : "s") into \"\(starter.destination)\""
            )
            context.console.out("next: \(context.nextCommand(["preview", path]))")
        }
        return .ok
    }
}
