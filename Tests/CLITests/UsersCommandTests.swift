import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing

/// People whose email Jira hides are matched through the user map; `tributary users --unmatched`
/// names exactly those still unmatched, with how many items name them.
@Suite("People: the user map and tributary users --unmatched")
struct UsersCommandTests {
    @Test("hidden-email people in the map are matched everywhere; the rest are listed with their items")
    func unmatched() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 160))
        let directory = harness.sandbox.directory
        for person in directory {
            if let email = person.email {
                try harness.workspace.projects.addUser(owner: harness.owner, email: email, displayName: person.name)
            }
        }
        let hidden = directory.filter { $0.email == nil }
        #expect(hidden.count >= 2, "the sandbox hides some emails")
        let mapped = try #require(hidden.first)
        try harness.workspace.projects.addUser(owner: harness.owner, email: "mapped@workspace.test", displayName: nil)

        let path = try harness.configFile()
        var config = try JSONParser.parse(Data(contentsOf: URL(fileURLWithPath: path))).objectValue ?? [:]
        try JSONWriter().data([mapped.id: "mapped@workspace.test"]).write(
            to: URL(fileURLWithPath: harness.folder.file("users.json")))
        config["people"] = ["mapFile": "users.json"]
        try JSONWriter(pretty: true).data(.object(config)).write(to: URL(fileURLWithPath: path))

        let report = try await harness.run(path)
        #expect(report.status == .completed)
        let mappedUser = try #require(
            try harness.workspace.projects.user(owner: harness.owner, email: "mapped@workspace.test"))
        let namedAsAuthor = try harness.count("comments", "author_external_id = '\(mapped.id)'")
        let mappedAuthors = try harness.count("comments", "author_email = 'mapped@workspace.test'")
        #expect(mappedAuthors == namedAsAuthor)
        let assigned = try harness.count("tasks", "assignees_json LIKE '%\(mapped.id)%'")
        #expect(try harness.count("task_assignees", "user_id = \(mappedUser)") == assigned)

        let result = try await CLIProcess.run(
            [
                "users", "--unmatched", "--json", "--config", path, "--db", harness.databasePath, "--owner",
                harness.owner.email,
            ],
            environment: harness.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let listed = try JSONParser.parse(result.stdout).arrayValue ?? []
        let expected = Set(hidden.dropFirst().map(\.id))
        let named = Set(listed.compactMap { $0["accountId"]?.stringValue })
        // Everyone hidden and unmapped that an item names, nobody else.
        #expect(named.isSubset(of: expected) && !named.isEmpty)
        let withAll = try await CLIProcess.run(
            [
                "users", "--unmatched", "--all", "--json", "--config", path, "--db", harness.databasePath, "--owner",
                harness.owner.email,
            ],
            environment: harness.environment)
        let everyone = Set(
            (try JSONParser.parse(withAll.stdout).arrayValue ?? []).compactMap { $0["accountId"]?.stringValue })
        #expect(everyone == expected, "with the directory: exactly the hidden-email people not in the map")
        for person in listed {
            #expect(person["matched"] == .bool(false) && (person["items"]?.intValue ?? 0) > 0)
            #expect(person["reason"]?.stringValue?.contains("hidden") == true)
        }

        let text = try await CLIProcess.run(
            ["users", "--unmatched", "--db", harness.databasePath, "--owner", harness.owner.email],
            environment: harness.environment)
        #expect(text.stdout.contains("(hidden)") && text.stdout.contains("hint: add them to the run config"))
    }

    @Test("a user map whose value is not an email is refused with its path")
    func badMap() throws {
        let text = """
            {"connection": "work", "source": {"provider": "jira", "projects": ["OPS"]},
             "destination": {"project": "Ops"}, "people": {"map": {"5b10ac": "Ana"}}}
            """
        #expect {
            _ = try RunConfig.parse(Data(text.utf8), origin: "bad.json")
        } throws: { error in
            (error as? ConfigError)?.problems.contains { $0.path == "people.map.5b10ac" } ?? false
        }
    }
}
