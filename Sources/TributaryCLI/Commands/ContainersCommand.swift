import ImportCore

/// `tributary containers NAME`: the projects (lists, teams) the connection's account can see.
enum ContainersCommand {
    static let definition = CommandDefinition(
        name: "containers", summary: "List the projects the connection's account can see.",
        usage: ["containers NAME"], options: CommandDefinition.storeOptions, run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let name = try context.singleArgument(hint: "give the connection name: `tributary containers NAME`")
        let workspace = try context.openWorkspace(path: context.databasePath(), creating: false)
        let owner = try context.owner(in: workspace, connection: name)
        let resolved = try ConnectionResolver.resolve(
            .named(name), provider: try workspace.connections.require(owner: owner, name: name).provider, owner: owner,
            connections: workspace, registry: context.registry, environment: context.environment,
            options: ConnectionOptions(),
            vault: { try context.vault(for: workspace) })
        let containers = try await resolved.connection.containers()
        if context.json {
            context.console.json(
                JSONValue.array(
                    containers.map {
                        [
                            "id": .string($0.id), "key": .string($0.key), "name": .string($0.name),
                            "details": .object($0.details.mapValues(JSONValue.string)),
                        ]
                    }))
            return .ok
        }
        if containers.isEmpty {
            context.console.out("no \(resolved.provider.descriptor.containerNoun)s visible to this account")
            context.console.out(
                "hint: the account has no Browse Projects permission anywhere; sign in to \(resolved.connection.siteURL) to confirm, then ask an admin to add the account to the projects to import"
            )
            return .ok
        }
        var table = TextTable(["KEY", "NAME", "ID", "DETAILS"])
        for container in containers {
            table.add([
                container.key, container.name, container.id,
                container.details.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "),
            ])
        }
        context.console.out(table.render())
        context.console.out(
            "\(containers.count) \(resolved.provider.descriptor.containerNoun)\(containers.count == 1 ? "" : "s")")
        if let first = containers.first {
            context.console.out("next: \(context.nextCommand(["new-config", name, "--container", first.key]))")
            if containers.count > 1 { context.console.out("  (any key above can take the place of \(first.key))") }
        }
        return .ok
    }
}
