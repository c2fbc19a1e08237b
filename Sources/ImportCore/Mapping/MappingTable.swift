/// A declarative mapping table: how one provider's raw records become canonical records.
/// Users edit it as JSON (`Providers/<provider>/mapping.json`); see docs/MAPPING.md for the format.
public struct MappingTable: Sendable {
    /// The table format this version reads.
    public static let supportedFormat = 1

    /// The table's format version.
    public let format: Int
    /// The provider it maps (`jira`).
    public let provider: String
    /// What the table is for, in the author's words.
    public let description: String?
    /// Parameters and their defaults; a run config's `mapping.params` overrides them.
    public let params: [String: JSONValue]
    /// Custom fields by alias (`$storyPoints`), resolved per site.
    public let customFields: [String: CustomFieldSpec]
    /// The rules for each kind of record.
    public let records: [RecordKind: RecordMapping]
    /// How a source record names itself and where its children sit.
    public let identity: RecordIdentity
    /// How the source's person objects read.
    public let people: PeopleShape
    /// Where the table was read from, for messages.
    public let origin: String

    /// A table. Without an `identity`, the record's id and label are read where the task rules read
    /// `external_id` and `external_key`, and no child paths are known.
    public init(
        format: Int, provider: String, description: String?, params: [String: JSONValue],
        customFields: [String: CustomFieldSpec], records: [RecordKind: RecordMapping], identity: RecordIdentity? = nil,
        people: PeopleShape = .common, origin: String
    ) {
        self.format = format
        self.provider = provider
        self.description = description
        self.params = params
        self.customFields = customFields
        self.records = records
        let rules = records[.task]?.rules ?? []
        let idPaths = rules.first { $0.target == "external_id" }?.from ?? []
        self.identity =
            identity
            ?? RecordIdentity(
                id: idPaths, label: (rules.first { $0.target == "external_key" }?.from ?? []) + idPaths,
                childSources: [:])
        self.people = people
        self.origin = origin
    }

    /// Every source path the table reads (rules, conditions, templates, `each`), for providers that
    /// request only the fields they need.
    public var sourcePaths: [SourcePath] {
        var paths: [SourcePath] = []
        for kind in RecordKind.allCases {
            guard let mapping = records[kind] else { continue }
            // A child mapped `within` an outer list is reached through both (`changelog.histories[*].items[*]`).
            let eachPaths = mapping.eachPaths.compactMap { each in mapping.within?.appending(each.text) ?? each }
            let prefix =
                eachPaths + (mapping.within.map { [$0] } ?? [])
                + (mapping.filter?.paths.filter(\.fromRoot) ?? [])
            paths += prefix
            for rule in mapping.rules {
                var own =
                    rule.from + (rule.guardCondition?.paths ?? []) + rule.conditionalValues.flatMap(\.condition.paths)
                for transform in rule.transforms {
                    if case .template(let template) = transform {
                        own += template.placeholders.compactMap { name, path in params[name] == nil ? path : nil }
                    }
                }
                // Paths inside a child rule are relative to the child item, reached through `each`:
                // they are read as `each` followed by the path (`comments.nodes[*].body`).
                if kind == .task {
                    paths += own
                } else {
                    paths += own.filter(\.fromRoot)
                    if let within = mapping.within {
                        paths += own.filter(\.fromGroup).compactMap { within.appending($0.relativeText) }
                    }
                    for each in eachPaths {
                        paths += own.filter { !$0.fromRoot && !$0.fromGroup }.compactMap { each.appending($0.text) }
                    }
                }
            }
        }
        return paths
    }

    /// Every source path the table reads, as text, with custom field aliases replaced by their ids.
    public func resolvedSourcePaths(fieldIDs: [String: String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for path in sourcePaths {
            var text = path.text
            for alias in path.aliases {
                text = text.replacingOccurrences(of: "$" + alias, with: fieldIDs[alias] ?? alias)
            }
            if seen.insert(text).inserted { result.append(text) }
        }
        return result
    }

    /// The source fields under `fields.` the table reads (Jira's `fields` request parameter).
    public func sourceFields(prefix: String = "fields", fieldIDs: [String: String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for path in sourcePaths {
            if let key = path.key(after: prefix, fieldIDs: fieldIDs), seen.insert(key).inserted { result.append(key) }
        }
        return result
    }
}
