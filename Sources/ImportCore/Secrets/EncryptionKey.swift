import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The 32-byte key that seals stored credentials. It comes from `TRIBUTARY_ENCRYPTION_KEY` (base64 or
/// hex) or from a key file readable by its owner only (mode 0600), created by `tributary init`.
public struct EncryptionKey: Sendable, CustomStringConvertible {
    let bytes: [UInt8]

    /// Where the key came from, for messages (never the key itself).
    public let origin: String

    /// Where the key came from, never the key.
    public var description: String { "EncryptionKey(from \(origin))" }

    /// Parses 32 bytes written as base64 (standard or URL-safe, padded or not) or hex.
    public init(encoded text: String, origin: String) throws(VaultError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .malformedKey("the key is empty") }
        if trimmed.count == 64, let bytes = EncryptionKey.decodeHex(trimmed) {
            self.bytes = bytes
        } else if let bytes = EncryptionKey.decodeBase64(trimmed) {
            guard bytes.count == AESGCM.keySize else {
                throw .malformedKey("it decodes to \(bytes.count) bytes, 32 are needed")
            }
            self.bytes = bytes
        } else {
            throw .malformedKey("it is neither base64 nor 64 hex digits")
        }
        self.origin = origin
    }

    init(bytes: [UInt8], origin: String) {
        self.bytes = bytes
        self.origin = origin
    }

    /// A new random key.
    public static func generate() throws(VaultError) -> EncryptionKey {
        EncryptionKey(bytes: try AESGCM.randomBytes(AESGCM.keySize), origin: "generated")
    }

    /// The key as base64, for writing a key file.
    public var base64: String { Data(bytes).base64EncodedString() }

    /// The default key file: `TRIBUTARY_KEY_FILE`, else `$XDG_CONFIG_HOME/tributary/key`, else `~/.config/tributary/key`.
    public static func defaultKeyFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["TRIBUTARY_KEY_FILE"], !explicit.isEmpty { return explicit }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/tributary/key" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.config/tributary/key"
    }

    /// Loads the key: the environment variable first, then the key file.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment, keyFile: String? = nil
    ) throws(VaultError) -> EncryptionKey {
        if let value = environment["TRIBUTARY_ENCRYPTION_KEY"], !value.isEmpty {
            return try EncryptionKey(encoded: value, origin: "TRIBUTARY_ENCRYPTION_KEY")
        }
        let path = keyFile ?? defaultKeyFile(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else { throw .missingKey(keyFile: path) }
        return try fromKeyFile(path)
    }

    /// Reads a key file, refusing one that others can read or write.
    public static func fromKeyFile(_ path: String) throws(VaultError) -> EncryptionKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .keyFileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 {
            throw .insecureKeyFile(path: path, mode: String(mode, radix: 8))
        }
        // A folder others may write to lets them replace the key file (and so the key) under us.
        let folder = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent().path
        var folderInfo = stat()
        if stat(folder, &folderInfo) == 0, folderInfo.st_mode & 0o022 != 0, folderInfo.st_mode & S_ISVTX == 0 {
            throw .insecureKeyFolder(path: folder, mode: String(folderInfo.st_mode & 0o777, radix: 8))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .keyFileUnreadable(path: path, reason: "cannot read it")
        }
        return try EncryptionKey(encoded: String(decoding: data, as: UTF8.self), origin: path)
    }

    /// Creates a key file with a new random key (mode 0600, its folder 0700). Refuses to overwrite one.
    @discardableResult
    public static func createKeyFile(at path: String) throws(VaultError) -> EncryptionKey {
        if FileManager.default.fileExists(atPath: path) {
            throw .keyFileUnreadable(path: path, reason: "a key file already exists there; it was left untouched")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .keyFileUnreadable(path: path, reason: "cannot create its folder: \(error.localizedDescription)")
            }
        }
        let key = try generate()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw .keyFileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let line = Array((key.base64 + "\n").utf8)
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw .keyFileUnreadable(path: path, reason: "cannot write it")
        }
        fchmod(descriptor, 0o600)
        return EncryptionKey(bytes: key.bytes, origin: path)
    }

    static func decodeHex(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count / 2)
        var high: UInt8?
        for character in text.utf8 {
            let value: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let first = high {
                bytes.append(first << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return high == nil ? bytes : nil
    }

    static func decodeBase64(_ text: String) -> [UInt8]? {
        var normalized = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while normalized.count % 4 != 0 { normalized += "=" }
        return Data(base64Encoded: normalized).map { [UInt8]($0) }
    }
}
