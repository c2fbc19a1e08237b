import Foundation
import ImportCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes text to a file descriptor (stdout, stderr) without ever trapping: when the reader has
/// gone away (a closed pipe), `onClosed` is told once and later writes are dropped.
final class DescriptorWriter: Sendable {
    private let descriptor: Int32
    private let closed = Locked(false)
    private let onClosed: @Sendable () -> Void

    /// A writer to `descriptor`; `onClosed` runs once, on the first write nobody can receive.
    init(_ descriptor: Int32, onClosed: @escaping @Sendable () -> Void = {}) {
        self.descriptor = descriptor
        self.onClosed = onClosed
    }

    /// Writes all of `text`, or stops at the first write the reader cannot receive.
    func write(_ text: String) {
        guard !closed.value else { return }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { buffer in
                systemWrite(descriptor, buffer.baseAddress, buffer.count)
            }
            if written > 0 {
                bytes = bytes.dropFirst(written)
                continue
            }
            if written < 0, errno == EINTR { continue }
            if written < 0, errno == EAGAIN {
                usleep(1000)
                continue
            }
            let first = closed.update { isClosed -> Bool in
                defer { isClosed = true }
                return !isClosed
            }
            if first { onClosed() }
            return
        }
    }
}

/// The C library's `write`, under a name that does not clash with the method.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
    #else
        Darwin.write(descriptor, bytes, count)
    #endif
}
