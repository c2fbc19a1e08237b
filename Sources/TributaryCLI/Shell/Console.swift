import Foundation
import ImportCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the CLI writes and reads: stdout, stderr and stdin, with TTY detection.
/// Tests give it buffers; the real binary gives it the process's streams.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let writeOut: @Sendable (String) -> Void
    private let writeErr: @Sendable (String) -> Void
    private let readIn: @Sendable () -> String?
    /// Whether stdout is a terminal (progress bars, colours, prompts).
    public let isTTY: Bool
    /// Whether stdin is a terminal (interactive prompts).
    public let stdinIsTTY: Bool

    /// A console over the given streams.
    public init(
        isTTY: Bool, stdinIsTTY: Bool = false, out: @escaping @Sendable (String) -> Void,
        err: @escaping @Sendable (String) -> Void, readLine: @escaping @Sendable () -> String? = { nil }
    ) {
        self.isTTY = isTTY
        self.stdinIsTTY = stdinIsTTY
        self.writeOut = out
        self.writeErr = err
        self.readIn = readLine
    }

    /// The process's own streams. When nobody reads stdout any more (`tributary demo | head -5`), the
    /// rest of the output is dropped and `stop` is asked to end the command cleanly.
    public static func standard(stop: StopRequest? = nil) -> Console {
        let out = DescriptorWriter(STDOUT_FILENO) { stop?.request(.outputClosed) }
        let err = DescriptorWriter(STDERR_FILENO)
        return Console(
            isTTY: isatty(STDOUT_FILENO) == 1, stdinIsTTY: isatty(STDIN_FILENO) == 1,
            out: { text in out.write(text) }, err: { text in err.write(text) },
            readLine: { Swift.readLine(strippingNewline: true) })
    }

    /// Prints a line on stdout, without the control characters a source may have slipped into it.
    public func out(_ text: String = "") {
        lock.lock()
        defer { lock.unlock() }
        writeOut(TerminalText.sanitized(text) + "\n")
    }

    /// Writes without a newline (a prompt), sanitized like `out`.
    public func outRaw(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        writeOut(TerminalText.sanitized(text))
    }

    /// Redraws the current terminal line with `text` (progress bars): the only output with control
    /// sequences, added here around the sanitized text.
    public func redraw(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        writeOut("\r" + TerminalText.sanitized(text) + "\u{1B}[K")
    }

    /// Prints a line on stderr, sanitized like `out`.
    public func err(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        writeErr(TerminalText.sanitized(text) + "\n")
    }

    /// One line from stdin, or `nil` at end of input.
    public func readLine() -> String? { readIn() }

    /// Reads all of stdin (for `--token-stdin`), trimmed of surrounding whitespace.
    public func readAllInput() -> String {
        var lines: [String] = []
        while let line = readIn() { lines.append(line) }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Prints a JSON value (pretty) to stdout.
    public func json(_ value: JSONValue) {
        out(JSONWriterBridge.pretty(value))
    }
}
