import Foundation
import ImportCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small HTTP/1.1 server for webhook deliveries, bounded wherever a sender could push: the head's
/// and the body's size, how long a request may take to arrive, how many connections are open at once
/// (past that, 503 at once). One request per connection; the handler answers from memory.
final class WebhookServer: Sendable {
    /// The bounds.
    struct Limits: Sendable {
        var maxHeadBytes = 16 << 10
        var maxBodyBytes = 1 << 20
        /// The whole request must arrive within this.
        var requestSeconds = 10.0
        var maxConnections = 32
    }

    /// Answers a request that was read whole.
    typealias Handler = @Sendable (IncomingRequest) -> OutgoingResponse

    /// The port it listens on.
    let port: UInt16
    /// The address it listens on.
    let host: String
    private let listenSocket: Int32
    private let limits: Limits
    private let handler: Handler
    private let state = Mutex<(running: Bool, clients: Set<Int32>)>((true, []))

    /// Listens on `host:port` (0: any free port) and starts serving.
    init(host: String, port: UInt16, limits: Limits = Limits(), handler: @escaping Handler) throws(CLIError) {
        signal(SIGPIPE, SIG_IGN)
        let listening: (descriptor: Int32, port: UInt16)
        do {
            listening = try IPv4Socket.listen(host: host, port: port, backlog: 64)
        } catch {
            throw CLIError(
                "\(error)\n  hint: --host takes an IPv4 address such as 127.0.0.1; pick another --port if it is taken.")
        }
        self.port = listening.port
        self.host = host
        self.listenSocket = listening.descriptor
        self.limits = limits
        self.handler = handler
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "webhook-accept"
        thread.start()
    }

    deinit { stop() }

    /// Stops accepting and closes every open connection.
    func stop() {
        let first = state.withLock { state -> Bool in
            guard state.running else { return false }
            state.running = false
            for client in state.clients { shutdown(client, Int32(SHUT_RDWR)) }
            return true
        }
        guard first else { return }
        shutdown(listenSocket, Int32(SHUT_RDWR))
        close(listenSocket)
    }

    private func acceptLoop() {
        while state.withLock({ $0.running }) {
            let client = accept(listenSocket, nil, nil)
            if client < 0 {
                if state.withLock({ $0.running }), [EINTR, ECONNABORTED, EAGAIN, EPROTO, EMFILE].contains(errno) {
                    if errno == EMFILE { usleep(10_000) }
                    continue
                }
                return
            }
            IPv4Socket.setTimeouts(client, seconds: 2)
            let admitted = state.withLock { state -> Bool in
                guard state.running, state.clients.count < limits.maxConnections else { return false }
                state.clients.insert(client)
                return true
            }
            guard admitted else {
                Self.write(
                    .message(503, "too many deliveries at once; retry later", headers: ["Retry-After": "5"]), to: client
                )
                close(client)
                continue
            }
            let thread = Thread { [self] in
                let response = read(client).map(handler) ?? nil
                if let response { Self.write(response, to: client) }
                state.withLock { state in
                    state.clients.remove(client)
                    close(client)
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Reads one request whole within the limits; answers a refusal itself (and returns `nil`) when
    /// it cannot, or `nil` silently when the peer went away.
    private func read(_ client: Int32) -> IncomingRequest? {
        let deadline = Date().addingTimeInterval(limits.requestSeconds)
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        func refuse(_ status: Int, _ reason: String) -> IncomingRequest? {
            Self.write(.message(status, reason), to: client)
            return nil
        }
        func receive() -> Bool? {
            guard Date() < deadline else { return nil }
            let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer += chunk[0..<count]
                return true
            }
            // Nothing within the receive timeout: wait on until the request's time is up.
            if count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR {
                return Date() < deadline ? true : nil
            }
            return false
        }
        var headEnd: Int?
        var searched = 0
        while headEnd == nil {
            // Only what arrived since the last look is searched (a head trickled in byte by byte
            // must not cost a scan of everything per byte).
            headEnd = HTTPWire.headEnd(in: buffer, from: searched - 3)
            searched = buffer.count
            if headEnd != nil { break }
            guard buffer.count <= limits.maxHeadBytes else { return refuse(431, "the request head is too large") }
            switch receive() {
            case true?: continue
            case false?: return nil
            case nil: return refuse(408, "the request did not arrive in time")
            }
        }
        guard let headEnd, headEnd <= limits.maxHeadBytes else { return refuse(431, "the request head is too large") }
        let head: (method: String, path: String, headers: [String: String])
        do {
            head = try IncomingRequest.head(buffer[..<headEnd])
        } catch {
            return refuse(error.status, error.reason)
        }
        if head.headers["transfer-encoding"] != nil { return refuse(411, "send a Content-Length, not chunks") }
        guard let lengthText = head.headers["content-length"], let length = Int(lengthText), length >= 0 else {
            return refuse(411, "a Content-Length is required")
        }
        guard length <= limits.maxBodyBytes else {
            return refuse(413, "the body is larger than \(limits.maxBodyBytes) bytes")
        }
        let bodyStart = headEnd + 4
        while buffer.count - bodyStart < length {
            switch receive() {
            case true?: continue
            case false?: return nil
            case nil: return refuse(408, "the request did not arrive in time")
            }
        }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        return IncomingRequest(method: head.method, path: head.path, headers: head.headers, body: body)
    }

    private static func write(_ response: OutgoingResponse, to client: Int32) {
        IPv4Socket.sendAll(response.bytes, to: client)
    }
}
