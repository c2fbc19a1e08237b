import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import WorkspaceStore

/// A temporary folder with a key file, for end-to-end runs of the `tributary` binary.
final class CLIHarness: Sendable {
    /// A loopback port that was free a moment ago, for a child process to listen on.
    static func freePort() throws -> UInt16 {
        let probe = try SandboxServer { _ in .text(200, "") }
        defer { probe.stop() }
        return probe.port
    }

    let folder = TemporaryDirectory("tributary-cli")
    let key: String

    init() throws {
        key = try EncryptionKey.generate().base64
    }

    var database: String { folder.file("cli.sqlite") }

    /// The environment of a child: its own key, database and owner, HOME in the folder.
    func environment(owner: String = "alice@example.com", extra: [String: String] = [:]) -> [String: String] {
        var env = [
            "TRIBUTARY_ENCRYPTION_KEY": key, "TRIBUTARY_DB": database, "TRIBUTARY_OWNER": owner, "HOME": folder.path,
        ]
        for (name, value) in extra { env[name] = value }
        return env
    }

    @discardableResult
    func run(
        _ arguments: [String], stdin: String? = nil, owner: String = "alice@example.com", extra: [String: String] = [:]
    )
        async throws -> CLIProcess.Result
    {
        try await CLIProcess.run(
            arguments, environment: environment(owner: owner, extra: extra), stdin: stdin, directory: folder.path)
    }

    func write(_ name: String, _ json: JSONValue) throws -> String {
        let path = folder.file(name)
        try JSONWriter(pretty: true).data(json).write(to: URL(fileURLWithPath: path))
        return path
    }

    func workspace() throws -> Workspace { try Workspace(path: database) }
}
