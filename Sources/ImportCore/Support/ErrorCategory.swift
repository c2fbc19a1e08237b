/// What kind of failure an error is, in the terms a user acts on: every error type Tributary throws
/// reports one, and the command line turns it into an exit code.
public enum ErrorCategory: String, Sendable, Hashable {
    /// The source refused the credentials (exit 3).
    case authentication
    /// The config, mapping table, URL or command line cannot be used as written (exit 2).
    case configuration
    /// Anything else: the source or the destination failed (exit 1).
    case failure
    /// The run was stopped on request (Ctrl-C: exit 130, SIGTERM: 143) after a whole page.
    case interrupted
}
