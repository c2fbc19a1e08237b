import Foundation
import ImportCore

/// `tributary mapping check FILE`: validates a mapping table before any import.
enum MappingCommand {
    static let definition = CommandDefinition(
        name: "mapping", summary: "Validate a mapping table and summarise its rules.",
        usage: ["mapping check FILE [--connection NAME]"],
        details: """
            Lists every problem with its JSON path (e.g. task.fields[3].transforms[1]) and exits 2.
            With --connection, custom fields are also checked against the source's field list.
            docs/MAPPING.md describes the format.
            """,
        options: [
            OptionSpec("connection", value: "NAME", help: "Check custom fields against this connection's fields.")
        ]
            + CommandDefinition.storeOptions,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let positionals = context.arguments.positionals
        guard positionals.first == "check", positionals.count == 2 else {
            throw CLIError.usage("usage: tributary mapping check FILE [--connection NAME]")
        }
        let path = positionals[1]
        var fields: [SourceField]?
        if let name = context.arguments.value("connection") {
            let workspace = try context.openWorkspace(path: context.databasePath(), creating: false)
            let owner = try context.owner(in: workspace, connection: name)
            let record = try workspace.connections.require(owner: owner, name: name)
            let resolved = try ConnectionResolver.resolve(
                .named(name), provider: record.provider, owner: owner, connections: workspace,
                registry: context.registry,
                environment: context.environment, options: ConnectionOptions(),
                vault: { try context.vault(for: workspace) })
            fields = try await resolved.connection.fieldCatalog()
        }
        let table: MappingTable
        do {
            table = try MappingParser.load(path: path, fields: fields)
        } catch let error as MappingValidationError {
            if context.json {
                context.console.json([
                    "valid": false, "file": .string(path),
                    "problems": .array(
                        error.problems.map { ["path": .string($0.path), "message": .string($0.message)] }),
                ])
            } else {
                context.console.err(error.description)
            }
            return .usage
        }
        if context.registry.provider(table.provider) == nil {
            context.console.err(
                "warning: provider \"\(table.provider)\" is not registered in this build (see `tributary providers`)")
        }
        if context.json {
            context.console.json([
                "valid": true, "file": .string(path), "provider": .string(table.provider),
                "records": .object(
                    table.records.reduce(into: [String: JSONValue]()) {
                        $0[$1.key.rawValue] = .number(Double($1.value.rules.count))
                    }),
            ])
            return .ok
        }
        context.console.out("\(path): valid \(table.provider) mapping table (format \(table.format))")
        if !table.params.isEmpty {
            context.console.out(
                "params: "
                    + table.params.sorted { $0.key < $1.key }.map {
                        "\($0.key)=\($0.value.scalarText ?? $0.value.jsonText)"
                    }.joined(separator: ", "))
        }
        for (alias, spec) in table.customFields.sorted(by: { $0.key < $1.key }) {
            context.console.out(
                "custom field $\(alias): \(spec.type.rawValue), ids \(spec.ids.joined(separator: ", ")), names \(spec.names.joined(separator: ", "))"
            )
        }
        for kind in RecordKind.allCases {
            guard let mapping = table.records[kind] else { continue }
            context.console.out("")
            context.console.out(
                "\(kind.rawValue)\(mapping.eachPaths.isEmpty ? "" : " (each \(mapping.eachPaths.map(\.text).joined(separator: " + "))\(mapping.limit.map { ", at most \($0)" } ?? ""))"): \(mapping.rules.count) rules"
            )
            var rows = TextTable(["TARGET", "FROM", "STEPS"])
            rows.maxCellWidth = 70
            for rule in mapping.rules {
                var steps = rule.transforms.map(\.description)
                if !rule.conditionalValues.isEmpty {
                    steps.insert("\(rule.conditionalValues.count) conditional value(s)", at: 0)
                }
                if let map = rule.map {
                    steps.append(
                        "map \(map.cases.count) case(s)\(map.defaultValue.map { ", default \($0.scalarText ?? $0.jsonText)" } ?? "")"
                    )
                }
                if let value = rule.defaultValue { steps.append("default \(value.scalarText ?? value.jsonText)") }
                rows.add([rule.target, rule.from.map(\.text).joined(separator: " | "), steps.joined(separator: " → ")])
            }
            context.console.out(rows.render())
        }
        return .ok
    }
}
