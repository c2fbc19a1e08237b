import ImportCore

/// `tributary preview CONFIG`: the mapping applied to a sample, as a table; nothing is written.
enum PreviewCommand {
    static let definition = CommandDefinition(
        name: "preview",
        summary: "Show how a sample of records would map, and what an import would do. Writes nothing.",
        usage: ["preview CONFIG [--sample N]"],
        options: [OptionSpec("sample", value: "N", help: "How many of the most recently updated records (default 10).")]
            + CommandDefinition.storeOptions,
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let path = try context.singleArgument(
            hint: "give one config file: `tributary preview Config/jira.example.json`")
        let sample = try context.arguments.int("sample") ?? 10
        guard sample >= 1 && sample <= 500 else { throw CLIError.usage("--sample takes 1 to 500") }
        let config = try RunConfig.load(path: path)
        // Nothing is written: a named connection needs its database to exist already.
        let workspace = try context.openWorkspace(
            path: context.databasePath(configured: config.databasePath), creating: config.connectionName == nil)
        let engine = ImportEngine(
            workspace: workspace, registry: context.registry, environment: context.environment,
            vault: { try context.vault(for: workspace) })
        let preview = try await engine.preview(
            config, sample: sample,
            options: .init(
                ownerEmail: try context.owner(
                    in: workspace, connection: config.connectionName, configured: config.owner
                ).email))
        if context.json {
            context.console.json([
                "mappingTable": .string(preview.mappingTable),
                "counts": [
                    "create": .number(Double(preview.counts.created)),
                    "update": .number(Double(preview.counts.updated)),
                    "unchanged": .number(Double(preview.counts.unchanged)),
                    "fail": .number(Double(preview.counts.failed)),
                ],
                "samples": .array(
                    preview.samples.map { sample in
                        [
                            "record": .string(sample.record), "change": .string(sample.change),
                            "error": JSONValue(sample.error),
                            "rules": .array(
                                sample.traces.map {
                                    [
                                        "record": .string($0.kind.rawValue), "target": .string($0.target),
                                        "source": .string($0.source), "input": $0.input ?? .null,
                                        "output": $0.output ?? .null,
                                    ]
                                }),
                        ]
                    }),
                "warnings": .array(preview.warnings.map(JSONValue.string)),
            ])
            return .ok
        }
        context.console.out("mapping table: \(preview.mappingTable)")
        for sample in preview.samples {
            context.console.out("")
            context.console.out("\(sample.record) → \(sample.change)\(sample.error.map { ": \($0)" } ?? "")")
            var table = TextTable(["TARGET", "SOURCE", "SOURCE VALUE", "MAPPED VALUE"])
            table.maxCellWidth = 50
            for trace in sample.traces {
                let target = trace.kind == .task ? trace.target : "\(trace.kind.rawValue).\(trace.target)"
                table.add([target, trace.source, show(trace.input), show(trace.output)])
            }
            context.console.out(table.render())
        }
        context.console.out("")
        context.console.out(
            "an import would create \(preview.counts.created), update \(preview.counts.updated), leave \(preview.counts.unchanged) unchanged, fail \(preview.counts.failed) of these \(preview.samples.count) records"
        )
        for warning in preview.warnings { context.console.out("warning: \(warning)") }
        context.console.out("next: \(context.nextCommand(["run", path]))")
        return .ok
    }

    static func show(_ value: JSONValue?) -> String {
        guard let value else { return "∅" }
        if let text = value.scalarText { return value.stringValue != nil ? text : text }
        if case .object = value, value["type"]?.stringValue == "doc" { return "(ADF document)" }
        return value.jsonText
    }
}
