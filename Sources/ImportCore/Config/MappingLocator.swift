import Foundation

/// Finds mapping tables: the path a run config names (relative to the working directory, then to
/// the config's folder), or the provider's default `Providers/<provider>/mapping.json` looked up in the
/// working directory, `TRIBUTARY_HOME`, and the folders above the executable.
public enum MappingLocator {
    /// The mapping table a config means: its own, or the provider's shipped one.
    public static func path(
        for config: RunConfig, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> String {
        if let table = config.mapping.table {
            let folder = (config.origin as NSString).deletingLastPathComponent
            var candidates = [table]
            if !table.hasPrefix("/") {
                candidates += [folder, (folder as NSString).deletingLastPathComponent].map {
                    ($0 as NSString).appendingPathComponent(table)
                }
                candidates += searchRoots(environment).map { ($0 as NSString).appendingPathComponent(table) }
            }
            for candidate in candidates where FileManager.default.fileExists(atPath: candidate) { return candidate }
            throw ConfigError(
                origin: config.origin, path: "mapping.table",
                message:
                    "no mapping table at \"\(table)\" (looked in the working directory, next to the config and in TRIBUTARY_HOME)"
            )
        }
        if let found = defaultTable(provider: config.source.provider, environment: environment) { return found }
        throw ConfigError(
            origin: config.origin, path: "mapping.table",
            message:
                "the default table Providers/\(config.source.provider)/mapping.json was not found; run from the Tributary folder, set TRIBUTARY_HOME, or name a table in mapping.table"
        )
    }

    /// The provider's shipped table, if it can be found.
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
