import Foundation
import ImportCore

// Answers shared by the endpoints: Jira's error collection, the dead-link page, the renderer.
extension JiraSandbox {
    var zone: TimeZone { TimeZone(identifier: config.userTimeZone) ?? .gmt }

    func makeRenderer(version: Int) -> JiraRenderer {
        JiraRenderer(
            base: baseURL, apiVersion: version, deployment: config.deployment,
            users: state.withLock { $0.world.users }, zone: zone,
            storyPointsField: config.storyPointsField.id, embeddedChildLimit: config.embeddedChildLimit,
            projects: projects)
    }

    func notFoundPage() -> SandboxResponse {
        .text(
            404,
            "<!DOCTYPE html><html><head><title>Oops, you've found a dead link. - JIRA</title></head><body>Oops, you've found a dead link.</body></html>",
            contentType: "text/html;charset=UTF-8")
    }

    func errorCollection(_ messages: [String], errors: [String: String] = [:]) -> String {
        JSONValue.object([
            "errorMessages": .array(messages.map(JSONValue.string)),
            "errors": .object(errors.mapValues(JSONValue.string)),
        ]).jsonText
    }
}
