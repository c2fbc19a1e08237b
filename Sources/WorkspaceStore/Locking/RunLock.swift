import Foundation
import ImportCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a run could not take its lock.
public struct RunLockError: Error, Sendable, CustomStringConvertible, CategorizedError {
    /// A held lock fails the run (exit 1): another run of the config is going.
    public var category: ErrorCategory { .failure }

    /// Another process holds the lock (what it wrote in the lock file, when readable); `nil` when the
    /// lock could not be used at all (see `problem`).
    public let holder: String?
    /// Why the lock file or its folder cannot be used, when that is the failure.
    public let problem: String?
    /// The database the lock guards.
    public let database: String

    init(holder: String?, database: String) {
        self.holder = holder
        self.problem = nil
        self.database = database
    }

    init(problem: String, database: String) {
        self.holder = nil
        self.problem = problem
        self.database = database
    }

    /// Who holds the lock, or what is wrong with it, and what to do.
    public var description: String {
        if let problem {
            return
                "cannot take the run lock of \(database): \(problem)\n  hint: the lock lives in \(database).locks/, a folder for you alone; remove whatever took its place and run again."
        }
        return
            "another import of the same config is running on \(database)\(holder.map { " (\($0))" } ?? "")\n  hint: wait for it to finish (`tributary jobs` shows it), or stop it; a killed run resumes where it stopped."
    }
}

/// An exclusive, process-crash-safe lock for one config on one database: an advisory `flock` on a
/// file in a folder beside the database (`<database>.locks/`), so every process that opens that
/// database (whatever its temporary folder) meets the same lock. The folder is created for the user
/// alone (0700), and neither it nor the lock file is followed when it is a symlink someone planted.
/// The kernel releases the lock when the process dies, so a killed run never leaves a stale lock.
public final class RunLock: RunLease {
    private let descriptor: Int32
    /// The lock file.
    public let path: String

    /// Takes the lock or throws `RunLockError` naming the holder.
    public init(database: String, fingerprint: String) throws(RunLockError) {
        let resolved = URL(fileURLWithPath: database).standardizedFileURL.resolvingSymlinksInPath().path
        let folder = resolved + ".locks"
        if mkdir(folder, 0o700) != 0 && errno != EEXIST {
            throw RunLockError(
                problem: "cannot create \(folder): \(String(cString: strerror(errno)))", database: database)
        }
        var info = stat()
        guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid() else {
            throw RunLockError(
                problem: "\(folder) is not a folder of yours (a symlink or another user's)", database: database)
        }
        path = folder + "/" + String(SHA256.hex(fingerprint).prefix(24)) + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = errno == ELOOP ? "it is a symlink" : String(cString: strerror(errno))
            throw RunLockError(problem: "cannot open \(path): \(reason)", database: database)
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 200)
            let count = pread(fd, &buffer, buffer.count, 0)
            close(fd)
            let holder =
                count > 0
                ? String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                : nil
            throw RunLockError(holder: holder, database: database)
        }
        ftruncate(fd, 0)
        let note = Array("pid \(getpid()) since \(Timestamp.now().iso8601)\n".utf8)
        _ = note.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = fd
    }

    deinit { release() }

    private func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
