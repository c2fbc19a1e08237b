import Foundation
import ImportCore
import ProviderSandbox

/// A sandbox the demo imports from, started in this process: the connection it offers, the people
/// and milestones a local team would already have, and the demo's built-in run config for it.
struct DemoSource {
    /// The provider the sandbox emulates.
    let provider: String
    /// The name the demo connects it under.
    let connectionName: String
    /// The address the connection uses.
    let url: String
    /// One line saying what is being served.
    let banner: String
    /// People of the sandbox (email nil when hidden), some of whom the demo adds to the workspace.
    let people: [(name: String, email: String?)]
    /// Milestone titles a local team would already have.
    let milestoneTitles: [String]
    /// The credentials the sandbox accepts.
    let credentials: Credentials
    /// The run config the demo runs (`Config/demo*.json` say the same).
    let runConfig: String
    /// Stops the sandbox.
    let stop: @Sendable () -> Void

    /// The providers the demo can import from.
    static let providers = ["jira", "linear", "asana", "clickup"]

    /// Starts the sandbox for `provider` on its fixed port when free (re-runs keep the same URLs).
    static func start(_ provider: String, issues: Int) throws -> DemoSource {
        switch provider {
        case "linear": return try linear(issues: issues)
        case "asana": return try asana(issues: issues)
        case "clickup": return try clickUp(issues: issues)
        case "jira": return try jira(issues: issues)
        default:
            throw CLIError.usage(
                "the demo imports from \(providers.joined(separator: ", ")), not \(provider)\(Suggestions.closest(provider, among: providers).map { "; did you mean \($0)?" } ?? "")"
            )
        }
    }

    static func jira(issues: Int) throws -> DemoSource {
        let config = JiraSandboxConfig(issues: issues, projects: 2, seed: 42)
        let sandbox = try (try? JiraSandbox(config: config, port: 47_089)) ?? JiraSandbox(config: config, port: 0)
        return DemoSource(
            provider: "jira", connectionName: "demo-sandbox", url: sandbox.baseURL,
            banner:
                "Jira sandbox: \(sandbox.baseURL) (\(issues) issues in \(sandbox.projectKeys.joined(separator: ", ")))",
            people: sandbox.people, milestoneTitles: sandbox.epics(project: "DEMO").prefix(2).map(\.summary),
            credentials: .emailToken(email: config.email, token: config.apiToken), runConfig: jiraConfig,
            stop: { sandbox.stop() })
    }

    static func linear(issues: Int) throws -> DemoSource {
        let config = LinearSandboxConfig(issues: issues, teams: 2, seed: 42)
        let sandbox = try (try? LinearSandbox(config: config, port: 47_090)) ?? LinearSandbox(config: config, port: 0)
        return DemoSource(
            provider: "linear", connectionName: "demo-linear", url: sandbox.endpoint,
            banner:
                "Linear sandbox: \(sandbox.endpoint) (\(issues) issues in teams \(sandbox.teamKeys.joined(separator: ", ")))",
            people: sandbox.people.map { ($0.name, Optional($0.email)) }, milestoneTitles: [],
            credentials: .apiKey(config.apiKey), runConfig: linearConfig, stop: { sandbox.stop() })
    }

    static func asana(issues: Int) throws -> DemoSource {
        let config = AsanaSandboxConfig(issues: issues, projects: 2, seed: 42)
        let sandbox = try (try? AsanaSandbox(config: config, port: 47_091)) ?? AsanaSandbox(config: config, port: 0)
        return DemoSource(
            provider: "asana", connectionName: "demo-asana", url: sandbox.apiBase,
            banner:
                "Asana sandbox: \(sandbox.apiBase) (\(issues) tasks in projects \(sandbox.projectGIDs.joined(separator: ", ")))",
            people: sandbox.people, milestoneTitles: [], credentials: .personalAccessToken(config.token),
            runConfig: asanaConfig, stop: { sandbox.stop() })
    }

    static func clickUp(issues: Int) throws -> DemoSource {
        let config = ClickUpSandboxConfig(issues: issues, lists: 2, seed: 42)
        let sandbox = try (try? ClickUpSandbox(config: config, port: 47_092)) ?? ClickUpSandbox(config: config, port: 0)
        return DemoSource(
            provider: "clickup", connectionName: "demo-clickup", url: sandbox.apiBase,
            banner:
                "ClickUp sandbox: \(sandbox.apiBase) (\(issues) tasks in lists \(sandbox.listIDs.joined(separator: ", ")))",
            people: sandbox.people, milestoneTitles: [], credentials: .apiKey(config.token), runConfig: clickUpConfig,
            stop: { sandbox.stop() })
    }

    /// The Jira demo's run config (`Config/demo.json`).
    static let jiraConfig = """
        {"connection": "demo-sandbox",
         "source": {"provider": "jira", "containers": ["DEMO"], "includeClosed": true, "cap": null,
                    "comments": true, "worklogs": true, "attachments": true, "reconcileDeletes": true},
         "destination": {"project": "Demo import", "createProject": true, "createMilestones": false},
         "mapping": {"params": {"hoursPerStoryPoint": 2.0}}}
        """

    /// The Linear demo's run config (`Config/demo-linear.json`): Linear has no worklogs, and its
    /// projects become milestones.
    static let linearConfig = """
        {"connection": "demo-linear",
         "source": {"provider": "linear", "containers": ["DEMO"], "includeClosed": true, "cap": null,
                    "comments": true, "worklogs": false, "attachments": true, "reconcileDeletes": true},
         "destination": {"project": "Demo import (Linear)", "createProject": true, "createMilestones": true},
         "mapping": {"params": {"hoursPerStoryPoint": 2.0}}}
        """

    /// The Asana demo's run config (`Config/demo-asana.json`): the sandbox's first project (Asana
    /// names projects by gid); Asana has no worklogs, and its milestones become milestones.
    static let asanaConfig = """
        {"connection": "demo-asana",
         "source": {"provider": "asana", "containers": ["1300000000000"], "includeClosed": true, "cap": null,
                    "comments": true, "worklogs": false, "attachments": true, "reconcileDeletes": true},
         "destination": {"project": "Demo import (Asana)", "createProject": true, "createMilestones": true},
         "mapping": {"params": {"hoursPerStoryPoint": 2.0}}}
        """

    /// The ClickUp demo's run config (`Config/demo-clickup.json`): the sandbox's folder (its first
    /// list; ClickUp names lists by id); time entries become worklogs, milestones milestones.
    static let clickUpConfig = """
        {"connection": "demo-clickup",
         "source": {"provider": "clickup", "containers": ["folder:90150020"], "includeClosed": true, "cap": null,
                    "comments": true, "worklogs": true, "attachments": true, "reconcileDeletes": true},
         "destination": {"project": "Demo import (ClickUp)", "createProject": true, "createMilestones": true},
         "mapping": {"params": {"hoursPerStoryPoint": 2.0}}}
        """
}
