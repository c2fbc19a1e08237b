import Foundation
import ImportCore
import ProviderSandbox

/// `tributary sandbox jira`: serves the Jira emulator on loopback until stopped.
enum SandboxCommand {
    static let definition = CommandDefinition(
        name: "sandbox", summary: "Serve an emulated provider API on 127.0.0.1 (for tests, demos and benchmarks).",
        usage: [
            "sandbox jira [--port N] [--issues N] [--projects P] [--seed S] [--deployment cloud|data-center] [faults…]"
        ],
        details: """
            Emulates Jira Cloud (or Data Center) over deterministic generated data. It prints its URL
            and the credentials it accepts, then serves until interrupted (Ctrl-C).
            Faults: --latency-ms N, --rate-429 F (with Retry-After), --rate-500 F, --rate-503 F,
            --drop F (connection closed mid-body), --truncate F (cut JSON), each F a fraction 0…1.
            Control endpoints for other processes: POST /__sandbox/mutate?update=K&delete=K&add=K,
            GET /__sandbox/stats, POST /__sandbox/faults (JSON plan).
            """,
        options: [
            OptionSpec("port", value: "N", help: "Port to listen on (default 0: any free port)."),
            OptionSpec("issues", value: "N", help: "Issues to generate (default 250)."),
            OptionSpec("projects", value: "P", help: "Projects to spread them over (default 2)."),
            OptionSpec("seed", value: "S", help: "Seed of the generated data (default 42)."),
            OptionSpec("deployment", value: "KIND", help: "cloud (default) or data-center."),
            OptionSpec("latency-ms", value: "N", help: "Delay added to every response."),
            OptionSpec("rate-429", value: "F", help: "Fraction of 429 responses."),
            OptionSpec("retry-after", value: "S", help: "Retry-After seconds sent with 429s (default 1)."),
            OptionSpec("rate-500", value: "F", help: "Fraction of 500 responses."),
            OptionSpec("rate-503", value: "F", help: "Fraction of 503 responses."),
            OptionSpec("drop", value: "F", help: "Fraction of connections dropped mid-body."),
            OptionSpec("truncate", value: "F", help: "Fraction of truncated JSON bodies."),
        ],
        run: run)

    static func fraction(_ context: CommandContext, _ name: String) throws -> Double {
        guard let text = context.arguments.value(name) else { return 0 }
        guard let value = Double(text), (0...1).contains(value) else {
            throw CLIError.usage("--\(name) takes a fraction from 0 to 1")
        }
        return value
    }

    static func run(_ context: CommandContext) async throws -> ExitCode {
        guard context.arguments.positionals == ["jira"] else {
            throw CLIError.usage("only the Jira sandbox exists so far: `tributary sandbox jira`")
        }
        var faults = FaultPlan()
        faults.latencyMilliseconds = try context.arguments.int("latency-ms", in: 0...60_000) ?? 0
        faults.rateLimited = try fraction(context, "rate-429")
        faults.retryAfterSeconds = try context.arguments.int("retry-after", in: 0...3600) ?? 1
        faults.serverErrors500 = try fraction(context, "rate-500")
        faults.unavailable503 = try fraction(context, "rate-503")
        faults.droppedMidBody = try fraction(context, "drop")
        faults.truncatedJSON = try fraction(context, "truncate")
        let seed = UInt64(try context.arguments.int("seed", in: 0...Int.max) ?? 42)
        faults.seed = seed
        let deployment: JiraSandboxConfig.Deployment
        switch context.arguments.value("deployment") ?? "cloud" {
        case "cloud": deployment = .cloud
        case "data-center", "datacenter", "dc": deployment = .dataCenter
        case let other: throw CLIError.usage("--deployment is cloud or data-center, not \"\(other)\"")
        }
        let issues = try context.arguments.int("issues") ?? 250
        let projects = try context.arguments.int("projects") ?? 2
        guard issues >= 0, issues <= 1_000_000, projects >= 1, projects <= 500 else {
            throw CLIError.usage("--issues takes 0 to 1000000 and --projects 1 to 500")
        }
        let config = JiraSandboxConfig(
            issues: issues, projects: projects, seed: seed,
            deployment: deployment,
            faults: faults)
        let port = try context.arguments.int("port") ?? 0
        guard (0...65535).contains(port) else { throw CLIError.usage("--port takes 0 to 65535") }
        let sandbox = try JiraSandbox(config: config, port: UInt16(port))
        if context.json {
            context.console.json([
                "url": .string(sandbox.baseURL), "deployment": .string(deployment.rawValue),
                "email": .string(config.email),
                "apiToken": .string(config.apiToken), "personalAccessToken": .string(config.personalAccessToken),
                "scopedToken": .string(config.scopedToken), "cloudId": .string(sandbox.cloudID),
                "issues": .number(Double(issues)),
                "projects": .array(sandbox.projectKeys.map(JSONValue.string)),
            ])
        } else {
            context.console.out(
                "Jira sandbox (\(deployment.rawValue)) serving \(issues) issues in \(projects) project(s) at \(sandbox.baseURL)"
            )
            if deployment == .cloud {
                context.console.out(
                    "  email \(config.email), API token \(config.apiToken) (sandbox credentials, not secrets)")
                context.console.out(
                    "  scoped token \(config.scopedToken) (through --gateway-url \(sandbox.gatewayURL))")
            } else {
                context.console.out(
                    "  personal access token \(config.personalAccessToken) (sandbox credentials, not secrets)")
            }
            context.console.out("  projects: \(sandbox.projectKeys.joined(separator: ", "))")
            context.console.out("Press Ctrl-C to stop.")
        }
        while true {
            try await Task.sleep(nanoseconds: 3_600_000_000_000)
        }
    }
}
