import Foundation
import ImportCore
import ProviderSandbox

/// `tributary sandbox jira|linear|asana|clickup`: serves a provider emulator on loopback until stopped.
enum SandboxCommand {
    static let definition = CommandDefinition(
        name: "sandbox", summary: "Serve an emulated provider API on 127.0.0.1 (for tests, demos and benchmarks).",
        usage: [
            "sandbox jira [--port N] [--issues N] [--projects P] [--seed S] [--deployment cloud|data-center] [--burst-rate R --burst-size N] [--no-changelog-bulkfetch] [--webhook-url URL --webhook-secret-env NAME] [faults…]",
            "sandbox linear [--port N] [--issues N] [--projects P] [--seed S] [--requests-per-window N] [--window-seconds S] [faults…]",
            "sandbox asana [--port N] [--issues N] [--projects P] [--seed S] [--requests-per-minute N] [faults…]",
            "sandbox clickup [--port N] [--issues N] [--projects P] [--seed S] [--requests-per-minute N] [faults…]",
        ],
        details: """
            Emulates Jira Cloud (or Data Center), Linear's GraphQL API, Asana's or ClickUp's REST API, over one
            deterministic generated world (the same issues for the same seed and size). It prints its URL and the credentials it
            accepts, then serves until interrupted (Ctrl-C). Linear's rate limits: --requests-per-window N
            per --window-seconds S (answered with HTTP 400 and RATELIMITED, as Linear does). Jira's burst
            limits: --burst-rate R requests a second with bursts of --burst-size N per account, refused
            with 429, Retry-After and RateLimit-Reason: jira-burst-based once spent (as Jira Cloud does).
            Jira Cloud also serves POST /rest/api/3/issue/bulkfetch (100 issues a call, 1,000 when lean) and
            POST /rest/api/3/changelog/bulkfetch (the changelogs of up to 1,000 issues, oldest first, paged
            by an opaque token); --no-changelog-bulkfetch answers 404 there, as a site without it does.
            --webhook-url http://127.0.0.1:PORT/ with --webhook-secret-env NAME sends signed Jira webhook
            deliveries (X-Hub-Signature, retried, every fifth twice) for what /__sandbox/mutate changes:
            the loop `tributary listen` closes.
            Asana's limit: --requests-per-minute N (429 with Retry-After once spent); its page offsets
            expire after ten minutes. ClickUp's limit: --requests-per-minute N (default 10000, the
            Enterprise plan's; 100 is the smaller plans'), with X-RateLimit-* headers on every answer and
            429 once spent; --projects P makes P lists (the first in a folder, the others folderless).
            Faults: --latency-ms N, --rate-429 F (with Retry-After), --rate-500 F, --rate-503 F,
            --drop F (connection closed mid-body), --truncate F (cut JSON), each F a fraction 0…1.
            Control endpoints for other processes: POST /__sandbox/mutate?update=K&delete=K&add=K&move=K&archive=K&trash=K,
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
            OptionSpec("burst-rate", value: "R", help: "Jira: burst budget, requests a second per account."),
            OptionSpec("burst-size", value: "N", help: "Jira: burst budget, the most requests at once (default 10)."),
            OptionSpec("webhook-url", value: "URL", help: "Jira: deliver webhooks to this loopback URL."),
            OptionSpec(
                "webhook-secret-env", value: "NAME", help: "Jira: the environment variable holding their secret."),
            OptionSpec("no-changelog-bulkfetch", help: "Jira Cloud: answer 404 for POST /changelog/bulkfetch."),
            OptionSpec("requests-per-window", value: "N", help: "Linear: requests allowed per window (default 5000)."),
            OptionSpec("window-seconds", value: "S", help: "Linear: the rate-limit window (default 3600)."),
            OptionSpec(
                "requests-per-minute", value: "N", help: "Asana, ClickUp: requests a minute (default 1500, 10000)."),
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
        guard context.arguments.positionals.count == 1, let which = context.arguments.positionals.first,
            ["jira", "linear", "asana", "clickup"].contains(which)
        else {
            throw CLIError.usage(
                "which sandbox? `tributary sandbox jira`, `tributary sandbox linear`, `tributary sandbox asana` or `tributary sandbox clickup`"
            )
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
        let issues = try context.arguments.int("issues", in: 0...1_000_000) ?? 250
        let projects = try context.arguments.int("projects", in: 1...500) ?? 2
        let port = try context.arguments.int("port", in: 0...65535) ?? 0
        let stop: @Sendable () -> Void
        if which == "clickup" {
            stop = try serveClickUp(
                ClickUpSandboxConfig(issues: issues, lists: projects, seed: seed, faults: faults), port: port,
                context: context)
        } else if which == "asana" {
            var config = AsanaSandboxConfig(issues: issues, projects: projects, seed: seed, faults: faults)
            config.requestsPerMinute = try context.arguments.int("requests-per-minute", in: 1...1_000_000) ?? 1500
            let sandbox = try AsanaSandbox(config: config, port: UInt16(port))
            stop = { sandbox.stop() }
            if context.json {
                context.console.json([
                    "url": .string(sandbox.apiBase), "token": .string(config.token), "email": .string(config.email),
                    "issues": .number(Double(issues)), "projects": .array(sandbox.projectGIDs.map(JSONValue.string)),
                ])
            } else {
                context.console.out(
                    "Asana sandbox serving \(issues) tasks in \(projects) project(s) at \(sandbox.apiBase)")
                context.console.out("  token \(config.token) (as Bearer; sandbox credentials, not secrets)")
                context.console.out("  projects: \(sandbox.projectGIDs.joined(separator: ", "))")
                context.console.out("Press Ctrl-C to stop.")
            }
        } else if which == "linear" {
            var config = LinearSandboxConfig(issues: issues, teams: projects, seed: seed, faults: faults)
            config.requestsPerWindow = try context.arguments.int("requests-per-window", in: 1...1_000_000) ?? 5000
            config.windowSeconds = try context.arguments.int("window-seconds", in: 1...86_400) ?? 3600
            let sandbox = try LinearSandbox(config: config, port: UInt16(port))
            stop = { sandbox.stop() }
            if context.json {
                context.console.json([
                    "url": .string(sandbox.endpoint), "apiKey": .string(config.apiKey),
                    "oauthToken": .string(config.oauthToken), "email": .string(config.email),
                    "issues": .number(Double(issues)), "teams": .array(sandbox.teamKeys.map(JSONValue.string)),
                ])
            } else {
                context.console.out(
                    "Linear sandbox serving \(issues) issues in \(projects) team(s) at \(sandbox.endpoint)")
                context.console.out(
                    "  API key \(config.apiKey) (the whole Authorization header; sandbox credentials, not secrets)")
                context.console.out("  teams: \(sandbox.teamKeys.joined(separator: ", "))")
                context.console.out(
                    "  connect: printf %s \(config.apiKey) | tributary connect linear --name linear --url \(sandbox.endpoint) --key-stdin"
                )
                context.console.out("Press Ctrl-C to stop.")
            }
        } else {
            let deployment: JiraSandboxConfig.Deployment
            switch context.arguments.value("deployment") ?? "cloud" {
            case "cloud": deployment = .cloud
            case "data-center", "datacenter", "dc": deployment = .dataCenter
            case let other: throw CLIError.usage("--deployment is cloud or data-center, not \"\(other)\"")
            }
            var burst: BurstBudget?
            if let text = context.arguments.value("burst-rate") {
                guard let rate = Double(text), rate > 0, rate <= 100_000 else {
                    throw CLIError.usage("--burst-rate takes requests a second, more than 0")
                }
                burst = BurstBudget(
                    rate: rate, capacity: try context.arguments.int("burst-size", in: 1...100_000) ?? 10)
            }
            var config = JiraSandboxConfig(
                issues: issues, projects: projects, seed: seed, deployment: deployment, faults: faults, burst: burst)
            config.bulkChangelogs = !context.arguments.flag("no-changelog-bulkfetch")
            let sandbox = try JiraSandbox(config: config, port: UInt16(port))
            stop = { sandbox.stop() }
            if let url = context.arguments.value("webhook-url") {
                guard let name = context.arguments.value("webhook-secret-env"),
                    let secret = context.environment[name], !secret.isEmpty
                else {
                    throw CLIError.usage("--webhook-url needs --webhook-secret-env NAME, a variable holding the secret")
                }
                do {
                    try sandbox.registerWebhook(url: url, secret: secret, duplicateEvery: 5)
                } catch {
                    throw CLIError.usage("\(error)")
                }
            }
            printJira(sandbox, config: config, context: context)
        }
        // Serves until Ctrl-C or SIGTERM, which cancel this task: then it stops quietly.
        defer { stop() }
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 3_600_000_000_000)
        }
        return .ok
    }

    static func printJira(_ sandbox: JiraSandbox, config: JiraSandboxConfig, context: CommandContext) {
        let deployment = config.deployment
        let issues = config.issues
        let projects = config.projects
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
    }
}
