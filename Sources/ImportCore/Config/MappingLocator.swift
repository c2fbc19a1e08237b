import Foundation

/// Finds the mapping table a run config means. A table the config names (`mapping.table`) is looked
/// up next to the config first (relative paths in a config are relative to the config), then, for
/// configs written before that rule, in the working directory and `TRIBUTARY_HOME`. Without one, the
/// provider's `Providers/<id>/mapping.json` on disk (working directory, `TRIBUTARY_HOME`, the folders
/// above the executable) overrides the table built into the provider.
public enum MappingLocator {
    /// The table `config` means for `provider`, or a configuration error saying where it was looked for.
    public static func source(
        for config: RunConfig, provider: (any Provider)?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> MappingSource {
        if let table = config.mapping.table {
            let anchor = config.pathsRelativeTo.isEmpty ? config.origin : config.pathsRelativeTo
            var candidates = [ConfigPaths.resolve(table, relativeTo: anchor)]
            if !table.hasPrefix("/") {
                candidates.append(table)
                if let home = environment["TRIBUTARY_HOME"], !home.isEmpty {
                    candidates.append((home as NSString).appendingPathComponent(table))
                }
            }
            for candidate in candidates {
                if let data = FileManager.default.contents(atPath: candidate) {
                    return MappingSource(origin: candidate, data: data)
                }
            }
            throw ConfigError(
                origin: config.origin, path: "mapping.table",
                message:
                    "no mapping table at \"\(table)\" (looked next to the config, in the working directory and in TRIBUTARY_HOME)"
            )
        }
        if let path = defaultTable(provider: config.source.provider, environment: environment),
            let data = FileManager.default.contents(atPath: path)
        {
            return MappingSource(origin: path, data: data)
        }
        if let shipped = provider?.shippedMappingTable {
            return MappingSource(origin: "built-in \(config.source.provider) mapping table", data: Data(shipped.utf8))
        }
        throw ConfigError(
            origin: config.origin, path: "mapping.table",
            message:
                "\(config.source.provider) has no built-in mapping table and Providers/\(config.source.provider)/mapping.json was not found; name a table in mapping.table"
        )
    }

    /// The provider's table on disk (`Providers/<id>/mapping.json`), if one can be found.
    public static func defaultTable(
        provider: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        let relative = "Providers/\(provider)/mapping.json"
        for root in searchRoots(environment) {
            let candidate = (root as NSString).appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The working directory, `TRIBUTARY_HOME`, and the folders above the executable.
    static func searchRoots(_ environment: [String: String]) -> [String] {
        var roots = [FileManager.default.currentDirectoryPath]
        if let home = environment["TRIBUTARY_HOME"], !home.isEmpty { roots.append(home) }
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<6 {
            roots.append(folder.path)
            folder.deleteLastPathComponent()
        }
        return roots
    }
}
