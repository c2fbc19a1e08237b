import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

@Suite("Files for the user alone")
struct PrivateFilesTests {
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    @Test("a new database, its -wal and -shm and the batch reports are 0600; planted symlinks are not written through")
    func modesAndSymlinks() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 5))
        let config = try harness.configFile()
        #expect(try await CLIProcess.run(["run", config, "--quiet"], environment: harness.environment).status == 0)
        for suffix in ["", "-wal", "-shm"] {
            let path = harness.databasePath + suffix
            #expect(Self.mode(path) == 0o600, "\(path): \(String(Self.mode(path) ?? -1, radix: 8))")
        }
        // Reports: a symlink planted at the report path is replaced by the report, its target untouched.
        let victim = harness.folder.file("victim.txt")
        try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
        let jsonReport = harness.folder.file("r.json")
        let htmlReport = harness.folder.file("r.html")
        try FileManager.default.createSymbolicLink(atPath: jsonReport, withDestinationPath: victim)
        try FileManager.default.createSymbolicLink(atPath: htmlReport, withDestinationPath: victim)
        let batch: JSONValue = [
            "owner": .string(harness.owner.email), "database": .string(harness.databasePath),
            "report": ["json": .string(jsonReport), "html": .string(htmlReport)],
            "runs": [["name": "one", "config": .string(config)]],
        ]
        let batchPath = harness.folder.file("batch.json")
        try JSONWriter().data(batch).write(to: URL(fileURLWithPath: batchPath))
        let migrate = try await CLIProcess.run(["migrate", batchPath], environment: harness.environment)
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
        for report in [jsonReport, htmlReport] {
            let attributes = try FileManager.default.attributesOfItem(atPath: report)
            #expect(attributes[.type] as? FileAttributeType == .typeRegular, "\(report)")
            #expect(Self.mode(report) == 0o600, "\(report)")
        }
        // A database path that is a symlink is refused, not followed.
        let linked = harness.folder.file("linked.sqlite")
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: harness.databasePath)
        let refused = try await CLIProcess.run(
            ["jobs", "--db", linked, "--owner", harness.owner.email], environment: harness.environment)
        #expect(refused.status != 0 && refused.stderr.contains("is a symlink"), "\(refused.stderr)")
    }
}
