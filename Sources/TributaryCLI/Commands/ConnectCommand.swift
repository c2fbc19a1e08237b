import Foundation
import ImportCore
import JiraProvider

/// `tributary connect PROVIDER`: verifies credentials with the source, then stores them encrypted.
enum ConnectCommand {
    static let secretOptions: [OptionSpec] = [
        OptionSpec("token-stdin", help: "Read the API token from stdin (Jira Cloud with --email)."),
        OptionSpec(
            "pat-stdin",
            help: "Read a personal access token from stdin (Jira Data Center, Asana, a ClickUp OAuth token)."),
        OptionSpec("key-stdin", help: "Read an API key from stdin (Linear, ClickUp)."),
        OptionSpec("token-env", value: "VAR", help: "Read the token from environment variable VAR instead."),
    ]

    static let definition = CommandDefinition(
        name: "connect", summary: "Verify credentials with the source and store them encrypted.",
        usage: [
            "connect jira --name NAME --url URL --email EMAIL --token-stdin",
            "connect jira --name NAME --url URL --pat-stdin",
            "connect PROVIDER --name NAME [--url URL] (--token-stdin | --pat-stdin | --key-stdin | --token-env VAR)",
        ],
        details: """
            The credentials are verified first (Jira: GET /rest/api/3/myself, /rest/api/2 on Data Center);
            nothing is stored if the source refuses them, and its own message is shown with a hint.
            Scoped Jira Cloud tokens are detected and routed through api.atlassian.com automatically.
            The token is encrypted with AES-256-GCM (see `tributary init`) and never printed.

            Example:
              printf %s "$JIRA_TOKEN" | tributary connect jira --name work \\
                  --url https://yourcompany.atlassian.net --email you@example.com --token-stdin
            """,
        options: [
            OptionSpec("name", value: "NAME", help: "A name for this connection (used in run configs)."),
            OptionSpec("url", value: "URL", help: "The site URL (Jira: https://yourcompany.atlassian.net)."),
            OptionSpec("email", value: "EMAIL", help: "The Atlassian account email (Jira Cloud API tokens)."),
        ] + secretOptions + [
            OptionSpec(
                "gateway-url", value: "URL", help: "Gateway for scoped Jira tokens (default https://api.atlassian.com)."
            )
        ] + CommandDefinition.storeOptions,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        guard let providerID = context.arguments.positionals.first else {
            throw CLIError.usage(
                "which provider? e.g. `tributary connect jira --name work …` (see `tributary providers`)")
        }
        guard context.arguments.positionals.count == 1 else {
            throw CLIError.usage(
                "unexpected arguments: \(context.arguments.positionals.dropFirst().joined(separator: " ")); tokens are read from stdin, never from the command line"
            )
        }
        let provider = try context.registry.require(providerID)
        guard let name = context.arguments.value("name"), !name.isEmpty else {
            throw CLIError.usage("--name NAME is required")
        }
        let email = context.arguments.value("email")
        let kind = try context.authKind(for: provider, email: email)
        let url = try siteURL(context.arguments.value("url"), provider: provider)
        let database = context.databasePath()
        let workspace = try context.openWorkspace(path: database)
        if let owner = try? context.owner(in: workspace, fallback: email),
            let existing = try workspace.connections.find(owner: owner, name: name), existing.hasSecret
        {
            throw WorkspaceError.connectionExists(name: name)
        }
        let vault = try context.vaultCreatingKey(for: workspace)
        try workspace.connections.checkKey(vault)
        let secret = try context.readSecret()
        let credentials = Credentials(kind: kind, username: email, secret: secret)
        var extras: [String: String] = [:]
        if let gateway = context.arguments.value("gateway-url") {
            extras["gatewayURL"] = try URLPolicy.normalizedBaseURL(gateway).absoluteString
        }
        if context.console.isTTY { context.console.err("verifying the credentials with \(url)…") }
        let account = try await provider.verify(credentials, at: url, options: ConnectionOptions(extras: extras))
        let owner = try context.owner(in: workspace, fallback: email ?? account.email)
        let stored = Account(
            id: account.id, displayName: account.displayName, email: account.email ?? email, timeZone: account.timeZone,
            settings: account.settings.merging(extras) { $1 })
        let record = try workspace.connections.create(
            owner: owner, name: name, provider: provider.id, baseURL: url, authKind: kind, login: email,
            account: stored, secret: secret, vault: vault)
        if context.json {
            context.console.json(ConnectionsCommand.json(record))
        } else {
            context.console.out(
                "connected \"\(name)\": \(provider.displayName) at \(url) as \(account.displayName)\(account.email.map { " <\($0)>" } ?? "")"
            )
            if let deployment = account.settings["deployment"] {
                context.console.out(
                    "  deployment: \(deployment), API v\(account.settings["apiVersion"] ?? "?"), route: \(account.settings["route"] ?? "site")\(account.timeZone.map { ", time zone \($0)" } ?? "")"
                )
            }
            context.console.out("  token stored encrypted (AES-256-GCM) in \(database) for \(owner.email)")
            context.console.out("next: \(context.nextCommand(["containers", name]))")
        }
        return .ok
    }

    /// The URL to store: normalised, and for Jira cut back to the site.
    static func siteURL(_ raw: String?, provider: any Provider) throws -> String {
        if provider.id == JiraProvider.id {
            guard let raw else {
                throw CLIError.usage("--url is required for Jira, e.g. --url https://yourcompany.atlassian.net")
            }
            return try JiraProvider.siteURL(raw)
        }
        guard let value = raw ?? provider.descriptor.defaultBaseURL else {
            throw CLIError.usage("--url is required for \(provider.displayName)")
        }
        return try URLPolicy.normalizedBaseURL(value).absoluteString
    }
}
