import Foundation
import ImportCore
import WorkspaceStore

/// `tributary init`: creates the encryption key file and the workspace database.
enum InitCommand {
    static let definition = CommandDefinition(
        name: "init", summary: "Create the encryption key file (0600) and the workspace database.",
        usage: ["init [--key-file PATH] [--db PATH]"],
        details: """
            Credentials are stored encrypted with AES-256-GCM. The 32-byte key comes from
            TRIBUTARY_ENCRYPTION_KEY (base64 or hex) or from a key file readable by its owner only.
            `init` creates that key file (default: $TRIBUTARY_KEY_FILE, else ~/.config/tributary/key)
            unless one exists or the environment provides the key, and migrates the database.
            Keep the key safe: without it stored tokens cannot be decrypted (reconnect to recover).
            """,
        options: [
            OptionSpec("key-file", value: "PATH", help: "Where to create the key file."),
            CommandDefinition.storeOptions[0],
        ],
        run: run)

    static func run(_ context: CommandContext) async throws -> ExitCode {
        var lines: [String] = []
        var result: [String: JSONValue] = [:]
        var chosenKeyFile: String?
        if let key = context.environment["TRIBUTARY_ENCRYPTION_KEY"], !key.isEmpty {
            _ = try EncryptionKey(encoded: key, origin: "TRIBUTARY_ENCRYPTION_KEY")
            lines.append("key: TRIBUTARY_ENCRYPTION_KEY is set and valid; no key file needed")
            result["key"] = "TRIBUTARY_ENCRYPTION_KEY"
        } else {
            let path =
                context.arguments.value("key-file") ?? EncryptionKey.defaultKeyFile(environment: context.environment)
            if FileManager.default.fileExists(atPath: path) {
                _ = try EncryptionKey.fromKeyFile(path)
                lines.append("key: \(path) exists (0600) and is valid; left untouched")
            } else {
                try EncryptionKey.createKeyFile(at: path)
                lines.append("key: created \(path) (mode 0600) — back it up: stored tokens need it")
            }
            result["key"] = .string(path)
            if context.arguments.value("key-file") != nil {
                chosenKeyFile = URL(fileURLWithPath: path).standardizedFileURL.path
            }
        }
        let database = context.databasePath()
        let workspace = try context.openWorkspace(path: database)
        if let chosenKeyFile {
            // Later commands on this database find the key here without being told again.
            try workspace.settings.set("keyFile", chosenKeyFile)
            lines.append(
                "recorded in \(database): its commands use this key file unless TRIBUTARY_KEY_FILE says otherwise")
        }
        let version = try Migrator.currentVersion(workspace.db)
        lines.append("database: \(database) (schema version \(version))")
        result["database"] = .string(database)
        result["schemaVersion"] = .number(Double(version))
        if context.json {
            context.console.json(JSONValue.object(result))
        } else {
            for line in lines { context.console.out(line) }
            context.console.out(
                "next: connect your Jira (your site and email in place of these; the token on stdin):")
            context.console.out(
                "  printf %s \"$JIRA_TOKEN\" | "
                    + context.nextCommand([
                        "connect", "jira", "--name", "work", "--url", "https://yourcompany.atlassian.net", "--email",
                        "you@example.com", "--token-stdin",
                    ]))
        }
        return .ok
    }
}
