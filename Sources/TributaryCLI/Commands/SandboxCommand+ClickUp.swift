import Foundation
import ImportCore
import ProviderSandbox

extension SandboxCommand {
    /// Starts the ClickUp sandbox and says where it is and what it accepts; returns how to stop it.
    static func serveClickUp(_ base: ClickUpSandboxConfig, port: Int, context: CommandContext) throws
        -> @Sendable () -> Void
    {
        var config = base
        config.requestsPerMinute = try context.arguments.int("requests-per-minute", in: 1...1_000_000) ?? 10_000
        let sandbox = try ClickUpSandbox(config: config, port: UInt16(port))
        if context.json {
            context.console.json([
                "url": .string(sandbox.apiBase), "token": .string(config.token), "email": .string(config.email),
                "issues": .number(Double(config.issues)), "team": .string(ClickUpSandbox.teamID),
                "lists": .array(sandbox.listIDs.map(JSONValue.string)),
            ])
        } else {
            context.console.out(
                "ClickUp sandbox serving \(config.issues) tasks in \(config.lists) list(s) at \(sandbox.apiBase)")
            context.console.out(
                "  token \(config.token) (the whole Authorization header; sandbox credentials, not secrets)")
            context.console.out(
                "  Workspace \(ClickUpSandbox.teamID), space \(ClickUpSandbox.spaceID), lists: \(sandbox.listIDs.joined(separator: ", "))"
            )
            context.console.out(
                "  connect: printf %s \(config.token) | tributary connect clickup --name clickup --url \(sandbox.apiBase) --key-stdin"
            )
            context.console.out("Press Ctrl-C to stop.")
        }
        return { sandbox.stop() }
    }
}
