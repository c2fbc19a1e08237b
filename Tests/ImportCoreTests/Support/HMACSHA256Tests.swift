import ImportCore
import Testing

/// HMAC-SHA256 as webhook signatures use it; the expected codes are RFC 4231's published ones.
@Suite("HMAC-SHA256")
struct HMACSHA256Tests {
    @Test("RFC 4231: a short key, and a key longer than the block (hashed first)")
    func rfcCodes() {
        #expect(
            HMACSHA256.hex(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(
            HMACSHA256.hex(
                key: [UInt8](repeating: 0xaa, count: 131),
                message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test("the comparison: equal only for the same bytes, never for another length")
    func comparison() {
        let code = HMACSHA256.code(key: Array("secret".utf8), message: Array("{}".utf8))
        #expect(HMACSHA256.constantTimeEqual(code, code))
        var forged = code
        forged[31] ^= 1
        #expect(!HMACSHA256.constantTimeEqual(code, forged))
        #expect(!HMACSHA256.constantTimeEqual(code, Array(code.prefix(31))))
        #expect(!HMACSHA256.constantTimeEqual([], code))
    }
}
