import ImportCore

extension CommandContext {
    /// The token for `connect`/`rotate`: from stdin (`--token-stdin`, `--pat-stdin`, `--key-stdin`) or
    /// from the environment variable named by `--token-env`. Never from the command line itself.
    func readSecret() throws -> SecretString {
        let fromStdin = ["token-stdin", "pat-stdin", "key-stdin"].contains { arguments.flag($0) }
        if let variable = arguments.value("token-env") {
            guard !fromStdin else {
                throw CLIError.usage("give the token either on stdin or with --token-env, not both")
            }
            guard let value = environment[variable], !value.isEmpty else {
                throw CLIError.usage(
                    "the environment variable \(variable) is not set or empty\n  hint: export \(variable)=… first, or pipe the token: … | tributary \(command) --token-stdin"
                )
            }
            return SecretString(value.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard fromStdin else {
            throw CLIError.usage(
                "no token given\n  hint: pipe it on stdin with --token-stdin (API token), --pat-stdin (Data Center personal access token) or --key-stdin (API key), or name an environment variable with --token-env; tokens are never taken from the command line"
            )
        }
        if console.stdinIsTTY { console.err("Paste the token, then press Enter and Ctrl-D:") }
        let text = console.readAllInput()
        guard !text.isEmpty else {
            throw CLIError.usage(
                "stdin was empty: pipe the token, e.g. `printf %s \"$JIRA_TOKEN\" | tributary \(command) …`")
        }
        return SecretString(text)
    }

    /// Which kind of credential the flags describe, for `provider`.
    func authKind(for provider: any Provider, email: String?) throws -> AuthKind {
        let kinds = provider.descriptor.authKinds
        let wanted: AuthKind
        if arguments.flag("pat-stdin") {
            wanted = .personalAccessToken
        } else if arguments.flag("key-stdin") {
            wanted = .apiKey
        } else if email != nil {
            wanted = .emailToken
        } else if arguments.flag("token-stdin"), kinds.contains(.emailToken) {
            // An API token is half a credential for such a source: asking first spares a 401 that
            // would only say "unauthorized" after a round trip.
            throw CLIError.usage(
                "--token-stdin reads an API token, which \(provider.displayName) pairs with the account's email: add --email you@example.com\n  hint: for a Data Center personal access token use --pat-stdin instead."
            )
        } else {
            wanted = kinds.first { $0 != .emailToken } ?? kinds[0]
        }
        guard kinds.contains(wanted) else {
            let hint =
                wanted == .emailToken
                ? "\(provider.displayName) does not use an email: drop --email"
                : "\(provider.displayName) accepts: \(kinds.map(\.humanName).joined(separator: ", "))"
            if kinds == [.emailToken] || (kinds.contains(.emailToken) && email == nil && !arguments.flag("pat-stdin")) {
                throw CLIError.usage("\(provider.displayName) needs --email with the API token\n  hint: \(hint)")
            }
            throw CLIError.usage("\(provider.displayName) does not accept \(wanted.humanName)\n  hint: \(hint)")
        }
        return wanted
    }
}
