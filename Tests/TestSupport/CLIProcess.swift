import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `tributary` binary as a child process, as a user would.
public struct CLIProcess {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        /// Whether the process was killed by a signal.
        public let signalled: Bool
    }

    /// The `tributary` executable next to the test bundle (`.build/<config>/tributary`), or the one
    /// `TRIBUTARY_TEST_BINARY` names (to run the end-to-end tests against another build, e.g. to show
    /// that a test fails on the build before a fix).
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["TRIBUTARY_TEST_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("tributary"),
            Bundle.main.bundleURL.appendingPathComponent("tributary"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
                .appendingPathComponent(".build/debug/tributary"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// The repository root (for shipped configs and mapping tables).
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Runs `arguments` to completion (or until `timeout`, then SIGKILL) and returns its output.
    /// Waiting suspends rather than blocks: tests run in parallel on a small thread pool, and a blocked
    /// pool thread would starve every other test's I/O (and its timeouts) on a two-core machine.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, directory: String? = nil,
        timeout: Double = 120
    ) async throws -> Result {
        let started = try start(arguments, environment: environment, stdin: stdin, directory: directory)
        return await finish(started, within: timeout)
    }

    /// A child started with `launch`, still running or finished.
    public final class Running: Sendable {
        let child: ChildProcess
        let output: Output

        init(_ started: Started) {
            (child, output) = started
        }

        /// Sends `signal` (SIGINT to stop a server as Ctrl-C would).
        public func send(_ signal: Int32) { child.send(signal) }

        /// What the child has written to its standard output so far.
        public var stdoutSoFar: String {
            String(decoding: (try? Data(contentsOf: output.stdout)) ?? Data(), as: UTF8.self)
        }

        /// Waits (suspending, never blocking a pool thread) for the exit, SIGKILL after `timeout`.
        public func wait(timeout: Double = 120) async -> Result {
            await CLIProcess.finish((child, output), within: timeout)
        }
    }

    /// Starts `arguments` and returns at once; `wait()` collects the result.
    public static func launch(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        Running(try start(arguments, environment: environment, stdin: nil, directory: nil))
    }

    /// The files a child's standard output and error go to.
    struct Output: Sendable {
        let stdout: URL
        let stderr: URL
    }

    /// A child just started and where its output goes.
    typealias Started = (child: ChildProcess, output: Output)

    /// Runs `body` on a thread of its own and suspends until it returns: waiting and polling never block
    /// a thread of Swift's small pool, and are never delayed by a busy one.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.start()
        }
    }

    static func finish(_ started: Started, within timeout: Double) async -> Result {
        await onOwnThread { finishBlocking(started, within: timeout) }
    }

    /// Waits for the child, kills its process group after `timeout`, and collects its output (the
    /// folder holding it is removed).
    static func finishBlocking(_ started: Started, within timeout: Double) -> Result {
        let deadline = Date().addingTimeInterval(timeout)
        while started.child.isRunning && Date() < deadline { usleep(2_000) }
        if started.child.isRunning { started.child.sendToGroup(SIGKILL) }
        let outcome = started.child.waitUntilExit()
        let stdout = (try? Data(contentsOf: started.output.stdout)) ?? Data()
        let stderr = (try? Data(contentsOf: started.output.stderr)) ?? Data()
        try? FileManager.default.removeItem(at: started.output.stdout.deletingLastPathComponent())
        return Result(
            status: outcome.status, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self), signalled: outcome.signalled)
    }

    /// Runs `arguments` and sends SIGKILL after `delay` seconds (if it is still running).
    public static func runAndKill(
        _ arguments: [String], after delay: Double, environment: [String: String] = [:], directory: String? = nil
    ) async throws -> Result {
        let started = Date()
        return try await runAndKill(arguments, environment: environment, directory: directory) {
            Date().timeIntervalSince(started) >= delay
        }
    }

    /// Runs `arguments` and sends `signal` (SIGKILL unless told) as soon as `condition` holds (polled
    /// every 2 ms on a thread of its own), if the process is still running then. Progress-based kills do not depend on how
    /// fast the machine is.
    public static func runAndKill(
        _ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
        signal: Int32 = SIGKILL, when condition: @escaping () throws -> Bool
    ) async throws -> Result {
        let started = try start(arguments, environment: environment, stdin: nil, directory: directory)
        let killer = Killer(started: started, signal: signal, condition: condition)
        return try await onOwnThread { killer.run() }.get()
    }

    /// Polls a condition and kills a child when it holds; used from the one thread that polls.
    final class Killer: @unchecked Sendable {
        let started: Started
        let condition: () throws -> Bool
        let signal: Int32

        init(started: Started, signal: Int32, condition: @escaping () throws -> Bool) {
            self.started = started
            self.signal = signal
            self.condition = condition
        }

        func run() -> Swift.Result<Result, any Error> {
            let deadline = Date().addingTimeInterval(120)
            while started.child.isRunning && Date() < deadline {
                let holds: Bool
                do {
                    holds = try condition()
                } catch {
                    started.child.sendToGroup(SIGKILL)
                    _ = finishBlocking(started, within: 120)
                    return .failure(error)
                }
                if holds {
                    started.child.send(signal)
                    break
                }
                usleep(2_000)
            }
            return .success(finishBlocking(started, within: 120))
        }
    }

    /// Runs another copy of the binary (`executable`, e.g. one copied out of the repository).
    public static func run(
        executable: URL, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
        directory: String? = nil, timeout: Double = 120
    ) async throws -> Result {
        let started = try start(
            arguments, environment: environment, stdin: stdin, directory: directory, executable: executable)
        return await finish(started, within: timeout)
    }

    /// The release binary when this run is to test it (`TRIBUTARY_RELEASE_BINARY`, as `.ci/run` sets
    /// after `swift build -c release`), else `binary`.
    public static var releaseBinary: URL {
        if let path = ProcessInfo.processInfo.environment["TRIBUTARY_RELEASE_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path, relativeTo: repositoryRoot).standardizedFileURL
        }
        return binary
    }

    /// Runs `script` with bash (for pipelines such as `tributary run … | head -2`), with the same
    /// environment handling as `run`.
    public static func shell(
        _ script: String, environment: [String: String] = [:], directory: String? = nil, timeout: Double = 120
    ) async throws -> Result {
        let started = try start(
            ["-c", script], environment: environment, stdin: nil, directory: directory,
            executable: URL(fileURLWithPath: "/bin/bash"))
        return await finish(started, within: timeout)
    }

    static func start(
        _ arguments: [String], environment: [String: String], stdin: String?, directory: String?,
        executable: URL? = nil
    ) throws -> Started {
        var env = ProcessInfo.processInfo.environment
        for key in ["TRIBUTARY_DB", "TRIBUTARY_OWNER", "TRIBUTARY_ENCRYPTION_KEY", "TRIBUTARY_KEY_FILE"] {
            env[key] = nil
        }
        for (key, value) in environment { env[key] = value }
        // Output goes to files, not pipes: a chatty child must never block on a full pipe.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tributary-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = Output(
            stdout: folder.appendingPathComponent("stdout"), stderr: folder.appendingPathComponent("stderr"))
        let out = open(output.stdout.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let err = open(output.stderr.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        var input: [Int32] = [-1, -1]
        defer { for fd in [out, err] + input where fd >= 0 { close(fd) } }
        guard out >= 0, err >= 0 else { throw ChildProcess.SpawnError(call: "open \(folder.path)", code: errno) }
        if stdin != nil {
            guard pipe(&input) == 0 else { throw ChildProcess.SpawnError(call: "pipe", code: errno) }
        } else {
            input[0] = open("/dev/null", O_RDONLY | O_CLOEXEC)
        }
        let child = try ChildProcess.spawn(
            executable: (executable ?? binary).path, arguments: arguments, environment: env, directory: directory,
            standardInput: input[0], standardOutput: out, standardError: err)
        if let stdin, input[1] >= 0 {
            let bytes = Array(stdin.utf8)
            var written = 0
            while written < bytes.count {
                let count = bytes[written...].withUnsafeBytes { write(input[1], $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                written += count
            }
        }
        return (child, output)
    }
}
