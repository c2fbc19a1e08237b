import CCrypto

/// SHA-256 through libcrypto, for content hashes and config fingerprints.
public enum SHA256 {
    /// The SHA-256 digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var size: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &output, &size, EVP_sha256(), nil)
        }
        precondition(ok == 1, "libcrypto's SHA-256 failed")
        return output
    }

    /// Lower-case hex of the digest of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String { hexText(digest(bytes)) }

    /// A digest as lower-case hex.
    static func hexText(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The SHA-256 digest of `text`'s UTF-8, in hex.
    public static func hex(_ text: String) -> String { hex(Array(text.utf8)) }
}
