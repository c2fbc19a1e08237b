import Foundation

/// A migration batch: many runs (several providers, connections, projects, destinations) executed
/// in order or in parallel across connections, resumable, with one report (see docs/CONFIG.md).
public struct BatchConfig: Sendable {
    /// One import of the batch.
    public struct Run: Sendable {
        /// The run's name in the report.
        public let name: String
        /// Its run config.
        public let config: RunConfig
        /// Whether it continues from the last high-water mark.
        public let incremental: Bool
    }

    /// The owner every run writes for.
    public var owner: String?
    /// The store every run writes into.
    public var database: String?
    /// The runs, in order.
    public var runs: [Run]
    /// Where to write the JSON report.
    public var reportJSON: String?
    /// Where to write the HTML report.
    public var reportHTML: String?
    /// The file it was read from.
    public let origin: String
    /// The document as read, for its fingerprint.
    public let raw: JSONValue

    /// The workspace file the batch names, resolved against the batch file's folder.
    public var databasePath: String? { database.map { ConfigPaths.resolve($0, relativeTo: origin) } }
    /// Where the batch says its JSON report goes, resolved against its folder.
    public var reportJSONPath: String? { reportJSON.map { ConfigPaths.resolve($0, relativeTo: origin) } }
    /// Where the batch says its HTML report goes, resolved against its folder.
    public var reportHTMLPath: String? { reportHTML.map { ConfigPaths.resolve($0, relativeTo: origin) } }

    /// Identifies the batch: a rerun of one batch file resumes it.
    public var fingerprint: String { ContentHash.short(raw) }

    /// Reads a batch file and the run configs it names.
    public static func load(path: String) throws(ConfigError) -> BatchConfig {
        let json = try ConfigFile.document(try ConfigFile.contents(of: path), origin: path)
        var reader = DocumentReader()
        guard
            let top = reader.object(
                json, at: "$", allowed: ["$schema", "description", "owner", "database", "report", "runs"])
        else {
            throw ConfigError(origin: path, problems: reader.problems)
        }
        var batch = BatchConfig(
            owner: reader.string(top["owner"], at: "owner"), database: reader.string(top["database"], at: "database"),
            runs: [],
            reportJSON: nil, reportHTML: nil, origin: path, raw: json)
        if let report = reader.object(top["report"], at: "report", allowed: ["json", "html"], required: false) {
            batch.reportJSON = reader.string(report["json"], at: "report.json")
            batch.reportHTML = reader.string(report["html"], at: "report.html")
        }
        guard let runs = top["runs"]?.arrayValue, !runs.isEmpty else {
            reader.problem("runs", "must be a non-empty list of runs")
            throw ConfigError(origin: path, problems: reader.problems)
        }
        var names = Set<String>()
        for (index, entry) in runs.enumerated() {
            let at = "runs[\(index)]"
            guard let run = reader.object(entry, at: at, allowed: ["name", "config", "incremental"]) else { continue }
            var config: RunConfig?
            switch run["config"] {
            case .some(.string(let file)):
                let candidates = [ConfigPaths.resolve(file, relativeTo: path), file]
                if let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) {
                    do {
                        config = try RunConfig.load(path: found)
                    } catch {
                        for problem in error.problems {
                            reader.problem("\(at).config (\(found)): \(problem.path)", problem.message)
                        }
                    }
                } else {
                    reader.problem("\(at).config", "no config file at \"\(file)\"")
                }
            case .some(.object):
                do {
                    config = try RunConfig.parse(JSONWriter().data(run["config"]!), origin: "\(path) \(at).config")
                    config?.pathsRelativeTo = path
                } catch {
                    for problem in error.problems { reader.problem("\(at).config.\(problem.path)", problem.message) }
                }
            default:
                reader.problem("\(at).config", "missing: a config file path or an inline run config")
            }
            let name =
                reader.string(run["name"], at: "\(at).name") ?? config.map {
                    "\($0.source.provider):\($0.source.containers.joined(separator: ","))"
                } ?? "run \(index + 1)"
            if !names.insert(name).inserted {
                reader.problem("\(at).name", "\"\(name)\" is used twice; run names must be unique")
            }
            let incremental = reader.bool(run["incremental"], at: "\(at).incremental", default: false)
            if let config { batch.runs.append(Run(name: name, config: config, incremental: incremental)) }
        }
        guard reader.problems.isEmpty else { throw ConfigError(origin: path, problems: reader.problems) }
        return batch
    }
}
