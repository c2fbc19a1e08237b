extension UserMap {
    /// The map in a JSON file (`{"<account id or source email>": "<workspace email>"}`, or that object
    /// under a `map` key), or every problem in it.
    public static func load(path: String) throws(ConfigError) -> UserMap {
        let json = try ConfigFile.document(try ConfigFile.contents(of: path), origin: path)
        var reader = DocumentReader()
        let map = reader.userMap(json.objectValue?["map"] ?? json, at: json["map"] == nil ? "$" : "map")
        guard reader.problems.isEmpty else { throw ConfigError(origin: path, problems: reader.problems) }
        return map
    }
}
