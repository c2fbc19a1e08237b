import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import WorkspaceStore

/// `containers` and `filter` are every provider's names; Jira's `projects` and `jql` stay accepted.
@Suite("Source names: containers/filter and Jira's projects/jql")
struct SourceNamesTests {
    /// The config at `path` with the source's Jira names replaced by the neutral ones.
    static func neutral(_ path: String, to target: String) throws -> String {
        guard case .object(var top) = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: path))),
            case .object(var source)? = top["source"]
        else { throw CocoaError(.fileReadCorruptFile) }
        source["containers"] = source.removeValue(forKey: "projects")
        source["filter"] = source.removeValue(forKey: "jql")
        top["source"] = .object(source)
        try JSONWriter(pretty: true).data(.object(top)).write(to: URL(fileURLWithPath: target))
        return target
    }

    @Test("both spellings run, mean one config (one fingerprint, one high-water mark) and write the same rows")
    func bothSpellings() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 60))
        let jira = try harness.configFile(
            name: "jira-names.json", projects: ["DEMO"], extraSource: ["jql": "labels is not EMPTY"])
        let neutral = try Self.neutral(jira, to: harness.folder.file("neutral-names.json"))
        #expect(try String(contentsOfFile: neutral, encoding: .utf8).contains(#""filter""#))
        #expect(try RunConfig.load(path: jira).fingerprint == RunConfig.load(path: neutral).fingerprint)

        let first = try await CLIProcess.run(["run", jira, "--quiet"], environment: harness.environment)
        #expect(first.status == 0, "\(first.stderr)")
        let imported = try harness.count("tasks")
        #expect(imported > 0 && imported < 30, "only DEMO issues with labels: \(imported)")

        let second = try await CLIProcess.run(
            ["run", neutral, "--incremental", "--quiet"], environment: harness.environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try harness.count("tasks") == imported)
        let jobs = try harness.workspace.jobs.list(owner: harness.owner, limit: 10)
        let latest = try #require(jobs.first)
        #expect(latest.mode == "incremental", "the neutral config continues the Jira-named one's high-water mark")
        #expect(latest.counts.created == 0 && latest.counts.updated == 0)
    }

    @Test("a name and its alias together are refused, naming both")
    func bothNamesAtOnce() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 5))
        let config = try harness.configFile(extraSource: ["containers": ["OPS"]])
        let result = try await CLIProcess.run(["run", config, "--quiet"], environment: harness.environment)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(#"source.projects: is another name for "containers"; give one of them"#))
        #expect(try harness.count("tasks") == 0)
    }
}
