import Foundation
import ImportCore
import WorkspaceStore

/// Everything a command needs: its parsed arguments, the console, the environment and the providers.
public struct CommandContext: Sendable {
    /// The verb being run.
    public let command: String
    /// Its parsed command line.
    public let arguments: ParsedArguments
    /// Where output goes.
    public let console: Console
    /// The process environment (`TRIBUTARY_DB`, `TRIBUTARY_OWNER`, …).
    public let environment: [String: String]
    /// The providers it may use.
    public let registry: ProviderRegistry
    /// Asked for when the command should stop cleanly (Ctrl-C, SIGTERM, a closed output pipe).
    public let stop: StopRequest
    /// The command line as given, after the program name (`run Config/eng.json --incremental`).
    public let commandLine: [String]

    /// The context of one command.
    public init(
        command: String, arguments: ParsedArguments, console: Console, environment: [String: String],
        registry: ProviderRegistry, stop: StopRequest = StopRequest(), commandLine: [String] = []
    ) {
        self.commandLine = commandLine.isEmpty ? [command] : commandLine
        self.command = command
        self.arguments = arguments
        self.console = console
        self.environment = environment
        self.registry = registry
        self.stop = stop
    }

    /// The same command again, quoted for a POSIX shell: what resumes an interrupted run.
    public var resumeCommand: String {
        (["tributary"] + commandLine).map(ShellQuote.quoted).joined(separator: " ")
    }

    /// A follow-up command as it must be typed to act on the same database and owner as this one:
    /// `--db` and `--owner` are repeated when they were given on this command line.
    public func nextCommand(_ words: [String]) -> String {
        var all = ["tributary"] + words
        if let database = arguments.value("db") { all += ["--db", database] }
        if let owner = arguments.value("owner") { all += ["--owner", owner] }
        return all.map(ShellQuote.quoted).joined(separator: " ")
    }

    /// `--json`: machine-readable output.
    public var json: Bool { arguments.flag("json") }

    /// The database path: `--db`, else a run config's `database` (pass it as `configured`), else
    /// `TRIBUTARY_DB`, else `fallback`. Whenever one of them overrides another that says something
    /// else, a note on stderr says which one is used: a flag never goes silently unheard.
    public func databasePath(configured: String? = nil, fallback: String = "tributary.sqlite") -> String {
        resolve(
            "database", flag: arguments.value("db"), flagName: "--db", configured: configured,
            variable: environment["TRIBUTARY_DB"], variableName: "TRIBUTARY_DB",
            same: { Self.samePath($0, $1) }) ?? fallback
    }

    /// Whether two paths name the same file (`a.sqlite` and `./a.sqlite`, relative and absolute).
    static func samePath(_ left: String, _ right: String) -> Bool {
        URL(fileURLWithPath: left).standardizedFileURL.path == URL(fileURLWithPath: right).standardizedFileURL.path
    }

    /// Flag over config over environment variable; a note for each that is overridden while differing.
    private func resolve(
        _ what: String, flag: String?, flagName: String, configured: String?, variable: String?, variableName: String,
        same: (String, String) -> Bool
    ) -> String? {
        let configured = configured.flatMap { $0.isEmpty ? nil : $0 }
        let variable = variable.flatMap { $0.isEmpty ? nil : $0 }
        if let flag {
            if let configured, !same(flag, configured) {
                console.err("note: \(flagName) \(flag) is used; the config's \(what) \(configured) is not")
            }
            return flag
        }
        if let configured {
            if let variable, !same(variable, configured) {
                console.err("note: the config's \(what) \(configured) is used; \(variableName) (\(variable)) is not")
            }
            return configured
        }
        return variable
    }

    /// The command's one positional argument; anything else is a usage error carrying `hint`.
    public func singleArgument(hint: String) throws(CLIError) -> String {
        guard let first = arguments.positionals.first, arguments.positionals.count == 1 else {
            throw CLIError.usage(hint)
        }
        return first
    }

    /// Opens (and migrates) the workspace at `path`, private to the user. Commands that only read
    /// pass `creating: false`: a mistyped `--db` is then an error, not a new empty database.
    public func openWorkspace(path: String, creating: Bool = true) throws -> Workspace {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if exists, isFolder.boolValue {
            throw CLIError(
                "\(path) is a folder, not a database file\n  hint: pass a file, e.g. --db \((path as NSString).appendingPathComponent("tributary.sqlite")).",
                exitCode: .usage)
        }
        if !exists, !creating {
            throw CLIError(
                "there is no database at \(path)\n  hint: check --db and TRIBUTARY_DB; `tributary init` or `tributary connect` creates one.",
                exitCode: .usage)
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            throw CLIError(
                "the folder of the database \(path) does not exist\n  hint: create it, or pass another --db.")
        }
        return try Workspace(path: path)
    }

    /// The vault for a database's first token: when there is no key yet and nothing in the database
    /// was sealed, the default key file is created (mode 0600), as `tributary init` would, and said so.
    public func vaultCreatingKey(for workspace: Workspace) throws -> CredentialVault {
        let path: String
        do {
            return try vault(for: workspace)
        } catch VaultError.missingKey(let keyFile) {
            path = keyFile
        }
        guard try !workspace.connections.holdsSealedSecrets() else { throw VaultError.missingKey(keyFile: path) }
        do {
            try EncryptionKey.createKeyFile(at: path)
            console.err(
                "created the encryption key file \(path) (mode 0600): keep it, the stored tokens cannot be read without it"
            )
        }
        return try vault(for: workspace)
    }

    /// The credential vault with the key for `workspace`: `TRIBUTARY_ENCRYPTION_KEY`, else the key file
    /// `TRIBUTARY_KEY_FILE` names, else the one `tributary init --key-file` recorded in this database,
    /// else the default key file.
    public func vault(for workspace: Workspace) throws -> CredentialVault {
        let recorded = try workspace.settings.value("keyFile")
        let keyFile = environment["TRIBUTARY_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? recorded
        return CredentialVault(key: try EncryptionKey.load(environment: environment, keyFile: keyFile))
    }
}
