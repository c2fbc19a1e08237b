import Foundation
import ImportCore

/// Reads test fixtures bundled with this target.
enum Fixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!
    }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }

    static func json(_ name: String) throws -> JSONValue { try JSONParser.parse(try data(name)) }

    /// The repository's root (for the shipped mapping tables).
    static var repositoryRoot: String {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
        }
        return FileManager.default.currentDirectoryPath
    }

    static func jiraTable() throws -> MappingTable {
        try MappingParser.load(path: repositoryRoot + "/Providers/jira/mapping.json")
    }
}
