import Foundation
import ImportCore

/// The `tributary` command line: dispatches a verb, prints help, maps errors to exit codes.
public enum Tributary {
    /// The release, as `tributary --version` prints it.
    public static let version = "0.1.0"

    /// Every verb, in the order `--help` lists them.
    static func commands() -> [CommandDefinition] {
        [
            DemoCommand.definition, InitCommand.definition, ProvidersCommand.definition, ConnectCommand.definition,
            ConnectionsCommand.definition, RotateCommand.definition, DisconnectCommand.definition,
            ContainersCommand.definition, NewConfigCommand.definition, PreviewCommand.definition, RunCommand.definition,
            MigrateCommand.definition, SyncCommand.definition, ListenCommand.definition, StatusCommand.definition,
            JobsCommand.definition, RevertCommand.definition, CalibrateCommand.definition, UsersCommand.definition,
            AuditCommand.definition, MappingCommand.definition,
            WizardCommand.definition,
            SandboxCommand.definition,
        ]
    }

    /// Runs `arguments` (without the program name) and returns the exit code.
    public static func main(
        _ arguments: [String], console: Console = .standard(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        registry: ProviderRegistry = ProviderCatalog.registry(), stop: StopRequest = StopRequest()
    ) async -> Int32 {
        let commands = commands()
        guard let verb = arguments.first else {
            console.out(globalHelp(commands))
            return ExitCode.ok.rawValue
        }
        switch verb {
        case "--help", "-h", "help":
            if arguments.count > 1, let command = commands.first(where: { $0.name == arguments[1] }) {
                console.out(command.helpText)
            } else {
                console.out(globalHelp(commands))
            }
            return ExitCode.ok.rawValue
        case "--version", "-V", "version":
            console.out("tributary \(version)")
            return ExitCode.ok.rawValue
        default:
            break
        }
        guard let command = commands.first(where: { $0.name == verb }) else {
            var message = "unknown command \"\(verb)\""
            if verb.hasPrefix("-") {
                message = "unknown option \(verb); options come after the command"
            } else if let suggestion = Suggestions.closest(verb, among: commands.map(\.name)) {
                message += "; did you mean `tributary \(suggestion)`?"
            }
            if arguments.contains("--json") { printJSONError(message, code: .usage, console: console) }
            console.err("error: \(message)\n  hint: `tributary --help` lists the commands.")
            return ExitCode.usage.rawValue
        }
        let parsed: ParsedArguments
        do {
            parsed = try ArgumentParser.parse(Array(arguments.dropFirst()), options: command.allOptions, command: verb)
        } catch {
            // The command line did not parse, but a script that asked for JSON still gets JSON.
            if arguments.contains("--json") { printJSONError(error.message, code: error.exitCode, console: console) }
            console.err("error: \(error.message)")
            return error.exitCode.rawValue
        }
        if parsed.flag("help") {
            console.out(command.helpText)
            return ExitCode.ok.rawValue
        }
        let context = CommandContext(
            command: verb, arguments: parsed, console: console, environment: environment, registry: registry,
            stop: stop, commandLine: arguments)
        // The command runs in its own task, so that a stop request (Ctrl-C, SIGTERM, a closed pipe)
        // can cancel it: an import then ends after a whole page with its job marked interrupted.
        let running = Task { try await command.run(context) }
        stop.onRequest { running.cancel() }
        do {
            let code = try await running.value
            return stop.reason?.exitCode ?? code.rawValue
        } catch {
            var (message, code) = ErrorReport.describe(error)
            let stopped = stop.reason
            if let stopped, code != .interrupted {
                message = "\(stopped.description): \(message)"
            }
            let exitCode = stopped?.exitCode ?? code.rawValue
            if parsed.flag("json") {
                console.out(
                    JSONWriterBridge.pretty([
                        "error": ["message": .string(message), "exitCode": .number(Double(exitCode))]
                    ]))
            }
            console.err((stopped != nil || code == .interrupted ? "stopped: " : "error: ") + message)
            return exitCode
        }
    }

    /// `{"error": {"message", "exitCode"}}` on stdout, for scripts that asked for `--json`.
    static func printJSONError(_ message: String, code: ExitCode, console: Console) {
        console.out(
            JSONWriterBridge.pretty([
                "error": ["message": .string(message), "exitCode": .number(Double(code.rawValue))]
            ]))
    }

    static func globalHelp(_ commands: [CommandDefinition]) -> String {
        let width = (commands.map(\.name.count).max() ?? 0) + 2
        var lines = [
            "tributary \(version): import work items from Jira (and Asana, Linear, ClickUp) into a local workspace.",
            "",
            "Usage: tributary <command> [options]",
            "",
            "Commands:",
        ]
        for command in commands {
            lines.append("  " + command.name.padding(toLength: width, withPad: " ", startingAt: 0) + command.summary)
        }
        lines += [
            "",
            "Global: --help (on every command), --version. Store commands take --db PATH and --owner EMAIL;",
            "most take --json for machine-readable output.",
            "",
            "Exit codes: 0 ok, 1 failure, 2 usage or invalid config, 3 authentication, 4 partial import,",
            "130 stopped by Ctrl-C (143 SIGTERM, 141 closed output pipe); a stopped import resumes when run again.",
            "Start with `tributary demo`; `tributary <command> --help` explains each command.",
        ]
        return lines.joined(separator: "\n")
    }
}
