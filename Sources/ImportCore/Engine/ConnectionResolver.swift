import Foundation

/// Opens the connection a run config names: a stored one (its secret decrypted in memory only, and
/// only for the owner it belongs to) or an inline one whose token comes from an environment variable.
public enum ConnectionResolver {
    /// The connection `reference` names, for `provider`, opened (no I/O).
    public static func resolve(
        _ reference: RunConfig.ConnectionReference, provider providerID: String, owner: Owner,
        connections: any ConnectionStore, registry: ProviderRegistry, environment: [String: String],
        options base: ConnectionOptions,
        vault: () throws -> CredentialVault, requestLog: HTTPClient.Logger? = nil
    ) throws -> ResolvedConnection {
        let provider = try registry.require(providerID)
        switch reference {
        case .named(let name):
            let record = try connections.requireConnection(owner: owner, name: name)
            guard record.provider == provider.id else {
                throw ConfigError(
                    origin: "config", path: "connection",
                    message:
                        "the connection \"\(name)\" is a \(record.provider) connection, but source.provider is \"\(provider.id)\""
                )
            }
            let credentials = try connections.credentials(owner: owner, name: name, vault: try vault())
            var options = base
            options.extras = record.settings.merging(base.extras) { $1 }
            let settings = try ConnectionSettings(
                baseURL: record.baseURL, credentials: credentials, options: options, requestLog: requestLog)
            return ResolvedConnection(
                provider: provider, connection: try provider.connect(settings), record: record, label: name,
                redactor: Redactor(credentials: credentials))
        case .inline(_, let url, let email, let tokenEnv, let kind):
            guard let token = environment[tokenEnv], !token.isEmpty else {
                throw ConfigError(
                    origin: "config", path: "connection.tokenEnv",
                    message: "the environment variable \(tokenEnv) is not set; export the token in it before running")
            }
            let credentials = Credentials(kind: kind, username: email, secret: SecretString(token))
            let settings = try ConnectionSettings(
                baseURL: url, credentials: credentials, options: base, requestLog: requestLog)
            return ResolvedConnection(
                provider: provider, connection: try provider.connect(settings), record: nil, label: url,
                redactor: Redactor(credentials: credentials))
        }
    }
}
