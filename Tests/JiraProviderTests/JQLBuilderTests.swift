import Foundation
import ImportCore
import JiraProvider
import Testing

@Suite("Building JQL from a run config")
struct JQLBuilderTests {
    let utc = JQLBuilder(timeZoneIdentifier: "UTC")
    let sydney = JQLBuilder(timeZoneIdentifier: "Australia/Sydney")

    @Test("one project, every filter off: ascending, resumable order")
    func minimal() throws {
        #expect(try utc.jql(for: RecordQuery(containers: ["ENG"])) == #"project = "ENG" ORDER BY updated ASC, id ASC"#)
    }

    @Test("several projects, user clause in parentheses (its ORDER BY dropped), assigned to me, open only")
    func everything() throws {
        let query = RecordQuery(
            containers: ["ENG", "OPS"], filter: "labels = backend OR priority = High ORDER BY created",
            assignedToMe: true,
            includeClosed: false, order: .recentFirst)
        #expect(
            try utc.jql(for: query)
                == #"project in ("ENG", "OPS") AND (labels = backend OR priority = High) AND assignee = currentUser() AND statusCategory != Done ORDER BY updated DESC, id DESC"#
        )
    }

    @Test(
        "date bounds are written in the token user's zone, rounded down to the minute",
        arguments: [
            ("UTC", "2024-01-15T10:20:30.123Z", "2024-01-15 10:20"),
            ("Australia/Sydney", "2024-01-15T10:20:30.123Z", "2024-01-15 21:20"),
            ("America/New_York", "2024-07-01T03:59:59.999Z", "2024-06-30 23:59"),
            ("Asia/Kolkata", "2024-03-10T00:00:00.000Z", "2024-03-10 05:30"),
        ])
    func timeZones(_ zone: String, _ instant: String, _ expected: String) throws {
        let builder = JQLBuilder(timeZoneIdentifier: zone)
        let query = RecordQuery(containers: ["A"], updatedSince: Timestamp.parse(instant))
        #expect(try builder.jql(for: query).contains("updated >= \"\(expected)\""))
    }

    @Test("since and incremental bounds: the later wins")
    func bothBounds() throws {
        let query = RecordQuery(
            containers: ["A"], since: Timestamp.parse("2024-01-01T00:00:00Z"),
            updatedSince: Timestamp.parse("2024-05-01T12:00:00Z"))
        let jql = try utc.jql(for: query)
        #expect(jql.contains(#"updated >= "2024-05-01 12:00""#))
        #expect(!jql.contains("2024-01-01"))
    }

    @Test("resuming from a keyset position: ascending from its minute, descending before the next minute")
    func keyset() throws {
        let position = JiraCursor.Position(
            updated: Timestamp.parse("2024-01-15T10:20:30.123Z")!.millisecondsSince1970, id: "10042")
        #expect(
            try utc.jql(for: RecordQuery(containers: ["A"]), after: position).contains(
                #"updated >= "2024-01-15 10:20""#))
        #expect(
            try sydney.jql(for: RecordQuery(containers: ["A"], order: .recentFirst), after: position).contains(
                #"updated < "2024-01-15 21:21""#))
    }

    @Test("quotes and backslashes in project keys are escaped")
    func escaping() throws {
        #expect(try utc.jql(for: RecordQuery(containers: [#"we"ird\"#])).hasPrefix(#"project = "we\"ird\\""#))
    }

    @Test(
        "a filter that could escape its parentheses is refused; literals are read as literals",
        arguments: [
            ("labels is EMPTY) OR (project = OPS", "never opened"),
            ("(labels = a", "never closed"),
            ("((a = 1) OR (b = 2)", "never closed"),
            (#"summary ~ "unterminated"#, "string literal"),
            ("summary ~ 'single", "string literal"),
            (#"summary ~ "a \" ) OR (project = OPS"#, "string literal"),
        ])
    func escapingFilters(_ filter: String, _ reason: String) {
        let error = #expect(throws: ProviderError.self) {
            _ = try utc.jql(for: RecordQuery(containers: ["ENG"], filter: filter))
        }
        #expect(error?.kind == .configuration)
        #expect(error?.message.contains(reason) == true, "\(String(describing: error))")
        #expect(throws: ProviderError.self) {
            try JiraProvider().validate(RecordQuery(containers: ["ENG"], filter: filter))
        }
    }

    @Test(
        "balanced filters pass; ORDER BY is cut at the top level only, never inside a literal",
        arguments: [
            (#"summary ~ "a (b" AND labels = x"#, #"(summary ~ "a (b" AND labels = x)"#),
            (#"summary ~ "order by me" ORDER BY created DESC"#, #"(summary ~ "order by me")"#),
            ("labels = reorder", "(labels = reorder)"),
            ("(a = 1 OR b = 2) order\n  by rank", "((a = 1 OR b = 2))"),
            (#"summary ~ "it\"s ) fine""#, #"(summary ~ "it\"s ) fine")"#),
        ])
    func balancedFilters(_ filter: String, _ clause: String) throws {
        let jql = try utc.jql(for: RecordQuery(containers: ["ENG"], filter: filter))
        #expect(jql == #"project = "ENG" AND "# + clause + " ORDER BY updated ASC, id ASC")
    }

    @Test("a filter that is only ORDER BY adds no clause")
    func onlyOrderBy() throws {
        #expect(
            try utc.jql(for: RecordQuery(containers: ["ENG"], filter: "ORDER BY rank"))
                == #"project = "ENG" ORDER BY updated ASC, id ASC"#)
    }

    @Test(
        "site URLs pasted from the browser are normalised",
        arguments: [
            ("https://acme.atlassian.net/", "https://acme.atlassian.net"),
            ("acme.atlassian.net", "https://acme.atlassian.net"),
            ("HTTPS://Acme.Atlassian.net/browse/ENG-12?focusedCommentId=3", "https://acme.atlassian.net"),
            ("https://acme.atlassian.net/jira/software/projects/ENG/boards/1", "https://acme.atlassian.net"),
            ("https://acme.atlassian.net/rest/api/3/myself", "https://acme.atlassian.net"),
            ("https://jira.example.com/jira/browse/OPS-1", "https://jira.example.com/jira"),
            ("http://127.0.0.1:8080//", "http://127.0.0.1:8080"),
        ])
    func siteURLs(_ raw: String, _ expected: String) throws {
        #expect(try JiraProvider.siteURL(raw) == expected)
    }

    @Test(
        "bad URLs are refused with a reason",
        arguments: [
            "http://acme.atlassian.net", "file:///etc/passwd", "ftp://jira.example.com", "https://",
            "https://user:pw@acme.atlassian.net", "",
        ])
    func badURLs(_ raw: String) {
        #expect(throws: URLPolicyError.self) { _ = try JiraProvider.siteURL(raw) }
    }
}
