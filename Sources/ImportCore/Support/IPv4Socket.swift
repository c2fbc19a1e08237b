#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few TCP-over-IPv4 steps the loopback servers and clients share (the sandbox, the webhook
/// listener, the sandbox's webhook deliveries): listening, connecting, sending whole, timeouts.
public enum IPv4Socket {
    /// Why a socket could not listen.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What failed, with the system's reason.
        public let description: String
    }

    /// A new TCP socket, or `nil`.
    static func open() -> Int32? {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        return descriptor >= 0 ? descriptor : nil
    }

    /// The address of `host` (dotted IPv4) and `port`, or `nil` when `host` is not one.
    static func address(_ host: String, port: UInt16) -> sockaddr_in? {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return nil }
        return address
    }

    /// A socket listening on `host:port` (0: any free port) and the port it got.
    public static func listen(host: String, port: UInt16, backlog: Int32 = 128) throws(Failure) -> (
        descriptor: Int32, port: UInt16
    ) {
        guard var address = address(host, port: port) else {
            throw Failure(description: "\"\(host)\" is not an IPv4 address such as 127.0.0.1")
        }
        guard let descriptor = open() else {
            throw Failure(description: "socket() failed: \(String(cString: strerror(errno)))")
        }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #if canImport(Glibc)
            let listening = bound == 0 && Glibc.listen(descriptor, backlog) == 0
        #else
            let listening = bound == 0 && Darwin.listen(descriptor, backlog) == 0
        #endif
        guard listening else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "cannot listen on \(host):\(port): \(reason)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return (descriptor, UInt16(bigEndian: actual.sin_port))
    }

    /// A socket connected to 127.0.0.1:`port`, its reads timing out after `seconds`; `nil` when
    /// nothing listens there.
    public static func connectLoopback(port: UInt16, seconds: Int) -> Int32? {
        guard var address = address("127.0.0.1", port: port), let descriptor = open() else { return nil }
        setTimeouts(descriptor, seconds: seconds)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// Sets how long a read or a write on `descriptor` may wait.
    public static func setTimeouts(_ descriptor: Int32, seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes every byte of `bytes` (never raising SIGPIPE); `false` when the peer went away.
    @discardableResult
    public static func sendAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { raw -> Int in
                #if canImport(Glibc)
                    return send(descriptor, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
                #else
                    return send(descriptor, raw.baseAddress, raw.count, 0)
                #endif
            }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }
}
