import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Files Tributary writes for the user alone: created 0600, and never written through a symlink
/// someone planted at the path (the bytes go to a new file beside it, which then replaces the path
/// itself, atomically: a reader sees the old file or the new one, never half of one).
public enum PrivateFile {
    /// Writes `data` to `path` as described above.
    public static func write(_ data: Data, to path: String) throws(PrivateFileError) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(UUID().uuidString.prefix(8)).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw PrivateFileError(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        do {
            try handle.write(contentsOf: data)
        } catch {
            failure = error.localizedDescription
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw PrivateFileError(path: path, reason: failure)
        }
    }

    /// Creates an empty file at `path` for the user alone, unless something (file or symlink) is there.
    /// Returns whether it created one.
    @discardableResult
    public static func createIfMissing(_ path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }
}
