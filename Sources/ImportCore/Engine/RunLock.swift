import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a run could not take its lock.
public struct RunLockError: Error, Sendable, CustomStringConvertible {
    public let holder: String?
    public let database: String

    public var description: String {
        "another import of the same config is running on \(database)\(holder.map { " (\($0))" } ?? "")\n  hint: wait for it to finish (`tributary jobs` shows it), or stop it; a killed run resumes where it stopped."
    }
}

/// An exclusive, process-crash-safe lock for one config on one database: an advisory `flock` on a
/// file in the temporary directory. The kernel releases it when the process dies, so a killed run
/// never leaves a stale lock behind.
public final class RunLock: Sendable {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock or throws `RunLockError` naming the holder.
    public init(database: String, fingerprint: String) throws(RunLockError) {
        let resolved = URL(fileURLWithPath: database).standardizedFileURL.resolvingSymlinksInPath().path
        let folder = NSTemporaryDirectory() + "tributary-locks"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/" + String(SHA256.hex(resolved + "|" + fingerprint).prefix(24)) + ".lock"
        let fd = open(path, O_RDWR | O_CREAT, 0o600)
        guard fd >= 0 else { throw RunLockError(holder: "cannot open \(path)", database: database) }
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
