/// The documented exit codes of `tributary`.
public enum ExitCode: Int32, Sendable {
    case ok = 0
    /// Something failed; the message says what and what to do.
    case failure = 1
    /// The command line or a config/mapping file is wrong; nothing was done.
    case usage = 2
    /// The source rejected the credentials.
    case authentication = 3
    /// The import finished but some records failed (listed in the report).
    case partial = 4
    /// Stopped on request (Ctrl-C; SIGTERM ends with 143, a closed output pipe with 141).
    case interrupted = 130
}
