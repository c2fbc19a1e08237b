import ImportCore

/// Hex helpers for test vectors.
public func hexBytes(_ text: String) -> [UInt8] {
    guard let bytes = Hex.bytes(text) else { fatalError("not hex: \(text)") }
    return bytes
}

public func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let text = String(byte, radix: 16)
        return text.count == 1 ? "0" + text : text
    }.joined()
}
