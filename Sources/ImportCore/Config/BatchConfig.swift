import Foundation

/// A migration batch: many runs (several providers, connections, projects, destinations) executed
/// in order or in parallel across connections, resumable, with one report (see docs/CONFIG.md).
public struct BatchConfig: Sendable {
    public struct Run: Sendable {
        public let name: String
        public let config: RunConfig
        public let incremental: Bool
    }

    public var owner: String?
    public var database: String?
    public var runs: [Run]
    public var reportJSON: String?
    public var reportHTML: String?
    public let origin: String
    public let raw: JSONValue

    public var fingerprint: String { ContentHash.short(raw) }

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
        let folder = (path as NSString).deletingLastPathComponent
        var names = Set<String>()
        for (index, entry) in runs.enumerated() {
            let at = "runs[\(index)]"
            guard let run = reader.object(entry, at: at, allowed: ["name", "config", "incremental"]) else { continue }
            var config: RunConfig?
            switch run["config"] {
            case .some(.string(let file)):
                let candidates = [file, (folder as NSString).appendingPathComponent(file)]
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
