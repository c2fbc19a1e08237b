import ImportCore

/// The content of a sandbox attachment: `size` bytes, the same every time for the same id (a line
/// naming the attachment, repeated), so an import can be checked byte for byte.
enum AttachmentBytes {
    static func content(id: Int, size: Int) -> [UInt8] {
        let line = Array("tributary sandbox attachment \(id)\n".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, size))
        while bytes.count < size { bytes += line.prefix(size - bytes.count) }
        return bytes
    }

    /// The SHA-256 of `content(id:size:)`, lower-case hex.
    static func digest(id: Int, size: Int) -> String { SHA256.hex(content(id: id, size: size)) }
}
