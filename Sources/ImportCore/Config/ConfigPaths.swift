import Foundation

/// Paths written in a config or batch file: relative ones are relative to that file's folder, so a
/// config means the same thing whatever the working directory.
public enum ConfigPaths {
    /// `path` as written in the file at `origin`: absolute as is (`~` expanded), relative joined to
    /// the file's folder. A config that was not read from a file (`origin` without a folder) keeps
    /// it relative to the working directory.
    public static func resolve(_ path: String, relativeTo origin: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        let folder = (origin as NSString).deletingLastPathComponent
        guard !folder.isEmpty, FileManager.default.fileExists(atPath: origin) else { return expanded }
        return URL(fileURLWithPath: folder).appendingPathComponent(expanded).standardizedFileURL.path
    }
}
