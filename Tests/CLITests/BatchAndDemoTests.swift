import Foundation
import ImportCore
import ProviderSandbox
import TestSupport
import Testing
import TributaryCLI
import WorkspaceStore

@testable import TributaryCLI

@Suite("migrate, demo, sandbox, wizard and the shipped configs")
struct BatchAndDemoTests {
    @Test("migrate: runs a batch, writes JSON and HTML reports, and skips finished runs the second time")
    func migrate() async throws {
        let cli = try CLIHarness()
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 80, projects: 3))
        let connect = try await cli.run(
            [
                "connect", "jira", "--name", "work", "--url", fixture.url, "--email", fixture.config.email,
                "--token-stdin",
            ],
            stdin: fixture.config.apiToken)
        #expect(connect.status == 0, "\(connect.stderr)")
        let runConfig: (String, String) -> JSONValue = { project, destination in
            [
                "connection": "work", "source": ["provider": "jira", "projects": [.string(project)], "cap": .null],
                "destination": ["project": .string(destination), "createProject": true],
            ]
        }
        let file = try cli.write("one.json", runConfig("DEMO", "Demo"))
        let batch = try cli.write(
            "batch.json",
            [
                "runs": [
                    ["name": "demo", "config": .string(file)],
                    ["name": "ops", "config": runConfig("OPS", "Operations")],
                    ["name": "web", "config": runConfig("WEB", "Website")],
                ]
            ])
        let first = try await cli.run(["migrate", batch, "--parallel", "2", "--report-dir", cli.folder.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("[demo] page 1:"))
        #expect(first.stdout.contains("batch done"))
        #expect(first.stdout.contains("all 3 runs completed"), "\(first.stdout)")
        #expect(first.stdout.contains("TASKS  COMMENTS  WORKLOGS  ATTACHMENTS"), "\(first.stdout)")
        let html = try String(contentsOfFile: cli.folder.file("migration-report.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        for project in ["jira:DEMO", "jira:OPS", "jira:WEB"] { #expect(html.contains(project)) }
        #expect(!html.contains("<script"))
        #expect(!html.contains(fixture.config.apiToken))
        let json = try JSONParser.parse(
            try Data(contentsOf: URL(fileURLWithPath: cli.folder.file("migration-report.json"))))
        #expect(json["totals"]?["created"] == 80)
        #expect(json["runs"]?.arrayValue?.count == 3)
        #expect(json["ok"] == true && json["verdict"] == "all 3 runs completed")
        let tasks = json["runs"]?.arrayValue?.compactMap { $0["inWorkspace"]?["tasks"]?.intValue } ?? []
        #expect(tasks.reduce(0, +) == 80, "\(tasks)")
        let second = try await cli.run(["migrate", batch, "--report-dir", cli.folder.path])
        #expect(second.stdout.contains("completed earlier"), "\(second.stdout)")
        #expect(try cli.workspace().db.scalar("SELECT COUNT(*) FROM import_jobs").intValue == 3)
    }

    @Test("demo works with nothing configured, twice, the second time writing nothing")
    func demo() async throws {
        let folder = TemporaryDirectory("tributary-demo")
        let environment = ["HOME": folder.path, "TRIBUTARY_KEY_FILE": folder.file("key")]
        let first = try await CLIProcess.run(
            ["demo", "--db", folder.file("demo.sqlite"), "--issues", "60"], environment: environment,
            directory: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("created the encryption key file"))
        #expect(first.stdout.contains("job 1 completed"))
        #expect(first.stdout.contains("Where to look next:"))
        let second = try await CLIProcess.run(
            ["demo", "--db", folder.file("demo.sqlite"), "--issues", "60"], environment: environment,
            directory: folder.path)
        #expect(second.stdout.contains("job 2 completed"))
        #expect(second.stdout.contains("created    0"))
        // The sandbox takes port 47089 when it is free; when another demo holds it (tests run in
        // parallel), the site URL differs and with it every task's external_url: rewritten, not duplicated.
        let site = { (output: String) in output.split(separator: "\n").first { $0.hasPrefix("Jira sandbox: ") } }
        if site(first.stdout)?.split(separator: " ").dropFirst(2).first
            == site(second.stdout)?.split(separator: " ").dropFirst(2).first
        {
            #expect(second.stdout.contains("unchanged  30"), "\(second.stdout)")
        } else {
            #expect(second.stdout.contains("updated    30"), "\(second.stdout)")
        }
    }

    @Test("sandbox jira serves until stopped and prints how to reach it")
    func sandbox() async throws {
        let folder = TemporaryDirectory("tributary-sandbox")
        let result = try await CLIProcess.runAndKill(
            ["sandbox", "jira", "--issues", "5", "--json"], after: 1.5, directory: folder.path)
        #expect(result.signalled)
        let info = try JSONParser.parse(result.stdout)
        #expect(info["url"]?.stringValue?.hasPrefix("http://127.0.0.1:") == true)
        #expect(info["projects"] == ["DEMO", "OPS"])
    }

    @Test("the wizard walks a terminal user through an import and writes the config it used")
    func wizard() async throws {
        let harness = try await ImportHarness(JiraSandboxConfig(issues: 40))
        // The only connection and the only destination choice ("a new project…") are taken without asking.
        let answers = Locked(["1", "Imported", "all", "y", "y"])
        let output = Locked("")
        let console = Console(
            isTTY: true, stdinIsTTY: true, out: { text in output.update { $0 += text } },
            err: { text in output.update { $0 += text } },
            readLine: { answers.update { $0.isEmpty ? nil : $0.removeFirst() } })
        let configPath = harness.folder.file("wizard.json")
        let code = await Tributary.main(
            // No --owner: the database's only owner is the one (the wizard used to fail with "no owner given").
            ["wizard", "--db", harness.databasePath, "--config-out", configPath],
            console: console,
            environment: harness.environment, registry: harness.registry)
        #expect(code == 0, "\(output.value)")
        #expect(output.value.contains("Step 5 of 5: run"))
        #expect(output.value.contains("(the only one)") && !output.value.contains("Choose 1-1"))
        #expect(output.value.contains("job 1 completed"))
        let config = try RunConfig.load(path: configPath)
        #expect(config.source.containers == ["DEMO"])
        #expect(config.destination.project == "Imported")
        #expect(config.source.cap == nil)
        #expect(try harness.count("tasks") == 20)
    }

    @Test(
        "the shipped configs: demo.json runs (in demo), jira.example.json runs against a matching sandbox, the batch parses"
    )
    func shippedConfigs() async throws {
        let root = CLIProcess.repositoryRoot
        let demo = try RunConfig.load(path: root.appendingPathComponent("Config/demo.json").path)
        #expect(demo.source.containers == ["DEMO"])
        // The demo runs its built-in copy (it works from any folder); the file says the same.
        let builtIn = try RunConfig.parse(Data(DemoCommand.builtInConfig.utf8), origin: "built-in")
        #expect(builtIn.source == demo.source && builtIn.destination == demo.destination)
        #expect(builtIn.mapping == demo.mapping && builtIn.connection == demo.connection)
        let linearDemo = try RunConfig.load(path: root.appendingPathComponent("Config/demo-linear.json").path)
        let linearBuiltIn = try RunConfig.parse(Data(DemoSource.linearConfig.utf8), origin: "built-in")
        #expect(linearBuiltIn.source == linearDemo.source && linearBuiltIn.destination == linearDemo.destination)
        #expect(linearBuiltIn.mapping == linearDemo.mapping && linearBuiltIn.connection == linearDemo.connection)
        let asanaDemo = try RunConfig.load(path: root.appendingPathComponent("Config/demo-asana.json").path)
        let asanaBuiltIn = try RunConfig.parse(Data(DemoSource.asanaConfig.utf8), origin: "built-in")
        #expect(asanaBuiltIn.source == asanaDemo.source && asanaBuiltIn.destination == asanaDemo.destination)
        #expect(asanaBuiltIn.mapping == asanaDemo.mapping && asanaBuiltIn.connection == asanaDemo.connection)
        let clickUpDemo = try RunConfig.load(path: root.appendingPathComponent("Config/demo-clickup.json").path)
        let clickUpBuiltIn = try RunConfig.parse(Data(DemoSource.clickUpConfig.utf8), origin: "built-in")
        #expect(clickUpBuiltIn.source == clickUpDemo.source && clickUpBuiltIn.destination == clickUpDemo.destination)
        #expect(clickUpBuiltIn.mapping == clickUpDemo.mapping && clickUpBuiltIn.connection == clickUpDemo.connection)
        let batch = try BatchConfig.load(path: root.appendingPathComponent("Config/migration.example.json").path)
        #expect(batch.runs.map(\.name) == ["ENG (Cloud)", "OPS (Cloud, everything)", "LEGACY (Data Center)"])

        let cli = try CLIHarness()
        let fixture = try JiraSandboxFixture(JiraSandboxConfig(issues: 120, projectKeys: ["ENG"]))
        let connect = try await cli.run(
            [
                "connect", "jira", "--name", "work-jira", "--url", fixture.url, "--email", fixture.config.email,
                "--token-stdin",
                "--db", "tributary.sqlite",
            ], stdin: fixture.config.apiToken)
        #expect(connect.status == 0, "\(connect.stderr)")
        let example = root.appendingPathComponent("Config/jira.example.json").path
        let run = try await cli.run(["run", example, "--db", "tributary.sqlite"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("capped import from jira into \"Engineering\""))
        let workspace = try Workspace(path: cli.folder.file("tributary.sqlite"))
        let count = try workspace.db.scalar("SELECT COUNT(*) FROM tasks").intValue ?? 0
        #expect(count > 0)
        #expect(
            try workspace.db.scalar("SELECT COUNT(*) FROM tasks WHERE labels_json NOT LIKE '%backend%'").intValue == 0)
    }
}
