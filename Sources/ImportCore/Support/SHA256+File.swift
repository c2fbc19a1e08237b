import CCrypto
import Foundation

extension SHA256 {
    /// Lower-case hex SHA-256 of the file at `path` and its size, read 1 MB at a time (memory stays
    /// flat whatever the size); `nil` when the file cannot be read.
    public static func fileDigest(path: String) -> (hex: String, size: Int)? {
        guard let file = FileHandle(forReadingAtPath: path), let context = EVP_MD_CTX_new() else { return nil }
        defer {
            EVP_MD_CTX_free(context)
            try? file.close()
        }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else { return nil }
        var size = 0
        while true {
            let chunk: Data
            do {
                chunk = try file.read(upToCount: 1 << 20) ?? Data()
            } catch {
                return nil
            }
            if chunk.isEmpty { break }
            size += chunk.count
            let ok = chunk.withUnsafeBytes { EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
            guard ok == 1 else { return nil }
        }
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &output, &length) == 1 else { return nil }
        return (hexText(output), size)
    }
}
