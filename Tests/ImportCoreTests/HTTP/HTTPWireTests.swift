import ImportCore
import Testing

/// Reading raw HTTP/1.x: where a head ends (searched again from where a reader stopped) and an
/// answer's status; short, partial and foreign bytes answer nothing rather than trap.
@Suite("HTTP wire")
struct HTTPWireTests {
    @Test("the head's end, from the start or from where the last search stopped")
    func headEnd() {
        let message = Array("POST / HTTP/1.1\r\nA: b\r\n\r\nbody".utf8)
        #expect(HTTPWire.headEnd(in: message) == 21)
        #expect(HTTPWire.headEnd(in: message, from: 19) == 21)
        #expect(HTTPWire.headEnd(in: message, from: -3) == 21)
        #expect(HTTPWire.headEnd(in: Array(message.prefix(24))) == nil)
        // Searching again with nothing new (from past the last place a head could start) is no trap.
        #expect(HTTPWire.headEnd(in: Array(message.prefix(20)), from: 17) == nil)
        #expect(HTTPWire.headEnd(in: Array(message.prefix(20)), from: 500) == nil)
        #expect(HTTPWire.headEnd(in: []) == nil)
    }

    @Test("an answer's status; anything else is none")
    func status() {
        #expect(HTTPWire.status(of: Array("HTTP/1.1 202 Accepted\r\n".utf8)) == 202)
        #expect(HTTPWire.status(of: Array("HTTP/1.0 401\r\n".utf8)) == 401)
        for wrong in [
            "", "HTTP/2 200 OK", "HTTP/1.1 abc", "SSH-2.0 x", "HTTP/1.1 99999999999999999999", "HTTP/1.1 2000 x",
        ] {
            #expect(HTTPWire.status(of: Array(wrong.utf8)) == nil, "\(wrong)")
        }
    }
}
