/// The sandbox's projects: keys (`DEMO`, `OPS`, … or the configured ones), names and numeric ids.
struct WorldContainers: Sendable {
    let keys: [String]

    init(count: Int, keys configured: [String]?) {
        let wanted = max(1, configured?.count ?? count)
        keys = (0..<wanted).map { index in
            if let configured, index < configured.count { return configured[index] }
            return index < WorldVocabulary.projectKeys.count ? WorldVocabulary.projectKeys[index] : "P\(index + 1)"
        }
    }

    var count: Int { keys.count }

    func key(_ index: Int) -> String { keys[index] }

    func name(_ index: Int) -> String {
        if let position = WorldVocabulary.projectKeys.firstIndex(of: keys[index]) {
            return WorldVocabulary.projectNames[position]
        }
        return "Project \(keys[index])"
    }

    func id(_ index: Int) -> Int { 10_000 + index }
}
