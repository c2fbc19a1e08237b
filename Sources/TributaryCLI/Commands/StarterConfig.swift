import Foundation
import ImportCore

/// A first run config for one container of a connection, as `new-config` and the wizard write it:
/// no owner (it follows from the connection) and no database (`--db`, `TRIBUTARY_DB` or the default),
/// so the file means the same wherever it is run from.
struct StarterConfig {
    var connection: String
    var provider: String
    var container: String
    var destination: String
    var createProject = true
    /// The N most recently updated records (`nil`: everything).
    var cap: Int? = 100
    var includeClosed = true

    /// The config as JSON.
    var json: JSONValue {
        [
            "connection": .string(connection),
            "source": [
                "provider": .string(provider), "containers": [.string(container)],
                "cap": cap.map { .number(Double($0)) } ?? .null, "includeClosed": .bool(includeClosed),
            ],
            "destination": ["project": .string(destination), "createProject": .bool(createProject)],
        ]
    }

    /// Writes the config to `path` (private to the user); refuses to replace a file unless `replace`.
    func write(to path: String, replace: Bool) throws {
        if !replace, FileManager.default.fileExists(atPath: path) {
            throw CLIError(
                "\(path) exists already; nothing was written\n  hint: pass another --out, or --force to replace it.",
                exitCode: .usage)
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        try PrivateFile.write(JSONWriter(pretty: true).data(json), to: path)
    }

    /// The file name a config for `container` of `connection` gets by default.
    static func defaultPath(connection: String, container: String) -> String {
        let safe = "\(connection)-\(container)".lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" }
        return String(safe) + ".json"
    }
}
