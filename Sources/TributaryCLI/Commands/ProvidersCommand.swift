import ImportCore

/// `tributary providers`: the sources this build can import from, and how ready each is.
enum ProvidersCommand {
    static let definition = CommandDefinition(
        name: "providers", summary: "List the providers, their auth kinds and status (ready or stub).",
        usage: ["providers"], options: [], run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        let providers = context.registry.all
        if context.json {
            context.console.json(
                JSONValue.array(
                    providers.map { provider in
                        let descriptor = provider.descriptor
                        var object: [String: JSONValue] = [
                            "id": .string(descriptor.id), "name": .string(descriptor.displayName),
                            "status": .string(descriptor.readiness.label),
                            "authKinds": .array(descriptor.authKinds.map { .string($0.rawValue) }),
                            "verify": .string(descriptor.verifyEndpoint), "pagination": .string(descriptor.pagination),
                            "containers": .string(descriptor.containerNoun),
                        ]
                        if case .stub(let works, let missing) = descriptor.readiness {
                            object["works"] = .array(works.map(JSONValue.string))
                            object["missing"] = .array(missing.map(JSONValue.string))
                        }
                        return .object(object)
                    }))
            return .ok
        }
        var table = TextTable(["PROVIDER", "STATUS", "AUTH", "VERIFY", "CONTAINERS"])
        table.maxCellWidth = 48
        for provider in providers {
            let descriptor = provider.descriptor
            table.add([
                "\(descriptor.id) (\(descriptor.displayName))", descriptor.readiness.label,
                descriptor.authKinds.map(\.rawValue).joined(separator: ", "), descriptor.verifyEndpoint,
                descriptor.containerNoun,
            ])
        }
        context.console.out(table.render())
        for provider in providers {
            guard case .stub(let works, let missing) = provider.descriptor.readiness else { continue }
            context.console.out("")
            context.console.out("\(provider.descriptor.id): stub — works: \(works.joined(separator: ", "))")
            context.console.out("  not yet: \(missing.joined(separator: ", "))")
        }
        return .ok
    }
}
