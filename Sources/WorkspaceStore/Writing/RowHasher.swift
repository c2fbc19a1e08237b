import ImportCore

/// Builds content hashes of rows: each column's name and value in a fixed order, unambiguously
/// delimited, then SHA-256. Equal mapped values give equal hashes; no sorting, no JSON on the way.
struct RowHasher {
    private var bytes: [UInt8] = []

    init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    mutating func add(_ name: String, _ value: SQLValue) {
        bytes.append(contentsOf: name.utf8)
        bytes.append(0x1F)
        switch value {
        case .null: bytes.append(0x00)
        case .integer(let number):
            bytes.append(0x01)
            bytes.append(contentsOf: String(number).utf8)
        case .real(let number):
            bytes.append(0x02)
            bytes.append(contentsOf: JSONValue.format(number: number).utf8)
        case .text(let text):
            bytes.append(0x03)
            bytes.append(contentsOf: String(text.utf8.count).utf8)
            bytes.append(0x3A)
            bytes.append(contentsOf: text.utf8)
        case .blob(let blob):
            bytes.append(0x04)
            bytes.append(contentsOf: String(blob.count).utf8)
            bytes.append(0x3A)
            bytes.append(contentsOf: blob)
        }
        bytes.append(0x1E)
    }

    mutating func add(_ name: String, _ text: String?) { add(name, SQLValue(text)) }

    /// Lower-case hex SHA-256 of everything added.
    func finish() -> String { SHA256.hex(bytes) }
}
