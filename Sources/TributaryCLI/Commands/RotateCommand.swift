import ImportCore

/// `tributary rotate NAME`: replaces a connection's token after verifying the new one.
enum RotateCommand {
    static let definition = CommandDefinition(
        name: "rotate", summary: "Replace a connection's token (verified first); mappings and imported rows stay.",
        usage: ["rotate NAME (--token-stdin | --pat-stdin | --key-stdin | --token-env VAR)"],
        details: "Use it when a token expires (Atlassian API tokens last at most one year) or is revoked.",
        options: [
            OptionSpec("token-stdin", help: "Read the new API token from stdin (the connection keeps its email)."),
            OptionSpec("pat-stdin", help: "Read a new personal access token from stdin."),
            OptionSpec("key-stdin", help: "Read a new API key from stdin."),
            OptionSpec("token-env", value: "VAR", help: "Read the new token from environment variable VAR instead."),
        ] + CommandDefinition.storeOptions, run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let name = try context.singleArgument(hint: "give the connection name: `tributary rotate NAME --token-stdin`")
        let workspace = try context.openWorkspace(path: context.databasePath(), creating: false)
        let owner = try context.owner(in: workspace, connection: name)
        let record = try workspace.connections.require(owner: owner, name: name)
        let provider = try context.registry.require(record.provider)
        let vault = try context.vault(for: workspace)
        try workspace.connections.checkKey(vault)
        let secret = try context.readSecret()
        let credentials = Credentials(
            kind: record.authKind, username: record.login ?? record.accountEmail, secret: secret)
        let extras = record.settings.filter { $0.key == "gatewayURL" }
        if context.console.isTTY { context.console.err("verifying the new token with \(record.baseURL)…") }
        let account = try await provider.verify(
            credentials, at: record.baseURL, options: ConnectionOptions(extras: extras))
        try workspace.connections.rotate(owner: owner, name: name, secret: secret, account: account, vault: vault)
        if context.json {
            context.console.json(["rotated": .string(name), "account": JSONValue(account.email)])
        } else if !record.hasSecret {
            context.console.out(
                "connected \"\(name)\" again with the new token (verified as \(account.displayName)); it was disconnected"
            )
        } else {
            context.console.out(
                "rotated the token of \"\(name)\" (verified as \(account.displayName)); the old token is replaced")
        }
        return .ok
    }
}
