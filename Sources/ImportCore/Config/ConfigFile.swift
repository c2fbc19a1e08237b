import Foundation

/// Reading a config or batch file: its bytes and its JSON, or the error saying why not.
enum ConfigFile {
    /// A config file's bytes, or the error saying it cannot be read.
    static func contents(of path: String) throws(ConfigError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(origin: path, path: "$", message: "cannot read the file (missing or unreadable)")
        }
        return data
    }

    /// The JSON document in `data`, or the error saying it is not JSON.
    static func document(_ data: Data, origin: String) throws(ConfigError) -> JSONValue {
        do {
            return try JSONParser.parse(data)
        } catch {
            throw ConfigError(origin: origin, path: "$", message: "not JSON: \(error.described(in: data))")
        }
    }
}
