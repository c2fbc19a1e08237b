/// A failure the CLI reports and maps to an exit code. Messages say what to do next.
public struct CLIError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let exitCode: ExitCode

    public init(_ message: String, exitCode: ExitCode = .failure) {
        self.message = message
        self.exitCode = exitCode
    }

    /// A wrong command line (exit 2).
    public static func usage(_ message: String) -> CLIError { CLIError(message, exitCode: .usage) }

    public var description: String { message }
}
