import Foundation
import ImportCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The loopback socket steps: listen on a free port, connect, send whole; refusals say why.
@Suite("IPv4 sockets")
struct IPv4SocketTests {
    @Test("a listener on a free port takes a connection and every byte sent")
    func roundTrip() throws {
        let (listener, port) = try IPv4Socket.listen(host: "127.0.0.1", port: 0)
        defer { close(listener) }
        #expect(port > 0)
        let client = try #require(IPv4Socket.connectLoopback(port: port, seconds: 5))
        defer { close(client) }
        let server = accept(listener, nil, nil)
        #expect(server >= 0)
        defer { close(server) }
        let payload = [UInt8](repeating: 0x5a, count: 200_000)
        // A writer on its own thread: the reader below empties the kernel buffers as it goes.
        let writer = Thread { IPv4Socket.sendAll(payload, to: client) }
        writer.start()
        IPv4Socket.setTimeouts(server, seconds: 5)
        var received = 0
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while received < payload.count {
            let count = chunk.withUnsafeMutableBytes { recv(server, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            #expect(chunk[0..<count].allSatisfy { $0 == 0x5a })
            received += count
        }
        #expect(received == payload.count)
    }

    @Test("nothing listening: no connection; not an address, or a taken port: a reason")
    func refusals() throws {
        let (listener, port) = try IPv4Socket.listen(host: "127.0.0.1", port: 0)
        close(listener)
        #expect(IPv4Socket.connectLoopback(port: port, seconds: 1) == nil)
        #expect(throws: IPv4Socket.Failure.self) { try IPv4Socket.listen(host: "localhost", port: 0) }
        let (taken, takenPort) = try IPv4Socket.listen(host: "127.0.0.1", port: 0)
        defer { close(taken) }
        do {
            _ = try IPv4Socket.listen(host: "127.0.0.1", port: takenPort)
            Issue.record("a taken port was listened on twice")
        } catch {
            #expect(error.description.contains("\(takenPort)"))
        }
    }
}
