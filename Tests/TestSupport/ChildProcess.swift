import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A child started with `posix_spawn` in a process group of its own, its standard streams on the
/// descriptors given and every other descriptor closed in the child.
///
/// The end-to-end tests used Foundation's `Process`, whose `run()` crashed the whole test process
/// (signal 11 in `memcpy`) about once in two full runs on Linux, with launches serialized. This wrapper
/// keeps only what the tests need: spawn, poll, signal, reap. Children still alive when the test
/// process exits are killed with their groups, so a failing test never leaves a sandbox running.
final class ChildProcess: @unchecked Sendable {
    /// The child's process id (and its process group's).
    let pid: pid_t
    private let outcome = Mutex<Outcome?>(nil)

    /// How the child ended.
    struct Outcome: Sendable {
        /// The exit code, or the signal's number when `signalled`.
        let status: Int32
        /// Whether a signal ended it.
        let signalled: Bool
    }

    /// A failure to start a child: the call that failed and its `errno`.
    struct SpawnError: Error, CustomStringConvertible {
        let call: String
        let code: Int32
        var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `executable` with `arguments` (without the program name), exactly `environment`, in
    /// `directory` when given.
    static func spawn(
        executable: String, arguments: [String], environment: [String: String], directory: String?,
        standardInput: Int32, standardOutput: Int32, standardError: Int32
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (source, target) in [(standardInput, 0), (standardOutput, 1), (standardError, 2)] {
            try check(
                "posix_spawn_file_actions_adddup2", posix_spawn_file_actions_adddup2(&actions, source, Int32(target)))
        }
        try check("posix_spawn_file_actions_addclosefrom_np", GlibcSpawnExtensions.addCloseFrom(&actions, 3))
        if let directory {
            try check("posix_spawn_file_actions_addchdir_np", GlibcSpawnExtensions.addChdir(&actions, directory))
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        try check(
            "posix_spawnattr_setflags",
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF)))
        try check("posix_spawnattr_setpgroup", posix_spawnattr_setpgroup(&attributes, 0))
        // The test process ignores SIGPIPE (a child may exit before reading its input); the child
        // starts with the default action, as from a shell.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        try check("posix_spawnattr_setsigdefault", posix_spawnattr_setsigdefault(&attributes, &defaults))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        Self.killLeftoversAtExit
        var pid = pid_t()
        let started = Self.live.withLock { children -> Int32 in
            let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            if result == 0 { children.insert(pid) }
            return result
        }
        try check("posix_spawn \(executable)", started)
        return ChildProcess(pid: pid)
    }

    /// Whether the child is still running (reaping it once it has ended).
    var isRunning: Bool { reap() == nil }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) { kill(pid, signal) }

    /// Sends `signal` to the child's whole process group (a shell and its pipeline).
    func sendToGroup(_ signal: Int32) { kill(-pid, signal) }

    /// Waits for the child to end (polling every 2 ms; call it from a thread of its own).
    func waitUntilExit() -> Outcome {
        while true {
            if let ended = reap() { return ended }
            usleep(2_000)
        }
    }

    private func reap() -> Outcome? {
        outcome.withLock { outcome in
            if let outcome { return outcome }
            var status: Int32 = 0
            var result: pid_t
            repeat { result = waitpid(pid, &status, WNOHANG) } while result == -1 && errno == EINTR
            guard result == pid || (result == -1 && errno == ECHILD) else { return nil }
            let signal = status & 0x7f
            let ended =
                signal == 0
                ? Outcome(status: (status >> 8) & 0xff, signalled: false) : Outcome(status: signal, signalled: true)
            outcome = ended
            Self.live.withLock { _ = $0.remove(pid) }
            return ended
        }
    }

    private static func check(_ call: String, _ result: Int32) throws {
        if result != 0 { throw SpawnError(call: call, code: result) }
    }

    /// The children started and not yet reaped.
    private static let live = Mutex(Set<pid_t>())

    /// Sets up, once, the exit hook that kills the groups of children still running, and ignores SIGPIPE.
    private static let killLeftoversAtExit: Void = {
        signal(SIGPIPE, SIG_IGN)
        atexit {
            ChildProcess.live.withLock { children in
                for child in children { kill(-child, SIGKILL) }
            }
        }
    }()
}

/// glibc's `posix_spawn` extensions (2.29 and 2.34) that the Swift Glibc module does not declare,
/// looked up by name.
private enum GlibcSpawnExtensions {
    typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) ->
        Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static func addChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String) -> Int32 {
        guard let function = symbol("posix_spawn_file_actions_addchdir_np", as: AddChdir.self) else { return ENOSYS }
        return function(actions, path)
    }

    static func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32 {
        guard let function = symbol("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self) else {
            return ENOSYS
        }
        return function(actions, lowest)
    }

    private static func symbol<Function>(_ name: String, as type: Function.Type) -> Function? {
        guard let address = dlsym(dlopen(nil, RTLD_NOW), name) else { return nil }
        return unsafeBitCast(address, to: type)
    }
}
