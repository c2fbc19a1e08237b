import Foundation
import ImportCore

/// The checks every provider must pass (docs/PROVIDER_CONTRACT.md), as functions that return the
/// problems they find: an empty list means the provider conforms. `Tests/ProviderConformance` runs
/// them for every registered provider; a new provider's author runs them the same way.
public enum ConformanceKit {
    /// Identity and registration: a lowercase id the registry finds, a name, auth kinds, and the
    /// verify request and pagination described.
    public static func identity(_ provider: any Provider, in registry: ProviderRegistry) -> [String] {
        var problems: [String] = []
        let descriptor = provider.descriptor
        if descriptor.id.isEmpty || descriptor.id != descriptor.id.lowercased() || descriptor.id.contains(" ") {
            problems.append("id \"\(descriptor.id)\" must be a lowercase word (it is stored in external_source)")
        }
        if descriptor.displayName.isEmpty { problems.append("display name is empty") }
        if descriptor.authKinds.isEmpty { problems.append("no auth kinds declared") }
        if descriptor.verifyEndpoint.isEmpty { problems.append("the verify request is not described") }
        if descriptor.pagination.isEmpty { problems.append("the pagination style is not described") }
        if descriptor.containerNoun.isEmpty { problems.append("the container noun is empty") }
        if registry.provider(descriptor.id)?.descriptor.id != descriptor.id {
            problems.append("not registered under \"\(descriptor.id)\"")
        }
        if case .stub(let works, let missing) = descriptor.readiness, works.isEmpty || missing.isEmpty {
            problems.append("a stub lists what works and what is missing")
        }
        return problems
    }

    /// The provider's mapping table exists, validates, and maps records of this provider.
    public static func mappingTable(at path: String, provider: String) -> (MappingTable?, [String]) {
        do {
            let table = try MappingParser.load(path: path)
            guard table.provider == provider else {
                return (table, ["the table maps \"\(table.provider)\", not \"\(provider)\""])
            }
            return (table, [])
        } catch {
            return (nil, ["\(error)"])
        }
    }

    /// Every sample record maps to a valid canonical task with complete provenance (id, URL, UTC
    /// update time; children with ids), the same twice over, with UTC timestamps throughout.
    public static func samples(_ records: [JSONValue], evaluator: MappingEvaluator, provider: String) -> [String] {
        var problems: [String] = []
        if records.isEmpty { problems.append("no sample records") }
        for record in records {
            let label = evaluator.label(of: record) ?? "?"
            let first: CanonicalTask
            do {
                first = try evaluator.canonical(record, source: provider)
            } catch {
                problems.append("\(label): does not map: \(error)")
                continue
            }
            if let second = try? evaluator.canonical(record, source: provider), second != first {
                problems.append("\(label): two mappings of the same record differ")
            }
            let ref = first.ref
            if ref.source != provider { problems.append("\(label): external_source is \(ref.source)") }
            if ref.id.isEmpty { problems.append("\(label): empty external_id") }
            if ref.url?.isEmpty ?? true { problems.append("\(label): no external_url") }
            if let url = ref.url, URL(string: url)?.scheme == nil {
                problems.append("\(label): external_url \(url) is not a URL")
            }
            guard let updated = ref.updatedAt else {
                problems.append("\(label): no external_updated_at")
                continue
            }
            var stamps: [(String, String?)] = [("external_updated_at", updated), ("due_date", first.dueDate)]
            stamps += first.comments.flatMap {
                [("comment.created_at", $0.createdAt), ("comment.external_updated_at", $0.ref.updatedAt)]
            }
            stamps += first.worklogs.map { ("worklog.started_at", $0.startedAt) }
            stamps += first.attachments.map { ("attachment.created_at", $0.createdAt) }
            for (field, value) in stamps {
                guard let value else { continue }
                if !(isUTC(value) || isBareDate(value)) {
                    problems.append("\(label): \(field) \(value) is not ISO-8601 UTC")
                }
            }
            let children =
                first.comments.map(\.ref) + first.worklogs.map(\.ref) + first.attachments.map(\.ref)
                + first.checklist.map(\.ref)
            for child in children where child.id.isEmpty || child.source != provider {
                problems.append("\(label): a child record lacks provenance")
            }
        }
        return problems
    }

    /// For providers with a sandbox: pagination reaches an end, returns each record once, and a
    /// cursor taken after the first page resumes with exactly the rest.
    public static func pagination(_ connection: any ProviderConnection, query: RecordQuery, idPath: String = "id") async
        -> [String]
    {
        func ids(_ records: [JSONValue]) -> [String] { records.map { $0[idPath]?.scalarText ?? "?" } }
        do {
            var all: [String] = []
            var pages = 0
            var firstCursor: PageCursor?
            for try await page in connection.pages(query) {
                pages += 1
                if pages == 1 { firstCursor = page.next }
                all += ids(page.records)
                if pages > 10_000 { return ["pagination never ends"] }
            }
            var problems: [String] = []
            if Set(all).count != all.count { problems.append("a record came twice") }
            if pages < 2 { problems.append("the sample query fits one page; use a smaller page size") }
            guard let cursor = firstCursor else { return problems + ["no cursor after the first page"] }
            var rest: [String] = []
            for try await page in connection.pages(query, from: cursor) { rest += ids(page.records) }
            let firstPage = all.prefix(all.count - rest.count)
            if Array(firstPage) + rest != all {
                problems.append("resuming from the first page's cursor does not give the rest")
            }
            return problems
        } catch {
            return ["pagination failed: \(error)"]
        }
    }

    /// For providers with a sandbox: verification refuses bad credentials with an authentication error
    /// that carries the source's message and a hint, and never the secret.
    public static func verifyRejects(_ connection: any ProviderConnection, secret: String) async -> [String] {
        do {
            _ = try await connection.verify()
            return ["bad credentials were accepted"]
        } catch let error as ProviderError {
            var problems: [String] = []
            if error.kind != .authentication {
                problems.append("bad credentials gave a \(error.kind) error, not authentication")
            }
            if error.sourceMessages.isEmpty { problems.append("the source's own message is missing") }
            if error.hint.isEmpty { problems.append("no hint") }
            if "\(error)".contains(secret) { problems.append("the error shows the secret") }
            return problems
        } catch {
            return ["verification failed with an untyped error: \(error)"]
        }
    }

    static func isUTC(_ text: String) -> Bool {
        text.hasSuffix("Z") && Timestamp.parse(text)?.iso8601 == text
    }

    static func isBareDate(_ text: String) -> Bool {
        text.count == 10 && Timestamp.parse(text) != nil
    }
}
