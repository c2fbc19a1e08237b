import Foundation
import ImportCore
import LinearProvider
import ProviderSandbox

/// A Linear sandbox on an ephemeral loopback port, with helpers to connect to it.
public final class LinearSandboxFixture: Sendable {
    public let sandbox: LinearSandbox

    public init(_ config: LinearSandboxConfig = LinearSandboxConfig()) throws {
        sandbox = try LinearSandbox(config: config)
    }

    deinit { sandbox.stop() }

    /// The GraphQL endpoint (`http://127.0.0.1:<port>/graphql`).
    public var url: String { sandbox.endpoint }
    public var config: LinearSandboxConfig { sandbox.config }

    /// Options for tests: fast retries.
    public func options(maxAttempts: Int = 6) -> ConnectionOptions {
        ConnectionOptions(
            maxConcurrentRequests: 4, requestTimeout: 10, maxAttempts: maxAttempts, backoffBase: 0.01, backoffCap: 0.05)
    }

    /// The personal API key the sandbox accepts.
    public var validCredentials: Credentials { .apiKey(config.apiKey) }

    public func connection(_ credentials: Credentials? = nil, maxAttempts: Int = 6) throws -> any ProviderConnection {
        try LinearProvider().connect(
            ConnectionSettings(
                baseURL: url, credentials: credentials ?? validCredentials, options: options(maxAttempts: maxAttempts)))
    }
}
