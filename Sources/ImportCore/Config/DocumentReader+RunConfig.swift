import Foundation

extension DocumentReader {
    /// A run config read from `json`, every problem recorded; `nil` when it cannot be built.
    mutating func runConfig(_ json: JSONValue, origin: String) -> RunConfig? {
        guard let top = object(json, at: "$", allowed: RunConfig.topKeys) else { return nil }
        let owner = string(top["owner"], at: "owner")
        if let owner, !owner.contains("@") { problem("owner", "must be an email address, found \"\(owner)\"") }
        let database = string(top["database"], at: "database")

        var sourceValue: RunConfig.Source?
        if let source = object(top["source"], at: "source", allowed: RunConfig.sourceKeys) {
            let provider = string(source["provider"], at: "source.provider", required: true)?.lowercased() ?? ""
            // `containers` and `filter` are every provider's names; Jira's `projects` and `jql` stay
            // accepted for them (they were the first names).
            let containersKey = aliased(source, "containers", "projects", at: "source")
            var containers: [String] = []
            switch source[containersKey] {
            case .some(.array(let elements)):
                for (index, element) in elements.enumerated() {
                    if let text = element.stringValue, !text.isEmpty {
                        containers.append(text)
                    } else {
                        problem("source.\(containersKey)[\(index)]", "must be a container key such as \"ENG\"")
                    }
                }
                if elements.isEmpty { problem("source.\(containersKey)", "must name at least one container") }
            case .some(.string(let single)): containers = [single]
            case .some(let other):
                problem("source.\(containersKey)", "must be a list of container keys, found \(other.typeName)")
            case .none:
                // Named as the provider's users know it: Jira's configs say `projects`.
                if provider == "jira" {
                    problem(
                        "source.projects", "missing: the project keys to import, e.g. [\"ENG\"] (or \"containers\")")
                } else {
                    problem("source.containers", "missing: the containers to import, e.g. [\"ENG\"]")
                }
            }
            var value = RunConfig.Source(provider: provider, containers: containers)
            let filterKey = aliased(source, "filter", "jql", at: "source")
            if filterKey == "jql", source["jql"] != nil, !provider.isEmpty, provider != "jira" {
                problem("source.jql", "is Jira's name for the filter; for \(provider) write \"filter\"")
            }
            value.filter = string(source[filterKey], at: "source.\(filterKey)")
            if let since = string(source["since"], at: "source.since") {
                value.since = Timestamp.parse(since)
                if value.since == nil {
                    problem("source.since", "\"\(since)\" is not a date; write 2024-01-01 or 2024-01-01T00:00:00Z")
                }
            }
            value.assignedToMe = bool(source["assignedToMe"], at: "source.assignedToMe", default: false)
            value.includeClosed = bool(source["includeClosed"], at: "source.includeClosed", default: true)
            switch source["cap"] {
            case .none: value.cap = 100
            case .some(.null): value.cap = nil
            case .some(let cap):
                if let number = cap.intValue, number >= 1 {
                    value.cap = number
                } else {
                    problem(
                        "source.cap", "must be a whole number ≥ 1, or null to import everything; found \(cap.jsonText)")
                }
            }
            value.comments = bool(source["comments"], at: "source.comments", default: true)
            value.worklogs = bool(source["worklogs"], at: "source.worklogs", default: true)
            switch source["attachments"] {
            case .some(.string(let mode)):
                switch mode.lowercased() {
                case "content": (value.attachments, value.attachmentContent) = (true, true)
                case "metadata": (value.attachments, value.attachmentContent) = (true, false)
                case "none": (value.attachments, value.attachmentContent) = (false, false)
                default:
                    problem(
                        "source.attachments",
                        "\"\(mode)\" is not a choice: \"metadata\" (the default), \"content\" (download the files too) or \"none\""
                    )
                }
            default:
                value.attachments = bool(source["attachments"], at: "source.attachments", default: true)
            }
            value.attachmentMaxMegabytes = integer(
                source["attachmentMaxMegabytes"], at: "source.attachmentMaxMegabytes", range: 1...1_000_000,
                default: 100)
            value.attachmentBudgetMegabytes = integer(
                source["attachmentBudgetMegabytes"], at: "source.attachmentBudgetMegabytes", range: 1...100_000_000,
                default: 10_240)
            value.attachmentConcurrency = integer(
                source["attachmentConcurrency"], at: "source.attachmentConcurrency", range: 1...16, default: 4)
            value.attachmentTimeoutSeconds = integer(
                source["attachmentTimeoutSeconds"], at: "source.attachmentTimeoutSeconds", range: 1...86_400,
                default: 600)
            value.reconcileDeletes = bool(source["reconcileDeletes"], at: "source.reconcileDeletes", default: false)
            switch source["bulkFetch"] {
            case nil, .null?, .bool(true)?: value.bulkFetch = "auto"
            case .bool(false)?: value.bulkFetch = "never"
            case .string(let mode)? where ["auto", "always", "never"].contains(mode.lowercased()):
                value.bulkFetch = mode.lowercased()
            default:
                problem(
                    "source.bulkFetch",
                    "is not a choice: \"auto\" (the default: when the source is far enough for it to pay), \"always\" or \"never\""
                )
            }
            value.pageSize = integer(source["pageSize"], at: "source.pageSize", range: 1...1000, default: 100)
            if let bound = source["maxConcurrentRequests"], bound != .null {
                value.maxConcurrentRequests = integer(
                    bound, at: "source.maxConcurrentRequests", range: 1...32, default: 4)
            }
            value.requestTimeoutSeconds = integer(
                source["requestTimeoutSeconds"], at: "source.requestTimeoutSeconds", range: 1...600, default: 30)
            value.maxResponseMegabytes = integer(
                source["maxResponseMegabytes"], at: "source.maxResponseMegabytes", range: 1...1024,
                default: ConnectionOptions.defaultMaxResponseBytes >> 20)
            value.overlapMinutes = integer(
                source["overlapMinutes"], at: "source.overlapMinutes", range: 0...1440, default: 5)
            if let rate = source["requestsPerSecond"], !rate.isNull {
                if let number = rate.doubleValue, number > 0 {
                    value.requestsPerSecond = number
                } else {
                    problem("source.requestsPerSecond", "must be a number > 0")
                }
            }
            sourceValue = value
        }

        var connection: RunConfig.ConnectionReference?
        switch top["connection"] {
        case .some(.string(let name)) where !name.isEmpty:
            connection = .named(name)
        case .some(.object):
            if let inline = object(top["connection"], at: "connection", allowed: RunConfig.inlineConnectionKeys) {
                if inline["token"] != nil || inline["apiToken"] != nil || inline["password"] != nil {
                    problem(
                        "connection",
                        "secrets never go in a config file: name an environment variable with \"tokenEnv\"")
                }
                let provider = string(inline["provider"], at: "connection.provider", required: true)?.lowercased() ?? ""
                let url = string(inline["url"], at: "connection.url", required: true) ?? ""
                let email = string(inline["email"], at: "connection.email")
                let tokenEnv = string(inline["tokenEnv"], at: "connection.tokenEnv", required: true) ?? ""
                var kind: AuthKind = email == nil ? .personalAccessToken : .emailToken
                if let text = string(inline["authKind"], at: "connection.authKind") {
                    if let parsed = AuthKind(rawValue: text) {
                        kind = parsed
                    } else {
                        problem(
                            "connection.authKind",
                            "must be one of \(AuthKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                }
                if let sourceProvider = sourceValue?.provider, !provider.isEmpty, !sourceProvider.isEmpty,
                    provider != sourceProvider
                {
                    problem("connection.provider", "is \"\(provider)\" but source.provider is \"\(sourceProvider)\"")
                }
                connection = .inline(provider: provider, url: url, email: email, tokenEnv: tokenEnv, authKind: kind)
            }
        case .some(let other):
            problem(
                "connection",
                "must be a connection name or an inline {provider, url, email, tokenEnv}; found \(other.typeName)")
        case .none:
            problem("connection", "missing: the name of a connection made with `tributary connect`")
        }

        var destinationValue: RunConfig.Destination?
        if let destination = object(top["destination"], at: "destination", allowed: RunConfig.destinationKeys) {
            var value = RunConfig.Destination(
                project: string(destination["project"], at: "destination.project", required: true) ?? "")
            value.createProject = bool(destination["createProject"], at: "destination.createProject", default: false)
            value.createMilestones = bool(
                destination["createMilestones"], at: "destination.createMilestones", default: false)
            switch destination["moveFrom"] {
            case .none, .some(.null): break
            case .some(.array(let names)):
                for (index, name) in names.enumerated() {
                    if let text = name.stringValue, !text.isEmpty {
                        value.moveFrom.append(text)
                    } else {
                        problem("destination.moveFrom[\(index)]", "must be a project name")
                    }
                }
            case .some(let other):
                problem("destination.moveFrom", "must be a list of project names, found \(other.typeName)")
            }
            destinationValue = value
        }

        var mappingValue = RunConfig.Mapping()
        if let mapping = object(top["mapping"], at: "mapping", allowed: RunConfig.mappingKeys, required: false) {
            mappingValue.table = string(mapping["table"], at: "mapping.table")
            if let params = mapping["params"] {
                if let members = params.objectValue {
                    mappingValue.params = members
                } else {
                    problem("mapping.params", "must be an object such as {\"hoursPerStoryPoint\": 2.0}")
                }
            }
        }
        var peopleValue = RunConfig.People()
        if let people = object(top["people"], at: "people", allowed: RunConfig.peopleKeys, required: false) {
            peopleValue.map = userMap(people["map"], at: "people.map")
            peopleValue.mapFile = string(people["mapFile"], at: "people.mapFile")
        }
        guard let sourceValue, let destinationValue, let connection else { return nil }
        return RunConfig(
            owner: owner, database: database, connection: connection, source: sourceValue,
            destination: destinationValue,
            mapping: mappingValue, people: peopleValue, origin: origin, raw: json)
    }
}
