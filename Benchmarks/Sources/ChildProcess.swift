import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a child process and reports its wall time and peak memory. The child runs under
/// `/usr/bin/time -v`, which forks it: `ru_maxrss` of a process started with `posix_spawn` from this
/// one would include this process's own memory (Linux carries the spawning memory's high-water mark
/// over `exec`), and this process hosts the sandbox.
struct ChildProcess {
    struct Result {
        let status: Int32
        let seconds: Double
        /// Peak resident set size of the child, in kibibytes.
        let maxRSSKiB: Int
    }

    /// Runs `executable` (its output goes to `child.out` and `child.err` in `directory`).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String], directory: String)
        throws -> Result
    {
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let timer = "/usr/bin/time"
        let timed = FileManager.default.isExecutableFile(atPath: timer)
        let command = timed ? [timer, "-v", executable] + arguments : [executable] + arguments
        let argv = command.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, directory + "/child.out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, directory + "/child.err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var pid: pid_t = 0
        let started = Date()
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw BenchError("cannot start \(command[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Date().timeIntervalSince(started)
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
        var peak = Int(usage.ru_maxrss)
        if timed, let report = try? String(contentsOfFile: directory + "/child.err", encoding: .utf8),
            let line = report.split(separator: "\n").first(where: { $0.contains("Maximum resident set size") }),
            let value = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        {
            peak = value
        }
        return Result(status: exitCode, seconds: seconds, maxRSSKiB: peak)
    }
}

/// A benchmark that could not run.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
