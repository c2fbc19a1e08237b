import ImportCore

/// `tributary disconnect NAME`: deletes the stored token; imported rows stay with their provenance.
enum DisconnectCommand {
    static let definition = CommandDefinition(
        name: "disconnect", summary: "Delete a connection's token; imported tasks are kept with their provenance.",
        usage: ["disconnect NAME"],
        details: "Also revoke the token at the source (Atlassian: id.atlassian.com → Security → API tokens).",
        options: CommandDefinition.storeOptions, run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let name = try context.singleArgument(hint: "give the connection name: `tributary disconnect NAME`")
        let workspace = try context.openWorkspace(path: context.databasePath(), creating: false)
        let owner = try context.owner(in: workspace, connection: name)
        let record = try workspace.connections.require(owner: owner, name: name)
        try workspace.connections.revoke(owner: owner, name: name)
        let kept = try workspace.taskCount(owner: owner, importedThrough: record)
        if context.json {
            context.console.json(["disconnected": .string(name), "tasksKept": .number(Double(kept))])
        } else {
            context.console.out(
                "disconnected \"\(name)\": its token is deleted; \(kept) imported \(record.provider) tasks are kept")
            if record.provider == "jira" {
                context.console.out(
                    "hint: also revoke the token at https://id.atlassian.com/manage-profile/security/api-tokens")
            }
        }
        return .ok
    }
}
