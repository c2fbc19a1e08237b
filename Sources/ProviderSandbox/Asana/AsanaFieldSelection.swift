import ImportCore

/// What `opt_fields` asks a record to carry: top-level fields, and inside an object the fields its
/// dotted paths name (`assignee.email`); an object named without a path comes compact.
struct AsanaFieldSelection: Sendable {
    private let paths: Set<String>

    /// The selection `opt_fields=a,b.c` names; empty when the parameter is absent.
    init(_ parameter: String?) {
        paths = Set(
            (parameter ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            })
    }

    /// Whether nothing was asked for: records come compact.
    var isEmpty: Bool { paths.isEmpty }

    /// Whether the top-level field `name` is asked for (itself, or a path inside it).
    func wants(_ name: String) -> Bool { paths.contains(name) || paths.contains { $0.hasPrefix(name + ".") } }

    /// The object `full` of field `name` with only the keys its paths name (`gid` and
    /// `resource_type` always): `name.email` keeps `email`; `name` alone keeps `name` too.
    func object(_ name: String, _ full: JSONValue) -> JSONValue {
        guard case .object(let all) = full else { return full }
        let prefix = name + "."
        var keys: Set<String> = ["gid", "resource_type"]
        for path in paths where path.hasPrefix(prefix) {
            keys.insert(String(path.dropFirst(prefix.count).prefix { $0 != "." }))
        }
        if paths.contains(name) { keys.insert("name") }
        return .object(all.filter { keys.contains($0.key) })
    }
}
