import Foundation
import Synchronization

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
        let (process, out, err) = try start(arguments, environment: environment, stdin: stdin, directory: directory)
        return await finish(process, out, err, within: timeout)
    }

    /// A child started with `launch`, still running or finished.
    public final class Running: @unchecked Sendable {
        let process: Process
        let out: FileHandle
        let err: FileHandle

        init(_ started: (Process, FileHandle, FileHandle)) {
            (process, out, err) = started
        }

        /// Sends `signal` (SIGINT to stop a server as Ctrl-C would).
        public func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

        /// Waits (suspending, never blocking a pool thread) for the exit, SIGKILL after `timeout`.
        public func wait(timeout: Double = 120) async -> Result {
            await CLIProcess.finish(process, out, err, within: timeout)
        }
    }

    /// Starts `arguments` and returns at once; `wait()` collects the result.
    public static func launch(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        Running(try start(arguments, environment: environment, stdin: nil, directory: nil))
    }

    /// Values handed to the waiting thread while the caller is suspended (used from one thread at a time).
    struct Handoff<Value>: @unchecked Sendable { let value: Value }

    /// Runs `body` on a thread of its own and suspends until it returns: waiting and polling never block
    /// a thread of Swift's small pool, and are never delayed by a busy one.
    static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.start()
        }
    }

    static func finish(_ process: Process, _ out: FileHandle, _ err: FileHandle, within timeout: Double) async
        -> Result
    {
        let handoff = Handoff(value: (process, out, err))
        return await onOwnThread { finishBlocking(handoff.value.0, handoff.value.1, handoff.value.2, within: timeout) }
    }

    static func finishBlocking(_ process: Process, _ out: FileHandle, _ err: FileHandle, within timeout: Double)
        -> Result
    {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(2_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out.readDataToEndOfFile(), as: UTF8.self),
            stderr: String(decoding: err.readDataToEndOfFile(), as: UTF8.self),
            signalled: process.terminationReason == .uncaughtSignal)
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
        let (process, out, err) = try start(arguments, environment: environment, stdin: nil, directory: directory)
        let killer = Killer(process: process, out: out, err: err, signal: signal, condition: condition)
        return try await onOwnThread { killer.run() }.get()
    }

    /// Polls a condition and kills a child when it holds; used from the one thread that polls.
    final class Killer: @unchecked Sendable {
        let process: Process
        let out: FileHandle
        let err: FileHandle
        let condition: () throws -> Bool
        let signal: Int32

        init(
            process: Process, out: FileHandle, err: FileHandle, signal: Int32,
            condition: @escaping () throws -> Bool
        ) {
            self.process = process
            self.out = out
            self.err = err
            self.signal = signal
            self.condition = condition
        }

        func run() -> Swift.Result<Result, any Error> {
            let deadline = Date().addingTimeInterval(120)
            while process.isRunning && Date() < deadline {
                let holds: Bool
                do {
                    holds = try condition()
                } catch {
                    kill(process.processIdentifier, SIGKILL)
                    _ = finishBlocking(process, out, err, within: 120)
                    return .failure(error)
                }
                if holds {
                    kill(process.processIdentifier, signal)
                    break
                }
                usleep(2_000)
            }
            return .success(finishBlocking(process, out, err, within: 120))
        }
    }

    /// Runs another copy of the binary (`executable`, e.g. one copied out of the repository).
    public static func run(
        executable: URL, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
        directory: String? = nil, timeout: Double = 120
    ) async throws -> Result {
        let (process, out, err) = try start(
            arguments, environment: environment, stdin: stdin, directory: directory, executable: executable)
        return await finish(process, out, err, within: timeout)
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
        let (process, out, err) = try start(
            ["-c", script], environment: environment, stdin: nil, directory: directory,
            executable: URL(fileURLWithPath: "/bin/bash"))
        return await finish(process, out, err, within: timeout)
    }

    static func start(
        _ arguments: [String], environment: [String: String], stdin: String?, directory: String?,
        executable: URL? = nil
    ) throws
        -> (
            Process, FileHandle, FileHandle
        )
    {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in ["TRIBUTARY_DB", "TRIBUTARY_OWNER", "TRIBUTARY_ENCRYPTION_KEY", "TRIBUTARY_KEY_FILE"] {
            env[key] = nil
        }
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        // Output goes to files, not pipes: a chatty child must never block on a full pipe.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tributary-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let outURL = folder.appendingPathComponent("stdout")
        let errURL = folder.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try launch(process)
            input.fileHandleForWriting.write(Data(stdin.utf8))
            try? input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try launch(process)
        }
        return (process, try FileHandle(forReadingFrom: outURL), try FileHandle(forReadingFrom: errURL))
    }

    /// One launch at a time: Foundation's `Process.run` on Linux has crashed copying its arguments
    /// while other tests launched children on other threads (signal 11 in `memcpy`, seen once in
    /// `swift test` with dozens of children started in parallel).
    static let launches = Mutex(())

    static func launch(_ process: Process) throws {
        try launches.withLock { _ in try process.run() }
    }
}
