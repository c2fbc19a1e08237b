import ImportCore
import WorkspaceStore

/// `tributary users [--unmatched]`: the source people imports name, and the workspace user each
/// matches, so a user can complete the user map for those whose email the source hides.
enum UsersCommand {
    static let definition = CommandDefinition(
        name: "users", summary: "List the source's people the imports name, and who matches no workspace user.",
        usage: ["users [--unmatched] [--all] [--config RUN.json]"],
        details: """
            A person matches a workspace user by email. Sources hide many emails (about a third of Jira
            users hide theirs): map those by account id in the run config's "people" section,
            {"map": {"<account id>": "<workspace email>"}} or a "mapFile" with the same object, and run
            the import again. Tributary never creates workspace users.
            Examples:
              tributary users --unmatched
              tributary users --unmatched --config Config/jira.json --json
            """,
        options: [
            OptionSpec("unmatched", help: "Only the people who match no workspace user."),
            OptionSpec("all", help: "Also the directory's people no imported item names."),
            OptionSpec("config", value: "PATH", help: "Apply this run config's user map (people.map, people.mapFile)."),
        ] + CommandDefinition.storeOptions,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        guard context.arguments.positionals.isEmpty else {
            throw CLIError.usage(
                "unexpected \(context.arguments.positionals.joined(separator: " ")); usage: tributary users [--unmatched]"
            )
        }
        let map = try context.arguments.value("config").map { try RunConfig.load(path: $0).userMap() } ?? UserMap()
        let workspace = try context.openWorkspace(path: context.databasePath(), creating: false)
        let owner = try context.owner(in: workspace)
        var people = try workspace.people.people(owner: owner, map: map, directory: context.arguments.flag("all"))
        if context.arguments.flag("unmatched") { people.removeAll(where: \.matched) }
        if context.json {
            context.console.json(JSONValue.array(people.map(json)))
            return .ok
        }
        guard !people.isEmpty else {
            context.console.out(
                context.arguments.flag("unmatched")
                    ? "everyone the imports name matches a workspace user" : "no imported item names anyone yet")
            return .ok
        }
        var table = TextTable(["SOURCE", "ACCOUNT ID", "NAME", "SOURCE EMAIL", "ITEMS", "MATCH"])
        for person in people {
            table.add([
                person.source, person.accountID, person.displayName ?? "", person.sourceEmail ?? "(hidden)",
                String(person.items), person.matched ? person.workspaceEmail ?? "" : "none: \(person.reason ?? "")",
            ])
        }
        context.console.out(table.render())
        let unmatched = people.filter { !$0.matched }
        if let first = unmatched.first {
            context.console.out(
                """
                \(unmatched.count) unmatched; their items keep the source's name but no workspace user.
                hint: add them to the run config, e.g. "people": {"map": {"\(first.accountID)": "name@yourcompany.com"}}, then run the import again.
                """)
        }
        return .ok
    }

    static func json(_ person: SourcePerson) -> JSONValue {
        [
            "source": .string(person.source), "accountId": .string(person.accountID),
            "displayName": JSONValue(person.displayName), "sourceEmail": JSONValue(person.sourceEmail),
            "workspaceEmail": JSONValue(person.workspaceEmail), "matched": .bool(person.matched),
            "items": .number(Double(person.items)), "reason": JSONValue(person.reason),
        ]
    }
}
