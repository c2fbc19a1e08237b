/// HMAC-SHA256 (RFC 2104) over libcrypto's SHA-256: what signs a webhook delivery.
public enum HMACSHA256 {
    /// SHA-256's block size in bytes.
    static let blockSize = 64

    /// The authentication code of `message` under `key`.
    public static func code(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var block = key.count > blockSize ? SHA256.digest(key) : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        let inner = SHA256.digest(block.map { $0 ^ 0x36 } + message)
        return SHA256.digest(block.map { $0 ^ 0x5c } + inner)
    }

    /// The code of `message` under `key` as lower-case hex.
    public static func hex(key: [UInt8], message: [UInt8]) -> String {
        SHA256.hexText(code(key: key, message: message))
    }

    /// Whether two byte strings are equal, in a time that depends on their length only (a signature
    /// compared byte by byte with an early exit tells an attacker how much of a forgery was right).
    public static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
