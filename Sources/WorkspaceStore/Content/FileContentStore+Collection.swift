import Foundation
import ImportCore

// Stored files outlive their rows only while a kept journal could bring a row back to them.
extension FileContentStore {
    /// Removes the stored files no attachment row refers to and no kept change journal could restore a
    /// row to (a before-image that names the file), and says how many went and how large they were.
    /// It holds the database's write lock while it looks and removes, as `commit` does while it files
    /// a download and records it, so a file another process is filing now is never taken.
    @discardableResult
    public func removeUnreferencedFiles() throws -> RemovedFiles {
        let root = folder + "/sha256"
        let files = FileManager.default
        guard let shards = try? files.contentsOfDirectory(atPath: root) else { return RemovedFiles() }
        return try db.transaction {
            var referenced = Set<String>()
            for row in try db.query(
                """
                SELECT content_sha256 AS digest FROM attachments WHERE content_sha256 IS NOT NULL
                UNION
                SELECT json_extract(before_json, '$.content_sha256') FROM change_journal
                WHERE table_name = 'attachments' AND before_json IS NOT NULL
                """)
            {
                if let digest = row.string("digest") { referenced.insert(digest) }
            }
            var removed = RemovedFiles()
            for shard in shards.sorted() where shard.count == 2 {
                let directory = root + "/" + shard
                for name in (try? files.contentsOfDirectory(atPath: directory)) ?? []
                where Self.isDigest(name, in: shard) && !referenced.contains(name) {
                    let path = directory + "/" + name
                    let size = (try? files.attributesOfItem(atPath: path))?[.size] as? NSNumber
                    guard (try? files.removeItem(atPath: path)) != nil else { continue }
                    removed.files += 1
                    removed.bytes += size?.int64Value ?? 0
                }
            }
            return removed
        }
    }

    /// Whether `name` is a file this store named: 64 lowercase hex digits that begin with `shard`.
    static func isDigest(_ name: String, in shard: String) -> Bool {
        name.utf8.count == 64 && name.hasPrefix(shard)
            && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
