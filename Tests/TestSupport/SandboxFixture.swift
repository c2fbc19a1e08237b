import Foundation
import ImportCore
import JiraProvider
import ProviderSandbox

/// A Jira sandbox on an ephemeral loopback port, with helpers to connect to it.
public final class JiraSandboxFixture: Sendable {
    public let sandbox: JiraSandbox

    public init(_ config: JiraSandboxConfig = JiraSandboxConfig()) throws {
        sandbox = try JiraSandbox(config: config)
    }

    deinit { sandbox.stop() }

    public var url: String { sandbox.baseURL }
    public var config: JiraSandboxConfig { sandbox.config }

    /// Options for tests: fast retries, the sandbox as the scoped-token gateway.
    public func options(extras: [String: String] = [:], maxAttempts: Int = 6) -> ConnectionOptions {
        var all = extras
        all["gatewayURL"] = sandbox.gatewayURL
        return ConnectionOptions(
            maxConcurrentRequests: 4, requestTimeout: 10, maxAttempts: maxAttempts, backoffBase: 0.01, backoffCap: 0.05,
            extras: all)
    }

    /// The credentials the sandbox accepts for its deployment.
    public var validCredentials: Credentials {
        config.deployment == .cloud
            ? .emailToken(email: config.email, token: config.apiToken)
            : .personalAccessToken(config.personalAccessToken)
    }

    public func connection(_ credentials: Credentials? = nil, extras: [String: String] = [:], maxAttempts: Int = 6)
        throws
        -> any ProviderConnection
    {
        try JiraProvider().connect(
            ConnectionSettings(
                baseURL: url, credentials: credentials ?? validCredentials,
                options: options(extras: extras, maxAttempts: maxAttempts)))
    }
}

/// Collects every page of a query.
public func allRecords(_ connection: any ProviderConnection, _ query: RecordQuery, from cursor: PageCursor? = nil)
    async throws
    -> (records: [JSONValue], pages: Int)
{
    var records: [JSONValue] = []
    var pages = 0
    for try await page in connection.pages(query, from: cursor) {
        records += page.records
        pages += 1
    }
    return (records, pages)
}
