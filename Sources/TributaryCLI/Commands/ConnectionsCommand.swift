import ImportCore

/// `tributary connections`: the owner's stored connections.
enum ConnectionsCommand {
    static let definition = CommandDefinition(
        name: "connections", summary: "List this owner's connections (tokens are never shown).",
        usage: ["connections [--db PATH] [--owner EMAIL]"], options: CommandDefinition.storeOptions, run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let workspace = try context.openWorkspace(path: context.databasePath(), creating: false)
        let owner = try context.owner(in: workspace)
        let records = try workspace.connections.list(owner: owner)
        if context.json {
            context.console.json(JSONValue.array(records.map(json)))
            return .ok
        }
        if records.isEmpty {
            context.console.out("no connections for \(owner.email)")
            context.console.out(
                "hint: tributary connect jira --name work --url https://yourcompany.atlassian.net --email you@example.com --token-stdin"
            )
            return .ok
        }
        var table = TextTable(["NAME", "PROVIDER", "URL", "ACCOUNT", "AUTH", "STATE", "VERIFIED"])
        for record in records {
            let state = !record.hasSecret ? "disconnected" : record.lastError != nil ? "error" : "ok"
            table.add([
                record.name, record.provider, record.baseURL, record.accountEmail ?? record.accountName ?? "",
                record.authKind.rawValue,
                state, record.verifiedAt ?? "",
            ])
        }
        context.console.out(table.render())
        for record in records where record.lastError != nil {
            context.console.out("\(record.name): last error: \(record.lastError!)")
        }
        return .ok
    }

    static func json(_ record: ConnectionRecord) -> JSONValue {
        [
            "name": .string(record.name), "provider": .string(record.provider), "url": .string(record.baseURL),
            "account": JSONValue(record.accountEmail), "accountName": JSONValue(record.accountName),
            "authKind": .string(record.authKind.rawValue), "hasToken": .bool(record.hasSecret),
            "createdAt": .string(record.createdAt), "verifiedAt": JSONValue(record.verifiedAt),
            "revokedAt": JSONValue(record.revokedAt), "lastError": JSONValue(record.lastError),
            "settings": .object(record.settings.filter { $0.key != "gatewayURL" }.mapValues(JSONValue.string)),
        ]
    }
}
