import Foundation
import ImportCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the sandbox could not start.
public struct SandboxServerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// The message.
    public var description: String { message }
}

/// A minimal HTTP/1.1 server on 127.0.0.1 over POSIX sockets: keep-alive, Content-Length bodies,
/// one thread per connection, and fault injection (latency, 429/500/503, dropped connections,
/// truncated JSON) for every path except `/__sandbox/…` control endpoints.
public final class SandboxServer: Sendable {
    /// Answers one request (the emulator's routing).
    public typealias Handler = @Sendable (SandboxRequest) -> SandboxResponse

    /// The port it listens on (127.0.0.1).
    public let port: UInt16
    private let listenSocket: Int32
    private let handler: Handler
    private struct State {
        var running = true
        var clients: Set<Int32> = []
        var requests = 0
        var faults: FaultInjector?
        var latencyMilliseconds = 0
    }

    private let state: Mutex<State>

    /// `http://127.0.0.1:<port>`
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Binds 127.0.0.1 on `port` (0: an ephemeral port) and starts serving.
    public init(port: UInt16 = 0, faults: FaultPlan = FaultPlan(), handler: @escaping Handler) throws {
        signal(SIGPIPE, SIG_IGN)
        let descriptor: Int32
        do {
            (descriptor, self.port) = try IPv4Socket.listen(host: "127.0.0.1", port: port)
        } catch {
            throw SandboxServerError(message: error.description)
        }
        self.listenSocket = descriptor
        self.handler = handler
        var initial = State()
        initial.faults = faults.isEmpty ? nil : FaultInjector(plan: faults)
        initial.latencyMilliseconds = faults.latencyMilliseconds
        self.state = Mutex(initial)
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "sandbox-accept-\(self.port)"
        thread.start()
    }

    deinit { stop() }

    /// Replaces the fault plan (counts restart).
    public func setFaults(_ plan: FaultPlan) {
        state.withLock {
            $0.faults = plan.isEmpty ? nil : FaultInjector(plan: plan)
            $0.latencyMilliseconds = plan.latencyMilliseconds
        }
    }

    /// Faults injected since the plan was set.
    public var injectedFaults: [InjectedFault: Int] { state.withLock { $0.faults?.counts ?? [:] } }

    /// Requests answered so far (control endpoints included).
    public var requestCount: Int { state.withLock { $0.requests } }

    /// Stops accepting and closes every open connection.
    public func stop() {
        // Only the first stop closes: a descriptor closed twice may already belong to another socket.
        // Client sockets are shut down under the lock, before their threads can close them.
        let first = state.withLock { state -> Bool in
            guard state.running else { return false }
            state.running = false
            for client in state.clients { shutdown(client, Int32(SHUT_RDWR)) }
            state.clients = []
            return true
        }
        guard first else { return }
        shutdown(listenSocket, Int32(SHUT_RDWR))
        close(listenSocket)
    }

    private var isRunning: Bool { state.withLock { $0.running } }

    private func acceptLoop() {
        while isRunning {
            let client = accept(listenSocket, nil, nil)
            if client < 0 {
                // A peer that gave up before we accepted (ECONNABORTED), or a signal: keep serving.
                if isRunning
                    && (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN || errno == EPROTO
                        || errno == EMFILE)
                {
                    if errno == EMFILE { usleep(10_000) }
                    continue
                }
                return
            }
            var one: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            var timeout = timeval(tv_sec: 60, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            let accepted = state.withLock { state -> Bool in
                guard state.running else { return false }
                state.clients.insert(client)
                return true
            }
            guard accepted else {
                close(client)
                return
            }
            let thread = Thread { [self] in
                serve(client)
                state.withLock { state in
                    state.clients.remove(client)
                    close(client)
                }
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        var buffer = [UInt8]()
        buffer.reserveCapacity(16 * 1024)
        while isRunning {
            guard let request = readRequest(client, buffer: &buffer) else { return }
            let isControl = request.path.hasPrefix("/__sandbox")
            var fault: InjectedFault?
            var latency = 0
            state.withLock { state in
                state.requests += 1
                if !isControl {
                    fault = state.faults?.draw()
                    latency = state.latencyMilliseconds
                }
            }
            if latency > 0 { usleep(useconds_t(latency * 1000)) }
            var response: SandboxResponse
            switch fault {
            case .rateLimited?:
                let seconds = state.withLock { $0.faults?.plan.retryAfterSeconds ?? 1 }
                response = .json(
                    429, #"{"errorMessages":["Rate limit exceeded."],"errors":{}}"#,
                    headers: ["Retry-After": String(seconds)])
            case .serverError500?:
                response = .json(500, #"{"errorMessages":["Internal server error"],"errors":{}}"#)
            case .unavailable503?:
                response = .text(503, "<html><body>Service Unavailable</body></html>", contentType: "text/html")
            default:
                response = handler(request)
            }
            let keepAlive = request.header("connection")?.lowercased() != "close"
            switch fault {
            case .droppedMidBody?:
                writeResponse(client, response, keepAlive: keepAlive, cutBodyAt: max(1, response.body.count / 2))
                return
            case .truncatedJSON?:
                response.body = response.body.prefix(max(1, response.body.count / 2))
                writeResponse(client, response, keepAlive: keepAlive, cutBodyAt: nil)
            default:
                writeResponse(client, response, keepAlive: keepAlive, cutBodyAt: nil)
            }
            if !keepAlive { return }
        }
    }

    /// Reads one request (headers and Content-Length body); `nil` when the peer closed or sent garbage.
    private func readRequest(_ client: Int32, buffer: inout [UInt8]) -> SandboxRequest? {
        var headerEnd: Int?
        while true {
            if let end = HTTPWire.headEnd(in: buffer) {
                headerEnd = end
                break
            }
            if buffer.count > 1 << 20 { return nil }
            guard receive(client, into: &buffer) else { return nil }
        }
        guard let headerEnd else { return nil }
        let head = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let bodyStart = headerEnd + 4
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < bodyStart + length {
            guard receive(client, into: &buffer) else { return nil }
        }
        let body = Data(buffer[bodyStart..<(bodyStart + length)])
        buffer.removeSubrange(0..<(bodyStart + length))
        let target = String(requestLine[1])
        var path = target
        var query: [String: String] = [:]
        if let question = target.firstIndex(of: "?") {
            path = String(target[..<question])
            for pair in target[target.index(after: question)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = Self.decode(String(parts[0]))
                query[name] = parts.count > 1 ? Self.decode(String(parts[1])) : ""
            }
        }
        return SandboxRequest(
            method: String(requestLine[0]), path: path.removingPercentEncoding ?? path, rawPath: path, query: query,
            headers: headers,
            body: body)
    }

    private func receive(_ client: Int32, into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<count])
        return true
    }

    private func writeResponse(_ client: Int32, _ response: SandboxResponse, keepAlive: Bool, cutBodyAt: Int?) {
        var head = "HTTP/1.1 \(response.status) \(SandboxResponse.reason(response.status))\r\n"
        var headers = response.headers
        headers["Content-Length"] = String(response.body.count)
        headers["Connection"] = keepAlive && cutBodyAt == nil ? "keep-alive" : "close"
        headers["Server"] = "tributary-sandbox"
        if headers["Date"] == nil { headers["Date"] = HTTPDate.format(Date()) }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        let body = cutBodyAt.map { response.body.prefix($0) } ?? response.body
        switch response.pacing {
        case .immediate:
            guard IPv4Socket.sendAll(Array(head.utf8) + body, to: client) else { return }
        case .stallBeforeHeaders(let seconds):
            guard pause(seconds), IPv4Socket.sendAll(Array(head.utf8) + body, to: client) else { return }
        case .trickle(let size, let interval):
            guard IPv4Socket.sendAll(Array(head.utf8), to: client) else { return }
            var offset = body.startIndex
            while offset < body.endIndex {
                let end = body.index(offset, offsetBy: max(1, size), limitedBy: body.endIndex) ?? body.endIndex
                guard pause(interval), IPv4Socket.sendAll(Array(body[offset..<end]), to: client) else { return }
                offset = end
            }
        }
        if cutBodyAt != nil { shutdown(client, Int32(SHUT_RDWR)) }
    }

    /// Sleeps `seconds` in short steps; false when the server stopped meanwhile.
    private func pause(_ seconds: Double) -> Bool {
        var left = seconds
        while left > 0 {
            guard isRunning else { return false }
            let step = min(left, 0.05)
            usleep(useconds_t(step * 1_000_000))
            left -= step
        }
        return isRunning
    }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? text
    }
}
